"""PDFium's character list of a page, read in bulk into columns (``Glyphs``): generated
characters left out, glyphs PDFium split into several characters joined."""

from __future__ import annotations

import ctypes
import operator
import sys
from bisect import bisect_left
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, filterfalse, repeat
from typing import Any

from kompass_extract.read.pdfium.native import (
    _CHAR_ORIGIN,
    _COUNT_CHARS,
    _GET_TEXT,
    _GET_UNICODE,
    _HAS_MAP_ERROR,
    _IS_GENERATED,
    _IS_HYPHEN,
    _LOOSE_BOX,
    _MARKER,
    _RIGHT_TO_LEFT,
    _SCRATCH,
    _SURROGATE,
    _TEXT_OBJECT,
    _WHITE,
)  # fmt: skip


@dataclass(slots=True)
class _Glyphs:
    """A page's glyphs in PDFium's reading order, as columns (one entry per glyph).

    ``index``: PDFium's index of the glyph's first character; ``address``: of its text object;
    ``x``/``y``: its origin in user space; ``left``/``bottom``/``right``/``top``: PDFium's loose
    box; ``runs``: stretches ``(start, end, object)`` of consecutive glyphs whose text objects
    have the same properties (font, size, render mode, matrix), covering all glyphs.
    """

    index: list[int]
    text: list[str]
    address: list[int]
    x: list[float]
    y: list[float]
    left: list[float]
    bottom: list[float]
    right: list[float]
    top: list[float]
    unmapped: list[bool]
    hyphen: list[bool]
    runs: list[tuple[int, int, Any]] = field(default_factory=list)

    @classmethod
    def empty(cls) -> _Glyphs:
        return cls([], [], [], [], [], [], [], [], [], [], [])

    def select(self, keep: Sequence[int]) -> _Glyphs:
        """The glyphs at positions ``keep`` (character columns only)."""
        pick = [list(map(column.__getitem__, keep)) for column in self.columns()]
        return _Glyphs(*pick)

    def columns(self) -> tuple[list, ...]:
        return (
            self.index, self.text, self.address, self.x, self.y, self.left, self.bottom,
            self.right, self.top, self.unmapped, self.hyphen,
        )  # fmt: skip


def _read_glyphs(tp: ctypes.c_void_p, right_to_left: bool) -> _Glyphs:
    """The glyphs of PDFium's character list: generated characters and characters without a text
    object left out, the characters PDFium made from one glyph (ligature letters, multi-letter
    maps: same object, origin and loose box) joined. Each PDFium call runs over all characters
    from C (``map``), writing into the reused buffers."""
    count = _COUNT_CHARS(tp)
    if count <= 0:
        return _Glyphs.empty()
    text, aligned = _page_text(tp, count)
    indices = _printed_indices(tp, text, count)
    ordered = aligned and not right_to_left and not _RIGHT_TO_LEFT.search(text)
    addresses = _object_addresses(tp, indices, ordered)
    if None in addresses:
        indices = list(compress(indices, addresses))
        addresses = list(filter(None, addresses))
    m = len(indices)
    _SCRATCH.reserve(m)
    deque(map(_CHAR_ORIGIN, repeat(tp), indices, _SCRATCH.firsts, _SCRATCH.seconds), 0)
    points = _SCRATCH.points[: 2 * m]
    deque(map(_LOOSE_BOX, repeat(tp), indices, _SCRATCH.rect_slots), 0)
    rects = _SCRATCH.rects[: 4 * m]  # FS_RECTF: left, top, right, bottom
    unmapped = list(map((1).__eq__, map(_HAS_MAP_ERROR, repeat(tp), indices)))
    texts = list(map(text.__getitem__, indices))
    hyphen = _reread_texts(tp, text, indices, texts, unmapped)
    glyphs = _Glyphs(
        indices, texts, addresses, points[0::2], points[1::2],  # type: ignore[arg-type]
        rects[0::4], rects[3::4], rects[2::4], rects[1::4], unmapped, hyphen,
    )  # fmt: skip
    glyphs = _join_split_glyphs(glyphs)
    _clean_texts(glyphs)
    return glyphs


def _page_text(tp: ctypes.c_void_p, count: int) -> tuple[str, bool]:
    """Each of PDFium's ``count`` characters' Unicode as one str character (chr(0) for none,
    U+FFFE for one beyond Unicode), and whether it came from the page text.

    Read in one call from PDFium's page text, which holds the characters of the list in order,
    each as its Unicode, leaving out control characters; U+FFFE there stands for an end-of-line
    hyphen or a zero Unicode, re-read later. Where the page text is not aligned with the list
    (it is shorter, having left something out, or holds UTF-16 surrogates), one call per
    character."""
    _SCRATCH.reserve(count)
    if _GET_TEXT(tp, 0, count, _SCRATCH.units) == count + 1:
        raw = ctypes.string_at(_SCRATCH.units, 2 * count)
        text = raw.decode("utf-16-le", "surrogatepass")
        if len(text) == count and not _SURROGATE.search(text):
            return text, True
    codes = map(_GET_UNICODE, repeat(tp, count), range(count))
    return "".join([chr(code) if code <= sys.maxunicode else "\ufffe" for code in codes]), False


def _printed_indices(tp: ctypes.c_void_p, text: str, count: int) -> Sequence[int]:
    """Indices of the characters PDFium did not generate (it generates only spaces and line
    breaks, so only those are asked about)."""
    white = [match.start() for match in _WHITE.finditer(text)]
    generated = [
        i for i, flag in zip(white, map(_IS_GENERATED, repeat(tp), white), strict=True) if flag == 1
    ]
    if not generated:
        return range(count)
    return list(filterfalse(set(generated).__contains__, range(count)))


def _object_addresses(tp: ctypes.c_void_p, indices: Sequence[int], ordered: bool) -> list:
    """The address of each character's text object (None for none).

    When PDFium kept the order of the content (``ordered``: no right-to-left text, which it
    reorders line by line), the characters of a text object follow one another, so where the
    two ends of a stretch have the same object the whole stretch has it: the stretches are
    halved until their ends agree, asking about a few characters per object instead of all."""
    count = len(indices)
    if not ordered or count < 3:
        return list(map(_TEXT_OBJECT, repeat(tp), indices))
    addresses = [None] * count
    addresses[0] = _TEXT_OBJECT(tp, indices[0])
    addresses[-1] = _TEXT_OBJECT(tp, indices[-1])
    stretches = [(0, count - 1)]
    while stretches:
        low, high = stretches.pop()
        address = addresses[low]
        if address is not None and address == addresses[high]:
            addresses[low + 1 : high] = repeat(address, high - low - 1)
        elif high - low > 1:
            middle = (low + high) // 2
            addresses[middle] = _TEXT_OBJECT(tp, indices[middle])
            stretches += ((middle, high), (low, middle))
    return addresses


def _reread_texts(tp, text: str, indices: Sequence[int], texts: list[str], unmapped: list[bool]):
    """Re-read, one by one, the characters whose text the page text does not give exactly
    (markers, and unmapped glyphs, whose "Unicode" is their raw code, possibly beyond UTF-16);
    fix ``texts`` in place ("" for no Unicode). Returns the end-of-line hyphen flags."""
    count = len(indices)
    suspects = set(compress(range(count), unmapped)) if True in unmapped else set()
    for i in (match.start() for match in _MARKER.finditer(text)):
        k = bisect_left(indices, i)
        if k < count and indices[k] == i:
            suspects.add(k)
    hyphen = [False] * count
    for k in suspects:
        code = _GET_UNICODE(tp, indices[k])
        texts[k] = chr(code) if code else ""
        hyphen[k] = code == 2 and _IS_HYPHEN(tp, indices[k]) == 1
    return hyphen


def _join_split_glyphs(glyphs: _Glyphs) -> _Glyphs:
    """Join the characters PDFium split one glyph into: a character at the same origin, with the
    same loose box and text object as the one before, both mapped, itself no hyphen marker (a
    glyph drawn twice at one spot with another code has another box; PDFium itself drops
    same-code repeats). Origins rarely repeat, so only those are looked at closely."""
    x, y, address = glyphs.x, glyphs.y, glyphs.address
    left, bottom, right, top = glyphs.left, glyphs.bottom, glyphs.right, glyphs.top
    unmapped, hyphen = glyphs.unmapped, glyphs.hyphen
    joined = [
        k
        for k in compress(range(1, len(x)), map(operator.eq, x[1:], x))
        if address[k] == address[k - 1]
        and y[k] == y[k - 1]
        and (left[k], bottom[k], right[k], top[k])
        == (left[k - 1], bottom[k - 1], right[k - 1], top[k - 1])
        and not unmapped[k]
        and not unmapped[k - 1]
        and not hyphen[k]
    ]
    if not joined:
        return glyphs
    starts = list(filterfalse(set(joined).__contains__, range(len(x))))
    ends = [*starts[1:], len(x)]
    texts = ["".join(glyphs.text[s:e]) for s, e in zip(starts, ends, strict=True)]
    result = glyphs.select(starts)
    result.text = texts
    return result


def _clean_texts(glyphs: _Glyphs) -> None:
    """Glyph texts with UTF-16 surrogate pairs combined; PDFium's hyphen marker U+0002 as "-"
    until the real character is restored."""
    texts = glyphs.text
    if True in glyphs.hyphen:
        for k in compress(range(len(texts)), glyphs.hyphen):
            texts[k] = "-"
    if _SURROGATE.search("".join(texts)):
        for k, text in enumerate(texts):
            if _SURROGATE.search(text):
                texts[k] = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
