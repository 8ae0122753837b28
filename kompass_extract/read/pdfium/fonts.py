"""Text objects and fonts of a PDFium page: font names, pdfminer-style descents, advances."""

from __future__ import annotations

import ctypes
import math
import operator
import struct
import unicodedata
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

import pypdfium2.raw as pdfium_c

from kompass_extract.read.pdfium.charlist import _Glyphs, _read_glyphs
from kompass_extract.read.pdfium.native import (
    _CHAR_MATRIX,
    _GLYPH_WIDTH,
    _OBJECT_FONT,
    _OBJECT_FONT_SIZE,
    _OBJECT_RENDER_MODE,
    _SCRATCH,
    _VIEWER_NAME,
)  # fmt: skip

_STANDARD_DESCENT = {  # pdfminer's Adobe metrics, units of 1/1000 em, per family of the 14 names
    "Courier": -194.0,
    "CourierNew": -194.0,
    "Helvetica": -207.0,
    "Arial": -207.0,
    "Times": -217.0,
    "TimesNewRoman": -217.0,
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}
_STANDARD_NAMES = frozenset(
    [
        f"{base}{style}"
        for base in ("Courier", "Helvetica")
        for style in ("", "-Bold", "-Oblique", "-BoldOblique")
    ]
    + [f"Times-{style}" for style in ("Roman", "Bold", "Italic", "BoldItalic")]
    + [
        f"{base}{style}"
        for base in ("Arial", "CourierNew", "TimesNewRoman")
        for style in ("", ",Bold", ",Italic", ",BoldItalic")
    ]
    + ["Symbol", "ZapfDingbats"]
)
_LIGATURES = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFB00, 0xFB07)}


@dataclass(frozen=True, slots=True)
class _Font:
    name: str
    descent: float  # pdfminer's descent, fraction of the font size (<= 0)


class _TextObject(NamedTuple):
    """What the glyphs of one PDFium text object share."""

    font_address: int  # 0 for none
    font: _Font
    render_mode: int
    font_size: float  # Tf, points of text space
    matrix: tuple[float, float, float, float]  # text space -> user space, Tz in the first row


class _PageReader:
    """Reads one text page: its character list in bulk, each text object once (font, size,
    render mode, matrix), font advances by glyph text; handles are only valid while the page
    is open, so nothing here outlives it."""

    def __init__(self, document, textpage) -> None:
        self.document = document
        self.textpage = textpage
        self.handle = ctypes.c_void_p.from_buffer(textpage)  # (ctypes.cast makes a cycle)
        self.objects: dict[int, _TextObject] = {}  # by address
        self.shared: dict[tuple, _TextObject] = {}  # by properties
        self.fonts: dict[int, _Font] = {}
        self.widths: dict[tuple[int, float], dict[str | None, float | None]] = {}
        self.matrix = pdfium_c.FS_MATRIX()
        self.size = ctypes.c_float()

    def glyphs(self) -> _Glyphs:
        """The page's glyphs in PDFium's order, with their runs of text objects."""
        glyphs = _read_glyphs(self.handle, self.right_to_left())
        address = glyphs.address
        if not address:
            return glyphs
        starts = [0, *compress(range(1, len(address)), map(operator.ne, address[1:], address))]
        ends = [*starts[1:], len(address)]
        runs = glyphs.runs
        for start, end in zip(starts, ends, strict=True):
            obj = self.objects.get(address[start]) or self.text_object(
                address[start], glyphs.index[start]
            )
            if runs and runs[-1][2] is obj:  # the same properties: one run
                runs[-1] = (runs[-1][0], end, obj)
            else:
                runs.append((start, end, obj))
        return glyphs

    def right_to_left(self) -> bool:
        """The document asks for right-to-left reading (/ViewerPreferences /Direction /R2L),
        under which PDFium reverses the order of the runs of a line."""
        buffer = _SCRATCH.name
        size = _VIEWER_NAME(self.document, b"Direction", buffer, ctypes.c_ulong(len(buffer)))
        return 0 < size <= len(buffer) and buffer.value == b"R2L"

    def text_object(self, address: int, i: int) -> _TextObject:
        """The shared data of the text object at ``address``, read at its character ``i``
        (PDFium gives all characters of a text object one matrix)."""
        handle = ctypes.c_void_p(address)
        font_address = _OBJECT_FONT(handle) or 0
        _CHAR_MATRIX(self.handle, i, ctypes.byref(self.matrix))
        m = self.matrix
        if not _OBJECT_FONT_SIZE(handle, ctypes.byref(self.size)):
            self.size.value = 0.0
        obj = _TextObject(
            font_address,
            self.font(font_address),
            _OBJECT_RENDER_MODE(handle),
            self.size.value,
            (m.a, m.b, m.c, m.d),
        )
        # objects whose properties are bit for bit the same share one _TextObject
        key = (font_address, obj.render_mode, struct.pack("<5d", obj.font_size, *obj.matrix))
        obj = self.objects[address] = self.shared.setdefault(key, obj)
        return obj

    def font(self, address: int) -> _Font:
        """Name and pdfminer-style descent of a font, cached by its address."""
        if address not in self.fonts:
            handle = ctypes.cast(address, pdfium_c.FPDF_FONT)
            self.fonts[address] = _load_font(handle) if address else _Font("", 0.0)
        return self.fonts[address]

    def width_table(self, obj: _TextObject) -> dict[str | None, float | None]:
        """Advances already looked up (``text_width``) for the object's font and size; the key
        None (an unmapped glyph) has none."""
        key = (obj.font_address, obj.font_size)
        table = self.widths.get(key)
        if table is None:
            table = self.widths[key] = {None: None}
        return table

    def text_width(self, obj: _TextObject, text: str | None) -> float | None:
        """The font's advance (text space, points at Tf) for a mapped glyph's text: the width of
        the code its code point maps back to (ligature letters -> the ligature); None for no
        text or a multi-letter map, which have no single code point."""
        table = self.width_table(obj)
        if text not in table:
            codepoint = _width_codepoint(text) if text is not None else None
            table[text] = _font_width(obj, codepoint) if codepoint is not None else None
        return table[text]


def _width_codepoint(text: str) -> int | None:
    if len(text) == 1:
        return ord(text)
    ligature = _LIGATURES.get(text)
    return ord(ligature) if ligature else None


def _font_width(obj: _TextObject, codepoint: int) -> float | None:
    """The font's advance for the code a Unicode maps back to (PDFium does the mapping)."""
    if not obj.font_address:
        return None
    width = ctypes.c_float()
    font, size = ctypes.c_void_p(obj.font_address), ctypes.c_float(obj.font_size)
    if not _GLYPH_WIDTH(font, ctypes.c_uint32(codepoint), size, ctypes.byref(width)):
        return None
    return width.value if math.isfinite(width.value) and width.value > 0 else None


def _load_font(handle) -> _Font:
    name = _font_name(handle)
    embedded = pdfium_c.FPDFFont_GetIsEmbedded(handle) == 1
    if not embedded and name in _STANDARD_NAMES:
        family = name.split("-")[0].split(",")[0]
        return _Font(name, _STANDARD_DESCENT[family] / 1000)
    return _Font(name, -abs(_font_descent(handle)) / 1000)


def _font_name(handle) -> str:
    """PDFium's base font name, decoded as UTF-8 when it is, else Latin-1."""
    size = pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
    if size <= 1:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(handle, buffer, size)
    raw = buffer.raw[: size - 1]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _font_descent(handle) -> float:
    """The font's descent in 1/1000 em as PDFium holds it: the descriptor's /Descent, or when
    the descriptor gives 0 for both ascent and descent, the bottom of the 'g' glyph (else of
    the FontBBox), PDFium's own fallback."""
    value = ctypes.c_float()
    ok = pdfium_c.FPDFFont_GetDescent(handle, ctypes.c_float(1000.0), value)
    return value.value if ok and math.isfinite(value.value) else 0.0
