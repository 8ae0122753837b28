"""PDFium's functions called per character, bound without argument conversion, and the
reused output buffers they write into (used only under ``PDFIUM_LOCK``)."""

from __future__ import annotations

import ctypes
import re

import pypdfium2  # noqa: F401  (initialises the PDFium library)
import pypdfium2.raw as pdfium_c


def _unchecked(name: str, restype: type = ctypes.c_int):
    """PDFium's function ``name`` without ``argtypes``, so a call converts nothing: Python ints
    pass as C ints, ctypes objects (``c_void_p`` handles, ``byref`` pointers, ``c_float``) as
    their C values. This halves the cost of a call against pypdfium2's checked binding; used
    only with arguments of exactly those kinds."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    function = ctypes.CFUNCTYPE(restype)(address or 0)
    function.argtypes = None  # type: ignore[assignment]
    return function


_COUNT_CHARS = _unchecked("FPDFText_CountChars")
_GET_TEXT = _unchecked("FPDFText_GetText")
_GET_UNICODE = _unchecked("FPDFText_GetUnicode", ctypes.c_uint)
_IS_GENERATED = _unchecked("FPDFText_IsGenerated")
_IS_HYPHEN = _unchecked("FPDFText_IsHyphen")
_HAS_MAP_ERROR = _unchecked("FPDFText_HasUnicodeMapError")
_TEXT_OBJECT = _unchecked("FPDFText_GetTextObject", ctypes.c_void_p)  # address or None
_CHAR_ORIGIN = _unchecked("FPDFText_GetCharOrigin")
_LOOSE_BOX = _unchecked("FPDFText_GetLooseCharBox")
_CHAR_BOX = _unchecked("FPDFText_GetCharBox")
_VIEWER_NAME = _unchecked("FPDF_VIEWERREF_GetName", ctypes.c_ulong)
_CHAR_MATRIX = _unchecked("FPDFText_GetMatrix")
_OBJECT_FONT = _unchecked("FPDFTextObj_GetFont", ctypes.c_void_p)  # address or None
_OBJECT_FONT_SIZE = _unchecked("FPDFTextObj_GetFontSize")
_OBJECT_RENDER_MODE = _unchecked("FPDFTextObj_GetTextRenderMode")
_GLYPH_WIDTH = _unchecked("FPDFFont_GetGlyphWidth")
_PAGE_OBJECT = _unchecked("FPDFPage_GetObject", ctypes.c_void_p)  # address or None
_SURROGATE = re.compile("[\ud800-\udfff]")
_MARKER = re.compile("[\x00\x02\ufffe]")  # no Unicode, end-of-line hyphen, PDFium's placeholder
_WHITE = re.compile("[ \r\n]")  # the only characters PDFium generates
# scripts written right to left (PDFium's bidi classes R and AL lie in these ranges)
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff]")


class _Scratch:
    """Output buffers for per-character PDFium calls, reused from page to page (used only under
    ``PDFIUM_LOCK`` and copied out at once), with a ready ``byref`` pointer to each slot: 2 doubles
    (``points``) and 4 floats (``rects``, an ``FS_RECTF``) per slot; ``units`` for the page text
    (UTF-16), ``name`` for a short name."""

    def __init__(self) -> None:
        self.size = 0
        self._grow(4096)

    def reserve(self, count: int) -> None:
        if count > self.size:
            self._grow(max(count, 2 * self.size))

    def _grow(self, size: int) -> None:
        self.size = size
        self.points = (ctypes.c_double * (2 * size))()
        self.rects = (ctypes.c_float * (4 * size))()
        self.units = (ctypes.c_ushort * (size + 1))()
        self.name = ctypes.create_string_buffer(16)
        self.firsts = [ctypes.byref(self.points, 16 * k) for k in range(size)]
        self.seconds = [ctypes.byref(self.points, 16 * k + 8) for k in range(size)]
        self.rect_slots = [ctypes.byref(self.rects, 16 * k) for k in range(size)]


_SCRATCH = _Scratch()
