"""Glyph boxes in the displayed frame: pdfminer's font box (advance x descent..descent+1 em)
mapped through each glyph's matrix, the advance settled from the font and PDFium's boxes."""

from __future__ import annotations

import ctypes
import math
from bisect import bisect_right
from collections import deque
from itertools import repeat
from typing import Any

from kompass_extract.read.chars import direction_of
from kompass_extract.read.pdfium.charlist import _Glyphs
from kompass_extract.read.pdfium.fonts import _PageReader, _TextObject
from kompass_extract.read.pdfium.native import _CHAR_BOX, _SCRATCH
from kompass_extract.read.pdfium.placing import (
    _actual_text_glyphs,
    _Frame,
    _place_actual_text,
    _span,
)

GEOMETRY_TOLERANCE = 0.01  # text-space units treated as equal when checking advance widths


def _layout(reader: _PageReader, glyphs: _Glyphs, place: _Frame) -> tuple[list, ...]:
    """The columns x0, x1, top, bottom, size, fontname, render_mode, upright, direction of the glyphs'
    ``Char`` records in the frame.

    The box is the font box [0, advance] x [descent, descent + 1] em (text space) mapped into the
    frame. Upright glyphs take a fast path, run by run (``_lay_upright``, ``_check_inked``); the
    others (``_lay_carefully``) are laid afterwards in their places."""
    affine = place.affine()
    count = len(glyphs.text)
    columns: tuple[list, ...] = tuple([0.0] * count for _ in range(4)) + ([], [], [], [], [])
    keys: list[Any] = glyphs.text
    if True in glyphs.unmapped:  # no font width for an unmapped glyph
        keys = [None if u else t for t, u in zip(keys, glyphs.unmapped, strict=True)]
    spread = _actual_text_glyphs(glyphs)
    careful: list[int] = list(spread)
    inked: list[tuple] = []
    for run in glyphs.runs:
        careful += _lay_run(reader, glyphs, keys, run, affine, columns, inked)
    if inked:
        _check_inked(reader, glyphs, inked, affine, columns)
    if careful:
        _lay_carefully(reader, glyphs, sorted(set(careful)), spread, affine, columns)
    return columns


def _frame_axes(obj: _TextObject, affine) -> tuple[float, float, float, float]:
    """The text-space unit vectors of the object's glyphs in the frame: along the baseline
    (au, av) and across it (cu, cv)."""
    fa, fb, fc, fd, _, _ = affine  # frame u = fa*x + fc*y + fe, v = fb*x + fd*y + ff
    a, b, c, d = obj.matrix
    return fa * a + fc * b, fb * a + fd * b, fa * c + fc * d, fb * c + fd * d


def _lay_run(reader, glyphs: _Glyphs, keys: list, run: tuple, affine, columns, inked: list):
    """Lay the glyphs of one run (text objects of the same properties): their boxes on the fast
    path, their size, font name, render mode and upright flag; return the positions left for
    ``_lay_carefully``."""
    start, end, obj = run
    au, av, cu, cv = _frame_axes(obj, affine)
    size, fontname, render_mode, upright, direction = columns[4:]
    count = end - start
    direction.extend(repeat(direction_of((au, -av)), count))
    size.extend(repeat(abs(obj.font_size) * math.hypot(obj.matrix[2], obj.matrix[3]), count))
    fontname.extend(repeat(obj.font.name, count))
    render_mode.extend(repeat(obj.render_mode, count))
    upright.extend(repeat(au * cv < 0 and av * cu >= 0, count))  # pdfminer's, y-up matrix
    low = obj.font.descent * obj.font_size
    high = low + obj.font_size
    axis = _baseline_axis(obj.matrix, glyphs)
    if axis is None or not (av == 0.0 and cu == 0.0 and au > 0.0 and cv < 0.0 and high >= low):
        return range(start, end)
    shape = (axis, au, cv, low, high)
    return _lay_upright(reader, glyphs, keys, run, shape, affine, columns, inked)


def _lay_upright(reader, glyphs, keys, run, shape, affine, columns, inked) -> list[int]:
    """The fast path for the glyphs of one run of upright glyphs (text-space axes along the
    frame's): the font's width is the advance where PDFium's loose box (the advance box united
    with the ink box) ends there, the loose box's end where the font has no width; the box is
    then (u0, u0 + au*w) x (v0 + cv*high, v0 + cv*low) from the origin (u0, v0) in the frame.
    Where the loose box ends elsewhere the font's width is taken too, and the glyph noted in
    ``inked`` for ``_check_inked``; returns the glyphs with a negative or NaN advance."""
    start, end, obj = run
    fa, fb, fc, fd, fe, ff = affine
    (lows, highs, origins, scale, _), au, cv, low, high = shape
    x0, x1, top, bottom = columns[:4]
    table = reader.width_table(obj)
    odd: list[int] = []  # negative or NaN advance
    ink_checks: list[tuple[int, float, float]] = []
    tolerance = GEOMETRY_TOLERANCE
    for k, key, lo, hi, origin, ox, oy in zip(
        range(start, end),
        keys[start:end],
        lows[start:end],
        highs[start:end],
        origins[start:end],
        glyphs.x[start:end],
        glyphs.y[start:end],
        strict=True,
    ):
        try:
            w = table[key]
        except KeyError:
            w = reader.text_width(obj, key)
        p = (lo - origin) / scale
        q = (hi - origin) / scale
        loose_end = p if q < p else q
        if w is None:
            w = loose_end
        elif not -tolerance <= w - loose_end <= tolerance:  # abs(...) <= tolerance
            ink_checks.append((k, w, loose_end))
        if w >= 0.0:
            u0 = fa * ox + fc * oy + fe
            v0 = fb * ox + fd * oy + ff
            x0[k] = u0
            x1[k] = u0 + au * w
            top[k] = v0 + cv * high
            bottom[k] = v0 + cv * low
        else:
            odd.append(k)
    if ink_checks:
        inked.append((run, shape, ink_checks))
    return odd


def _check_inked(reader, glyphs: _Glyphs, inked: list[tuple], affine, columns) -> None:
    """Settle the advances the fast path took from the font though the loose box ends
    elsewhere: the ink box decides (``_settle_advance``); re-lay the glyphs whose advance
    changes (the loose box's end)."""
    fa, fb, fc, fd, fe, ff = affine
    indices = [glyphs.index[k] for _, _, checks in inked for k, _, _ in checks]
    values = _ink_values(reader.handle, indices)  # left, right, bottom, top per glyph
    n = 0
    for (_, _, obj), shape, checks in inked:
        (_, _, _, scale, horizontal), au, cv, low, high = shape
        origins, offset = (glyphs.x, 0) if horizontal else (glyphs.y, 2)
        for k, by_font, loose_end in checks:
            origin = origins[k]
            p = (values[n + offset] - origin) / scale
            q = (values[n + offset + 1] - origin) / scale
            n += 4
            w = _settle_advance(by_font, loose_end, p if q < p else q)
            if w is by_font:
                continue
            ox, oy = glyphs.x[k], glyphs.y[k]
            u0, v0 = fa * ox + fc * oy + fe, fb * ox + fd * oy + ff
            if w >= 0.0:
                box = (u0, u0 + au * w, v0 + cv * high, v0 + cv * low)
            else:
                box = _font_box(ox, oy, w, obj, affine)
            columns[0][k], columns[1][k], columns[2][k], columns[3][k] = box


def _baseline_axis(matrix: tuple[float, float, float, float], glyphs: _Glyphs):
    """How to measure a user-space box along the baseline of glyphs with this matrix: the
    columns of the loose box's low and high ends and of the origin on the axis the baseline
    runs along, the matrix's scale on it, and whether that axis is x; None when the matrix is
    not a multiple of a quarter turn (a box's extent then mixes both text axes)."""
    a, b, c, d = matrix
    if abs(b) < 1e-6 and abs(c) < 1e-6 and abs(a) > 1e-9:
        return glyphs.left, glyphs.right, glyphs.x, a, True
    if abs(a) < 1e-6 and abs(d) < 1e-6 and abs(b) > 1e-9:
        return glyphs.bottom, glyphs.top, glyphs.y, b, False
    return None


def _lay_carefully(reader, glyphs, positions: list[int], spread: list[int], affine, columns):
    """Lay the glyphs at ``positions`` one by one, in their places in ``columns``: their advance
    as ``_advance_or_span`` and ``_settle_advance`` decide, the /ActualText characters placed on
    their share of the object (``_place_actual_text``), the font box or ActualText box mapped
    into the frame, whatever the turn."""
    starts = [start for start, _, _ in glyphs.runs]
    objects = {k: glyphs.runs[bisect_right(starts, k) - 1][2] for k in positions}
    widths: dict[int, float] = {}
    open_ends: dict[int, tuple] = {}
    for k in positions:
        advance = _advance_or_span(reader, glyphs, k, objects[k])
        if isinstance(advance, tuple):
            open_ends[k] = advance
        else:
            widths[k] = advance
    inks = _ink_boxes(reader.handle, [glyphs.index[k] for k in sorted({*open_ends, *spread})])
    for k, (by_font, loose_end) in open_ends.items():
        ink = _span(objects[k].matrix, (glyphs.x[k], glyphs.y[k]), inks[glyphs.index[k]])
        widths[k] = _settle_advance(by_font, loose_end, ink[1] if ink else 0.0)
    boxes = _place_actual_text(glyphs, spread, objects, widths, inks)
    x0, x1, top, bottom = columns[:4]
    for k in positions:
        obj = objects[k]
        if k in boxes:
            box = _box_in_frame(boxes[k], affine)
        else:
            box = _font_box(glyphs.x[k], glyphs.y[k], widths[k], obj, affine)
        x0[k], x1[k], top[k], bottom[k] = box


def _advance_or_span(reader, glyphs: _Glyphs, k: int, obj: _TextObject) -> float | tuple:
    """Advance of glyph ``k`` in text space (points at Tf, horizontal scaling excluded) where
    the font's width or the loose box settles it; else (font width, loose box end) for
    ``_settle_advance``, which needs the ink box."""
    by_font = None if glyphs.unmapped[k] else reader.text_width(obj, glyphs.text[k])
    loose = (glyphs.left[k], glyphs.bottom[k], glyphs.right[k], glyphs.top[k])
    span = _span(obj.matrix, (glyphs.x[k], glyphs.y[k]), loose)
    if span is None:
        return by_font if by_font is not None else 0.0
    loose_end = span[1]
    if by_font is None:  # what _settle_advance would decide, whatever the ink
        return loose_end
    if abs(by_font - loose_end) <= GEOMETRY_TOLERANCE:
        return by_font
    return (by_font, loose_end)


def _settle_advance(by_font: float | None, loose_end: float, ink_end: float) -> float:
    """The advance the ink box decides: where the advance edge sticks out beyond the ink it is
    read off the loose box, where the ink reaches further the font's width stands."""
    if by_font is not None and abs(max(by_font, ink_end) - loose_end) <= GEOMETRY_TOLERANCE:
        return by_font
    if loose_end > ink_end + GEOMETRY_TOLERANCE or by_font is None:
        return loose_end
    return by_font


def _ink_values(tp: ctypes.c_void_p, indices: list[int]) -> list[float]:
    """PDFium's tight boxes of the characters' outlines, user space, as 4 values per character
    (left, right, bottom, top); read into the scratch buffer's doubles, two slots per character."""
    if not indices:
        return []
    _SCRATCH.reserve(2 * len(indices))
    firsts, seconds = _SCRATCH.firsts, _SCRATCH.seconds
    deque(
        map(_CHAR_BOX, repeat(tp), indices, firsts[0::2], seconds[0::2], firsts[1::2],
            seconds[1::2]),
        0,
    )  # fmt: skip
    return _SCRATCH.points[: 4 * len(indices)]


def _ink_boxes(tp: ctypes.c_void_p, indices: list[int]) -> dict[int, tuple]:
    """The tight boxes (``_ink_values``) as (left, bottom, right, top) by index."""
    v = _ink_values(tp, indices)
    return {i: (v[4 * n], v[4 * n + 2], v[4 * n + 1], v[4 * n + 3]) for n, i in enumerate(indices)}


def _font_box(ox: float, oy: float, w: float, obj: _TextObject, affine):
    """The font box [0, w] x [descent, descent + 1] em (text space) of a glyph whose origin is
    (ox, oy) in user space, as (x0, x1, top, bottom) in the frame."""
    fa, fb, fc, fd, fe, ff = affine
    au, av, cu, cv = _frame_axes(obj, affine)
    u0, v0 = fa * ox + fc * oy + fe, fb * ox + fd * oy + ff
    low = obj.font.descent * obj.font_size
    high = low + obj.font_size
    if av == 0.0 and cu == 0.0 and au > 0.0 and cv < 0.0 and w >= 0.0 and high >= low:
        return u0, u0 + au * w, v0 + cv * high, v0 + cv * low  # upright: the common case
    return (
        u0 + min(0.0, au * w) + min(cu * low, cu * high),
        u0 + max(0.0, au * w) + max(cu * low, cu * high),
        v0 + min(0.0, av * w) + min(cv * low, cv * high),
        v0 + max(0.0, av * w) + max(cv * low, cv * high),
    )


def _box_in_frame(box, affine) -> tuple[float, float, float, float]:
    """A user-space rectangle (left, bottom, right, top) as (x0, x1, top, bottom) in the frame."""
    fa, fb, fc, fd, fe, ff = affine
    us = [fa * x + fc * y + fe for x in (box[0], box[2]) for y in (box[1], box[3])]
    vs = [fb * x + fd * y + ff for x in (box[0], box[2]) for y in (box[1], box[3])]
    return min(us), max(us), min(vs), max(vs)
