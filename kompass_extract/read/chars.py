"""Glyphs as printed: the one shape in which both reading engines hand over a page's text.

Coordinates are PDF points with the origin at the top left of the page as read (pdfplumber's
``top``/``bottom``: a larger ``top`` is further down); ``size`` is the font size in points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

SOFT_HYPHEN = "\u00ad"
BULLET = "\u2022"
REPLACEMENT = "\ufffd"


class Char(NamedTuple):
    """One glyph drawn on a page (a named tuple: made from columns in one pass, immutable;
    ``char._replace(x0=...)`` gives a changed copy).

    ``text``: what the PDF's text layer maps it to (U+FFFD when it maps it to nothing);
    ``render_mode``: the PDF text render mode, 0-7 (3 and 7 paint nothing: an OCR layer);
    ``upright``: the baseline runs left to right; ``direction``: the baseline's angle,
    clockwise, in quarter turns as degrees (0, 90, 180, 270); ``unmapped``: the font has no
    Unicode for the glyph.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    render_mode: int = 0
    upright: bool = True
    unmapped: bool = False
    direction: int = 0

    @property
    def width(self) -> float:
        """``x1 - x0`` in points."""
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Mark:
    """A small drawn shape or image on a page (a bullet drawn as a disc, square or picture),
    its box in points as for ``Char``; ``kind`` is "shape" (vector graphics) or "image"."""

    x0: float
    top: float
    x1: float
    bottom: float
    kind: str = "shape"


@dataclass(frozen=True, slots=True)
class PageChars:
    """One page's glyphs in drawing order, and its small drawn shapes and images (``marks``,
    none larger than ``LayoutSettings.mark_max_size``); ``width`` x ``height`` in points, as
    displayed."""

    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    marks: tuple[Mark, ...] = ()


def direction_of(matrix: Sequence[float] | None) -> int:
    """Clockwise angle (0, 90, 180, 270) of a text matrix's baseline, nearest quarter turn."""
    if not matrix:
        return 0
    a, b = float(matrix[0]), float(matrix[1])  # baseline vector, PDF y-up
    return round(math.degrees(math.atan2(-b, a)) / 90) % 4 * 90


class Tenths(dict[float, float]):
    """Values rounded to one decimal (``round(value, 1)``), each distinct value rounded once: a
    page's glyphs share few sizes and baselines, and rounding a float is slow. Use
    ``tenths[value]`` (or ``map(tenths.__getitem__, values)``)."""

    def __missing__(self, value: float) -> float:
        rounded = self[value] = round(value, 1)
        return rounded


def chars_from_columns(columns: Sequence[Sequence[object]]) -> tuple[Char, ...]:
    """``Char`` records from one column per field, in the order of ``Char``'s fields (text,
    x0, x1, top, bottom, size, fontname, render_mode, upright, unmapped, direction), all of one
    length, made row by row from C (``map``, ``zip``). The records equal those ``Char(...)``
    makes from the same values (no conversion is done)."""
    return tuple(map(tuple.__new__, repeat(Char), zip(*columns, strict=True)))
