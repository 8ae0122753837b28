"""The PDFium engine's entry point: open a PDF (a file or its bytes), read every page's glyphs
and small marks, and map PDFium's failures to the project's errors."""

from __future__ import annotations

import ctypes
import math
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2  # noqa: F401  (initialises the PDFium library)
import pypdfium2.raw as pdfium_c

from kompass_extract.errors import EncryptedError, KompassError, MalformedError, NotPdfError
from kompass_extract.read.chars import Mark, PageChars
from kompass_extract.read.files import path_text
from kompass_extract.read.pdfium.boxes import _box_in_frame, _layout
from kompass_extract.read.pdfium.fonts import _PageReader
from kompass_extract.read.pdfium.placing import _Frame, _original_hyphens, _to_chars
from kompass_extract.settings import DEFAULT_SETTINGS

PDFIUM_LOCK = threading.RLock()  # serialises every PDFium call of the process (not thread-safe)
HEADER_WINDOW = 1024  # PDF readers accept junk before %PDF- within the first KiB
FORM_DEPTH = 8  # form XObjects inside forms looked into for marks, at most this deep
_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "the file could not be opened",
    pdfium_c.FPDF_ERR_FORMAT: "not in PDF format or damaged",
    pdfium_c.FPDF_ERR_PAGE: "page not found or content error",
}


class _PageError(Exception):
    """A page PDFium refused to load."""


def read_chars(
    path: str | Path, password: str | None = None, data: bytes | None = None
) -> list[PageChars]:
    """Every page's glyphs as PDFium reads them, in the displayed frame as pdfplumber gives it.

    ``data``: the file's bytes when already read (then they are parsed, not the file at
    ``path``). Raises ``NotPdfError``, ``EncryptedError`` or ``MalformedError`` (a page that
    cannot be read: with its number). Every PDFium call runs under ``PDFIUM_LOCK``.
    """
    source = path_text(path)
    with PDFIUM_LOCK:
        buffer = ctypes.create_string_buffer(data, len(data)) if data is not None else None
        document = _open_document(path, source, password, buffer, data)
        try:
            count = pdfium_c.FPDF_GetPageCount(document)
            return [_read_page_guarded(document, index, source) for index in range(count)]
        finally:
            pdfium_c.FPDF_CloseDocument(document)
            del buffer  # PDFium reads the bytes until the document is closed


def _read_page_guarded(document: Any, index: int, source: str) -> PageChars:
    """``_read_page`` with any failure turned into the project's ``MalformedError``."""
    try:
        return _read_page(document, index)
    except KompassError:
        raise
    except (ArithmeticError, ValueError, LookupError, UnicodeError, OSError) as exc:
        raise MalformedError(
            source, f"PDFium could not read the page ({type(exc).__name__}: {exc})", page=index + 1
        ) from exc
    except _PageError as exc:
        raise MalformedError(source, str(exc), page=index + 1) from exc


def _open_document(
    path: str | Path, source: str, password: str | None, buffer: Any, data: bytes | None
) -> Any:
    """Load the document (from ``buffer`` when given), trying the empty password first."""
    if buffer is not None:

        def load(secret: bytes | None) -> Any:
            return pdfium_c.FPDF_LoadMemDocument64(buffer, len(buffer), secret)

    else:
        try:
            encoded = os.fsencode(path)
        except (TypeError, ValueError) as exc:
            raise NotPdfError(source, f"the path cannot be used ({exc})") from exc

        def load(secret: bytes | None) -> Any:
            return pdfium_c.FPDF_LoadDocument(encoded, secret)

    document = load(None)
    error = pdfium_c.FPDF_GetLastError() if not document else pdfium_c.FPDF_ERR_SUCCESS
    if error == pdfium_c.FPDF_ERR_PASSWORD and password:
        document = load(password.encode("utf-8"))
        error = pdfium_c.FPDF_GetLastError() if not document else pdfium_c.FPDF_ERR_SUCCESS
    if document:
        return document
    head = data[:HEADER_WINDOW] if data is not None else _head(path)
    raise _load_error(source, error, password, b"%PDF-" in head)


def _load_error(source: str, error: int, password: str | None, header: bool) -> KompassError:
    """The project exception for a PDFium load error code."""
    if error == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedError.for_password(source, password)
    if error == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedError(source, "encrypted with an unsupported security handler")
    if error == pdfium_c.FPDF_ERR_FILE:
        return NotPdfError(source, "the file could not be opened")
    if error == pdfium_c.FPDF_ERR_FORMAT and not header:
        return NotPdfError(source, "not a PDF file (no %PDF- header)")
    reason = _LOAD_ERRORS.get(error, f"PDFium error {error}")
    return MalformedError(source, f"PDFium could not parse the file ({reason})")


def _head(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(HEADER_WINDOW)
    except OSError:
        return b""


def _read_page(document: Any, index: int) -> PageChars:
    """Load page ``index`` (0-based), read its glyphs and marks, close it."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        raise _PageError(f"PDFium could not load the page ({_last_error()})")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise _PageError("PDFium could not read the page's text")
        try:
            reader = _PageReader(document, textpage)
            glyphs = reader.glyphs()
            hyphens = _original_hyphens(document, index, page, glyphs)
            place = _Frame(_page_rotate(page), False, _mediabox(page))
            columns = _layout(reader, glyphs, place)
            marks = page_marks(page, place)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    for k, text in hyphens.items():
        glyphs.text[k] = text
    width, height = place.size
    return PageChars(index + 1, width, height, _to_chars(glyphs, columns), marks)


def _last_error() -> str:
    code = pdfium_c.FPDF_GetLastError()
    return _LOAD_ERRORS.get(code, f"PDFium error {code}")


def _mediabox(page: Any) -> tuple[float, float, float, float]:
    """The page's MediaBox (x0, y0, x1, y1), normalised; PDFium's page box when it has none."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        box = (left.value, bottom.value, right.value, top.value)
    else:
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDF_GetPageBoundingBox(page, rect)
        box = (rect.left, rect.bottom, rect.right, rect.top)
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)) or x1 - x0 <= 0 or y1 - y0 <= 0:
        raise _PageError(f"the page's MediaBox is not a usable rectangle ({box})")
    return (x0, y0, x1, y1)


def _page_rotate(page: Any) -> int:
    quarter = pdfium_c.FPDFPage_GetRotation(page)
    return 90 * quarter if quarter in (0, 1, 2, 3) else 0


def page_marks(page: Any, place: _Frame) -> tuple[Mark, ...]:
    """The page's path and image objects (also inside form XObjects) no larger than
    ``mark_max_size`` on either side, in the frame, top to bottom."""
    limit = DEFAULT_SETTINGS.mark_max_size
    affine = place.affine()
    marks = []
    for kind, box in _drawn_objects(page):
        x0, x1, top, bottom = _box_in_frame(box, affine)
        if x1 - x0 <= limit and bottom - top <= limit:
            marks.append(Mark(x0, top, x1, bottom, kind))
    return tuple(sorted(marks, key=lambda m: (m.top, m.x0)))


def _drawn_objects(page: Any) -> Iterator[tuple[str, tuple[float, float, float, float]]]:
    """(kind, user-space box) of each path and image object of the page."""
    count = pdfium_c.FPDFPage_CountObjects(page)
    objects = [pdfium_c.FPDFPage_GetObject(page, k) for k in range(max(count, 0))]
    yield from _walk(objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)


def _walk(objects: list[Any], matrix: tuple[float, ...], depth: int) -> Iterator[tuple[str, Any]]:
    """Paths and images among ``objects``, their boxes mapped by ``matrix`` (form -> page)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for handle in objects:
        if not handle:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < FORM_DEPTH:
            yield from _walk(_form_objects(handle), _form_matrix(handle, matrix), depth + 1)
        elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE) and (
            pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
        ):
            box = _transform((left.value, bottom.value, right.value, top.value), matrix)
            yield ("image" if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE else "shape", box)


def _form_objects(form: Any) -> list[Any]:
    count = pdfium_c.FPDFFormObj_CountObjects(form)
    return [pdfium_c.FPDFFormObj_GetObject(form, k) for k in range(max(count, 0))]


def _form_matrix(form: Any, outer: tuple[float, ...]) -> tuple[float, ...]:
    """The form's matrix (form space -> its parent's), then ``outer`` (parent -> page)."""
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(form, m):
        return outer
    a, b, c, d, e, f = outer
    return (
        m.a * a + m.b * c, m.a * b + m.b * d, m.c * a + m.d * c, m.c * b + m.d * d,
        m.e * a + m.f * c + e, m.e * b + m.f * d + f,
    )  # fmt: skip


def _transform(box: tuple[float, float, float, float], m: tuple[float, ...]) -> tuple[float, ...]:
    """A box (left, bottom, right, top) through an affine matrix, as the box of its corners."""
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (box[0], box[2]) for y in (box[1], box[3])]
    ys = [b * x + d * y + f for x in (box[0], box[2]) for y in (box[1], box[3])]
    return (min(xs), min(ys), max(xs), max(ys))
