"""The displayed frame, /ActualText placement, end-of-line hyphens restored, ``Char`` records."""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from itertools import compress, repeat

import pypdfium2.raw as pdfium_c

from kompass_extract.read.chars import REPLACEMENT, Char, chars_from_columns
from kompass_extract.read.pdfium.charlist import _Glyphs
from kompass_extract.read.pdfium.native import _PAGE_OBJECT


def _span(
    matrix: tuple[float, float, float, float], origin: tuple[float, float], box: tuple
) -> tuple[float, float] | None:
    """Where a user-space box (left, bottom, right, top) starts and ends along the baseline of a
    glyph with this matrix and origin, in text space units; None when the matrix is not a
    multiple of a quarter turn (the box's extent then mixes both text axes)."""
    a, b, c, d = matrix
    if abs(b) < 1e-6 and abs(c) < 1e-6 and abs(a) > 1e-9:
        p, q = (box[0] - origin[0]) / a, (box[2] - origin[0]) / a
    elif abs(a) < 1e-6 and abs(d) < 1e-6 and abs(b) > 1e-9:
        p, q = (box[1] - origin[1]) / b, (box[3] - origin[1]) / b
    else:
        return None
    return (q, p) if q < p else (p, q)


def _actual_text_glyphs(glyphs: _Glyphs) -> list[int]:
    """Positions of the characters PDFium took from /ActualText: several characters of one text
    object at its origin (after joining, they differ in their boxes)."""
    x, y, address = glyphs.x, glyphs.y, glyphs.address
    spread: set[int] = set()
    for k in compress(range(1, len(x)), map(operator.eq, x[1:], x)):
        if address[k] == address[k - 1] and y[k] == y[k - 1]:
            spread.update((k - 1, k))
    return sorted(spread)


def _place_actual_text(glyphs, spread: list[int], objects, widths, inks) -> dict[int, tuple]:
    """Place the /ActualText characters (PDFium gives each its share of the object's box) on
    their share along the baseline: their origin and width (``widths``) come from that box, the
    font box is drawn across the baseline as usual. Returns the glyphs whose matrix is not a
    quarter turn, whose share itself becomes the box (user space)."""
    boxes: dict[int, tuple] = {}
    for k in spread:
        box = inks[glyphs.index[k]]
        matrix = objects[k].matrix
        span = _span(matrix, (glyphs.x[k], glyphs.y[k]), box)
        if span is None:
            boxes[k] = box
            continue
        a, b, _, _ = matrix
        glyphs.x[k], glyphs.y[k] = glyphs.x[k] + a * span[0], glyphs.y[k] + b * span[0]
        widths[k] = span[1] - span[0]
    return boxes


def _original_hyphens(document, index: int, page, glyphs: _Glyphs) -> dict[int, str]:
    """The character the PDF holds for each of PDFium's end-of-line hyphen markers, by glyph
    position, where it is a hyphen or a soft hyphen."""
    if True not in glyphs.hyphen:
        return {}
    positions = _object_positions(page)
    restored = {}
    for k in compress(range(len(glyphs.hyphen)), glyphs.hyphen):
        position = positions.get(glyphs.address[k])
        original = _isolated_last_char(document, index, position) if position is not None else None
        if original in ("-", "\u00ad", "\u2010", "\u2011"):
            restored[k] = original
    return restored


def _object_positions(page) -> dict[int, int]:
    """Address -> index of the page's top-level page objects."""
    count = pdfium_c.FPDFPage_CountObjects(page)
    objects = map(_PAGE_OBJECT, repeat(page), range(max(count, 0)))
    return {address: k for k, address in enumerate(objects) if address}


def _isolated_last_char(document, index: int, position: int) -> str | None:
    """Last character of one text object read on a fresh copy of the page holding nothing else
    (so PDFium sees no following line and keeps the hyphen as the PDF maps it)."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        return None
    try:
        for k in reversed(range(pdfium_c.FPDFPage_CountObjects(page))):
            if k != position:
                obj = pdfium_c.FPDFPage_GetObject(page, k)
                if obj and pdfium_c.FPDFPage_RemoveObject(page, obj):
                    pdfium_c.FPDFPageObj_Destroy(obj)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            return None
        try:
            return _last_real_char(textpage)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _last_real_char(textpage) -> str | None:
    for i in reversed(range(max(pdfium_c.FPDFText_CountChars(textpage), 0))):
        if pdfium_c.FPDFText_IsGenerated(textpage, i) != 1:
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            return chr(code) if code else None
    return None


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where glyphs are placed: user space turned clockwise by ``rotation`` degrees, then
    mirrored left-right when ``mirrored``; ``box`` is the MediaBox in user space."""

    rotation: int
    mirrored: bool
    box: tuple[float, float, float, float]

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the frame in points."""
        width, height = self.box[2] - self.box[0], self.box[3] - self.box[1]
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, point: tuple[float, float]) -> tuple[float, float]:
        """A user-space point as (x, top) in the frame, with pdfplumber's MediaBox offsets."""
        x, y = point
        x0, y0, x1, y1 = self.box
        u, v = {
            0: (x - x0, y1 - y),
            90: (y - y0, x - x0),
            180: (x1 - x, y - y0),
            270: (y1 - y, x1 - x),
        }[self.rotation]
        if self.mirrored:
            u = self.size[0] - u
        offset_x, offset_y = (y0, -x0) if self.rotation in (90, 270) else (x0, -y0)
        return u + offset_x, v + offset_y

    def affine(self) -> tuple[float, float, float, float, float, float]:
        """``point`` as coefficients (fa, fb, fc, fd, fe, ff): u = fa*x + fc*y + fe and
        v = fb*x + fd*y + ff."""
        fe, ff = self.point((0.0, 0.0))
        ux, vx = self.point((1.0, 0.0))
        uy, vy = self.point((0.0, 1.0))
        return (ux - fe, vx - ff, uy - fe, vy - ff, fe, ff)

    def vector(self, vector: tuple[float, float]) -> tuple[float, float]:
        """A user-space direction in the frame (y down)."""
        dx, dy = vector
        u, v = {0: (dx, -dy), 90: (dy, dx), 180: (-dx, dy), 270: (-dy, -dx)}[self.rotation]
        return (-u, v) if self.mirrored else (u, v)


def _to_chars(glyphs: _Glyphs, columns: tuple[list, ...]) -> tuple[Char, ...]:
    """The glyphs as ``Char`` records, those with non-finite geometry left out."""
    x0, x1, top, bottom, size, fontname, render_mode, upright, direction = columns
    texts = glyphs.text
    if True in glyphs.unmapped:
        texts = [REPLACEMENT if u else t for t, u in zip(texts, glyphs.unmapped, strict=True)]
    records = [texts, x0, x1, top, bottom, size, fontname, render_mode, upright]
    records += [glyphs.unmapped, direction]
    if not math.isfinite(sum(x0) + sum(x1) + sum(top) + sum(bottom) + sum(size)):
        finite = list(map(math.isfinite, map(_sum5, x0, x1, top, bottom, size)))
        records = [list(compress(column, finite)) for column in records]
    return chars_from_columns(records)


def _sum5(a: float, b: float, c: float, d: float, e: float) -> float:
    return a + b + c + d + e
