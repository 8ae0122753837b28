"""Positioned text: the only shape in which page content leaves the reader.

Coordinates are PDF points with the origin at the top left of the page (pdfplumber's
``top``/``bottom``), so a larger ``top`` is further down the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kompass_extract.read.chars import SOFT_HYPHEN, Mark
from kompass_extract.rules.vocabulary import vocabulary


@dataclass(frozen=True, slots=True)
class Word:
    """A run of non-space characters and its box in points (``x0`` < ``x1`` left to right,
    ``top`` < ``bottom`` down the page). ``space_after``: the PDF put a space character after it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    space_after: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of text on one page (1-based ``page``): its words, left to right, never
    empty; ``size`` is the font size in points most of its glyphs have, ``bold`` whether most
    of them are set in a bold face."""

    page: int
    words: tuple[Word, ...]
    size: float
    bold: bool

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        """Left edge of the first word, in points."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge of the last word, in points."""
        return self.words[-1].x1

    @property
    def top(self) -> float:
        """Top of the highest word, in points from the top of the page."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom of the lowest word, in points from the top of the page."""
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        """``bottom - top`` in points."""
        return self.bottom - self.top

    @property
    def trailing_space(self) -> bool:
        """A line ending in "-" with a trailing space is a dash before a new word ("Energi- och");
        without one it is a compound broken at the line end ("trainee-utbildningar")."""
        return self.words[-1].space_after

    def with_words(self, words: Sequence[Word]) -> Line:
        """The same line (page, size, weight) holding other words; ``words`` must not be empty."""
        return Line(self.page, tuple(words), self.size, self.bold)


def line_from_text(
    text: str,
    page: int = 1,
    top: float = 0.0,
    *,
    x0: float = 70.0,
    size: float = 11.0,
    bold: bool = False,
) -> Line:
    """A Line built from plain text, for tests and for parsers fed text without a PDF.

    Words are laid out from ``x0`` at a nominal width of half the font ``size`` per character
    (points), one character's width apart, at ``top``; a trailing space in ``text`` becomes
    ``space_after`` on the last word. ``text`` must hold a word.
    """
    tokens = text.split()
    char_width = size * 0.5
    words: list[Word] = []
    x = x0
    for i, token in enumerate(tokens):
        width = char_width * len(token)
        last = i == len(tokens) - 1
        space_after = (not last) or text.endswith((" ", "\t"))
        words.append(Word(token, x, x + width, top, top + size, space_after))
        x += width + char_width
    return Line(page, tuple(words), size, bold)


def join_wrapped(parts: Iterable[tuple[str, bool]]) -> str:
    """Join wrapped pieces of one item: ``(text, trailing_space)`` per visual line.

    Lines are joined with one space, except that a line ending in a soft hyphen (the reader's
    marker of a word broken at the line end) joins the next with nothing and loses the marker
    ("utb\u00ad" + "ilda" -> "utbilda"), and a line ending in "-" without a trailing space
    joins the next with none (a compound broken at the line end) unless the next begins with
    a word that follows a suspended compound ("Energi-" + "och" keeps its space). White space
    runs are folded; no soft hyphen is left in the result.
    """
    out = ""
    glue_space = True
    for text, trailing_space in parts:
        piece = " ".join(text.split())
        if not piece:
            continue
        if not out:
            out = piece
        elif out.endswith(SOFT_HYPHEN):
            out = out[:-1] + piece
        elif out.endswith("-") and not out.endswith(" -") and not glue_space:
            out += " " + piece if _follows_suspended_compound(piece) else piece
        else:
            out += " " + piece
        glue_space = trailing_space
    return plain_text(out)


def plain_text(text: str) -> str:
    """``text`` without soft hyphens: one before a space joins the words around it (a line
    break joined with a space upstream), any other is dropped."""
    return text.replace(SOFT_HYPHEN + " ", "").replace(SOFT_HYPHEN, "")


def _follows_suspended_compound(piece: str) -> bool:
    return piece.split(" ", 1)[0].casefold() in vocabulary().suspended_compound_links


def join_lines(lines: Iterable[Line]) -> str:
    """The text of wrapped lines of one item, joined as ``join_wrapped`` does."""
    return join_wrapped((line.text, line.trailing_space) for line in lines)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a PDF as positioned lines; ``char_count`` counts the glyphs read from it;
    ``marks`` are its small drawn shapes and images (see ``Mark``), top to bottom;
    ``running`` holds the running heads, footers and page numbers taken out of ``lines``;
    ``rotation`` is the turn (clockwise degrees: 0, 90, 180, 270) the reader undid to read the
    page's text left to right: ``width``, ``height`` and every box are in that turned frame
    (``parse.extent.turned_back`` gives a box in the frame of the page as displayed)."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    char_count: int
    marks: tuple[Mark, ...] = ()
    running: tuple[Line, ...] = ()
    rotation: int = 0
