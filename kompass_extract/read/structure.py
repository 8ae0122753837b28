"""A strict parser's word on a file's structure: damage a tolerant reader repairs or skips.

PDFium (and to a lesser degree pdfminer itself) reads on through damage: a stream whose
``/Length`` is absurd is read up to its ``endstream``, a page box holding a string is taken as
zeros, content that does not decode with its filter is drawn as nothing. What is left of such a
file reads as a page of stray text (``not_kompass``) or as no text at all (``no_text_layer``),
and neither says what is wrong. ``structure_fault`` asks pdfminer, which refuses most of these,
to walk the file's structure without drawing anything: the document and its page tree (with
no reference that leads back to itself, which pdfminer would follow for ever), each page's
boxes (four numbers, as pdfplumber requires), and each content stream decoded with its filters
(Flate data that is no zlib data at all, which pdfminer reads as empty, counts too). It is
asked only about a file that gave no report (``pipeline.extract_reports``), so a report that
reads is never judged by it, and pdfminer is imported only when a file is asked about (it
takes a tenth of a second to import, which a run whose files all read as reports never needs).
"""

from __future__ import annotations

import functools
import importlib
import io
import logging
import numbers
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage

PAGE_BOXES = ("MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox")
_PDFMINER_LOG = logging.getLogger("pdfminer")


def structure_fault(data: bytes, password: str | None = None) -> str | None:
    """Words for the first structural fault pdfminer finds in the PDF ``data`` (the file's
    bytes), naming the page where it is on a page; None when it finds none.

    Faults: the document or its page tree cannot be parsed, a page box is not four numbers, a
    content stream cannot be decoded with its filters (an absurd ``/Length``, data that does
    not match its filter). A file pdfminer cannot open for its encryption has no structural
    fault that it could tell (None). A MemoryError is raised, not described.
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logged = _PDFMINER_LOG.level
    _PDFMINER_LOG.setLevel(logging.ERROR)  # its warnings about repairs are the faults below
    try:
        for number, page in _pages(data, password):
            fault = page_fault(page)
            if fault is not None:
                return f"page {number}: {fault}"
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return None
    except MemoryError:
        raise
    except RecursionError:
        return "the page tree or its objects are nested too deeply to read"
    except Exception as exc:  # noqa: BLE001 - any refusal of the parser is the fault
        return f"pdfminer cannot parse the document's objects ({describe(exc)})"
    finally:
        _PDFMINER_LOG.setLevel(logged)
    return None


class ReferenceCycle(Exception):
    """An object that is a reference to itself, directly or through other references."""


def load_parser() -> None:
    """Import the pdfminer modules ``structure_fault`` uses, without asking about any file (a
    parent does, before it forks workers that may ask: ``batch.warm``)."""
    checked_document()
    importlib.import_module("pdfminer.pdfpage")


@functools.cache
def checked_document() -> type[PDFDocument]:
    """The class ``CheckedDocument``: pdfminer's document, except that an object which is only
    a reference is followed here, and a cycle of such references is a fault (pdfminer would
    follow it forever). Made on the first call, which imports pdfminer."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFObjRef

    class CheckedDocument(PDFDocument):
        def getobj(self, objid: int) -> object:
            seen = {objid}
            found = super().getobj(objid)
            while isinstance(found, PDFObjRef):
                if found.objid in seen:
                    raise ReferenceCycle(f"object {objid} refers to itself through {sorted(seen)}")
                seen.add(found.objid)
                found = super().getobj(found.objid)
            return found

    return CheckedDocument


def _pages(data: bytes, password: str | None) -> Iterator[tuple[int, PDFPage]]:
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = checked_document()(PDFParser(io.BytesIO(data)), password=password or "")
    yield from enumerate(PDFPage.create_pages(document), start=1)


def page_fault(page: PDFPage) -> str | None:
    """The first fault of one page (boxes, then content streams), or None."""
    from pdfminer.pdftypes import resolve1, stream_value

    for name in PAGE_BOXES:
        if name in page.attrs and not is_rectangle(resolve1(page.attrs[name])):
            return f"its {name} is not four numbers ({resolve1(page.attrs[name])!r})"
    for index, reference in enumerate(page.contents, start=1):
        stream = stream_value(reference)
        raw = stream.get_rawdata() or b""
        try:
            data = stream.get_data()
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # noqa: BLE001 - a filter's failure is the fault
            return (
                f"content stream {index}{filter_names(stream)} cannot be decoded ({describe(exc)})"
            )
        if not data and not inflates(raw, stream):
            return (
                f"content stream {index}{filter_names(stream)} cannot be decoded (its "
                f"{len(raw)} bytes are no Flate data)"
            )
    return None


def inflates(raw: bytes, stream: Any) -> bool:
    """False when ``stream`` is Flate-encoded and ``raw`` is no zlib data at all: pdfminer
    reads such a stream as empty without a word (a stream cut short still inflates)."""
    names = [getattr(f, "name", None) for f, _ in stream.get_filters()]
    if not names or names[0] not in ("FlateDecode", "Fl"):
        return True
    try:
        zlib.decompressobj().decompress(raw, 1 << 16)
    except zlib.error:
        return False
    return True


def filter_names(stream: Any) -> str:
    """' (filter LZWDecode)' for a stream's filters, '' when it has none or they are unreadable."""
    try:
        names = [getattr(f, "name", repr(f)) for f, _ in stream.get_filters()]
    except Exception:  # noqa: BLE001 - the names only decorate the message
        return ""
    return f" (filter {'/'.join(names)})" if names else ""


def is_rectangle(value: Any) -> bool:
    """True for a list of four numbers (each resolved), as a page box must be."""
    from pdfminer.pdftypes import resolve1

    if not isinstance(value, list | tuple) or len(value) != 4:
        return False
    return all(
        isinstance(resolve1(v), numbers.Real) and not isinstance(resolve1(v), bool) for v in value
    )


def describe(exc: BaseException) -> str:
    """'OverflowError: cannot fit ...', or the class name alone when the message is empty."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
