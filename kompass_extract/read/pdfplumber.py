"""The pdfplumber engine: a PDF's glyphs as pdfminer reads them (the reference engine).

``read_chars`` opens a file (or its bytes) and returns each page's ``Char`` list; the rest of
reading (cleaning, lines, running heads) is the engine-neutral ``kompass_extract.read.pages``.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from kompass_extract.errors import (
    EncryptedError,
    KompassError,
    MalformedError,
    NotPdfError,
    TruncatedError,
)
from kompass_extract.read.chars import REPLACEMENT, Char, Mark, PageChars, direction_of
from kompass_extract.read.files import path_text
from kompass_extract.settings import DEFAULT_SETTINGS

CID = regex.compile(r"^\(cid:\d+\)$")  # pdfminer's text for a glyph without a Unicode map


def unwrap(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions in PdfminerException: the original one."""
    while (
        isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException)
    ):
        exc = exc.args[0]
    return exc


@contextlib.contextmanager
def open_pdf(
    path: str | Path, password: str | None = None, data: bytes | None = None
) -> Iterator[pdfplumber.PDF]:
    """Open a PDF with pdfplumber, turning pdfminer's failures into the project's errors.

    With ``data`` (the file's bytes, already read) the PDF is parsed from memory and ``path``
    only names it in messages; otherwise the file at ``path`` is opened.
    """
    source = path_text(path)
    try:
        try:
            opened = io.BytesIO(data) if data is not None else str(path)
            pdf = pdfplumber.open(opened, password=password or "")
        except PdfminerException as wrapper:
            raise unwrap(wrapper) from wrapper
    except PDFPasswordIncorrect as exc:
        raise EncryptedError.for_password(source, password) from exc
    except PDFEncryptionError as exc:
        raise EncryptedError(source, f"unsupported encryption ({exc or 'unknown scheme'})") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise _syntax_error(source, exc) from exc
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise MalformedError(
            source, f"pdfminer could not parse the file ({_describe(exc)})"
        ) from exc
    try:
        yield pdf
    finally:
        # pdfplumber's close() walks the pages again: on a damaged file it fails as reading
        # did, and must not hide the error already raised (nor raise one of its own)
        with contextlib.suppress(Exception):
            pdf.close()


def _syntax_error(source: str, exc: Exception) -> KompassError:
    text = str(exc)
    if "No /Root" in text or "EOF" in text or "startxref" in text:
        return TruncatedError(source, f"the file ends early or lacks its cross-reference ({text})")
    if "not a PDF" in text.lower():
        return NotPdfError(source, "not a PDF file")
    return MalformedError(source, f"damaged PDF structure ({text or type(exc).__name__})")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def read_chars(
    path: str | Path, password: str | None = None, data: bytes | None = None
) -> list[PageChars]:
    """Every page's glyphs as pdfminer (through pdfplumber) reads them, in drawing order.

    Coordinates as pdfplumber gives them: the page as displayed (``/Rotate`` applied), origin
    top left. ``data``: the file's bytes when already read (then they are parsed, not the file
    at ``path``). Raises a ``KompassError`` subclass when the PDF cannot be read: any error
    pdfminer raises while parsing is a property of the file (``MalformedError`` with
    pdfminer's reason), a MemoryError stays one.
    """
    source = path_text(path)
    with open_pdf(path, password, data) as pdf:
        try:
            try:
                return [_page_chars(page, i) for i, page in enumerate(pdf.pages, start=1)]
            except PdfminerException as wrapper:
                raise unwrap(wrapper) from wrapper
        except (KompassError, MemoryError):
            raise
        except (PDFSyntaxError, PSException) as exc:
            raise _syntax_error(source, exc) from exc
        except RecursionError as exc:
            raise MalformedError(
                source,
                "the page tree or its objects are nested too deeply to read "
                "(damaged or hostile file)",
            ) from exc
        except Exception as exc:
            raise MalformedError(source, f"a page could not be read ({_describe(exc)})") from exc


def _page_chars(page: pdfplumber.page.Page, number: int) -> PageChars:
    layout = _page_layout(page)
    chars = tuple(layout_chars(page, layout))
    marks = tuple(layout_marks(page, layout))
    page.close()  # frees what pdfplumber keeps of the page before the next is read
    return PageChars(number, float(page.width), float(page.height), chars, marks)


def layout_chars(page: pdfplumber.page.Page, layout: Any = None) -> Iterator[Char]:
    """The page's glyphs in pdfplumber's coordinates, with render mode and Unicode-map flag.

    Read straight from pdfminer's layout tree, built through ``TextStateAggregator`` (which
    records what pdfminer's characters do not keep); ``(cid:N)`` text (no Unicode map)
    becomes U+FFFD with ``unmapped`` set. ``layout``: the page's layout tree, when built.
    """
    height = float(page.height)
    x_offset, top_offset = float(page.mediabox[0]), float(page.mediabox[1])
    for char in _iter_chars(layout if layout is not None else _page_layout(page)):
        text = char.get_text()
        unmapped = bool(getattr(char, "unmapped", False)) or bool(CID.match(text))
        yield Char(
            text=REPLACEMENT if unmapped else text,
            x0=char.x0 + x_offset,
            x1=char.x1 + x_offset,
            top=height - char.y1 + top_offset,
            bottom=height - char.y0 + top_offset,
            size=char.size,
            fontname=_font_name(char.fontname),
            render_mode=int(getattr(char, "render_mode", 0)),
            upright=bool(char.upright),
            unmapped=unmapped,
            direction=direction_of(char.matrix),
        )


def layout_marks(page: pdfplumber.page.Page, layout: Any) -> Iterator[Mark]:
    """The page's drawn shapes and images no larger than ``mark_max_size`` on either side,
    top to bottom, in pdfplumber's coordinates (bullets drawn as discs, squares or pictures)."""
    height = float(page.height)
    x_offset, top_offset = float(page.mediabox[0]), float(page.mediabox[1])
    limit = DEFAULT_SETTINGS.mark_max_size
    marks = [
        Mark(
            item.x0 + x_offset,
            height - item.y1 + top_offset,
            item.x1 + x_offset,
            height - item.y0 + top_offset,
            "image" if isinstance(item, LTImage) else "shape",
        )
        for item in _iter_marks(layout)
        if item.width <= limit and item.height <= limit
    ]
    return iter(sorted(marks, key=lambda m: (m.top, m.x0)))


def _iter_marks(container: LTContainer[Any]) -> Iterator[LTCurve | LTImage]:
    for item in container:
        if isinstance(item, LTCurve | LTImage):
            yield item
        elif isinstance(item, LTContainer) and not isinstance(item, LTChar):
            yield from _iter_marks(item)


def _page_layout(page: pdfplumber.page.Page) -> Any:
    device = TextStateAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result()


def _iter_chars(container: LTContainer[Any]) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _iter_chars(item)


def _font_name(name: str | bytes) -> str:
    return name.decode("latin-1") if isinstance(name, bytes) else name


class TextStateAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's page aggregator that also tags each glyph with the text render mode and
    whether its font had a Unicode map for it (pdfminer's characters keep neither)."""

    _render_mode = 0
    _unmapped = False

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # type: ignore[no-untyped-def]
        self._render_mode = int(textstate.render or 0)
        super().render_string(textstate, seq, ncs, graphicstate)

    def handle_undefined_char(self, font, cid) -> str:  # type: ignore[no-untyped-def]
        self._unmapped = True
        return super().handle_undefined_char(font, cid)

    def render_char(  # type: ignore[no-untyped-def]
        self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
    ) -> float:
        self._unmapped = False
        advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        item: Any = self.cur_item._objs[-1]
        if advance == 0 and len(item.get_text()) > 1:
            item, advance = self._with_composed_width(
                item, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
            )
        item.render_mode = self._render_mode
        item.unmapped = self._unmapped
        return advance

    def _with_composed_width(  # type: ignore[no-untyped-def]
        self, item, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
    ):
        """pdfminer looks a standard-14 font's widths up by the glyph's Unicode text: a glyph
        mapped to "a"+U+0308 finds none and gets no advance, so the rest of its run is drawn
        too far left. Its NFC form ("ä") has the width: the glyph is made again with it."""
        width = getattr(font, "widths", {}).get(unicodedata.normalize("NFC", item.get_text()))
        if not width:
            return item, 0.0
        fixed = LTChar(
            matrix, font, fontsize, scaling, rise, item.get_text(),
            float(width) * font.hscale, font.char_disp(cid), ncs, graphicstate,
        )  # fmt: skip
        self.cur_item._objs[-1] = fixed
        return fixed, fixed.adv
