"""The pdfplumber engine: a PDF's glyphs as pdfminer reads them (the reference engine).

``read_chars`` opens a file (or its bytes) and returns each page's ``Char`` list; the rest of
reading (cleaning, lines, running heads) is the engine-neutral ``kompass_extract.read.pages``.
"""

from __future__ import annotations

import contextlib
import io
import operator
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from kompass_extract.errors import (
    EncryptedError,
    KompassError,
    MalformedError,
    NotPdfError,
    TruncatedError,
)
from kompass_extract.read.chars import (
    REPLACEMENT,
    Char,
    Mark,
    PageChars,
    chars_from_columns,
    direction_of,
)
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
    items, shapes = _layout_items(layout)
    chars = _chars(page, items, _tagged(layout))
    marks = tuple(_marks(page, shapes))
    page.close()  # frees what pdfplumber keeps of the page before the next is read
    return PageChars(number, float(page.width), float(page.height), chars, marks)


def layout_chars(page: pdfplumber.page.Page, layout: Any = None) -> tuple[Char, ...]:
    """The page's glyphs in pdfplumber's coordinates, with render mode and Unicode-map flag.

    Read straight from pdfminer's layout tree, built through ``TextStateAggregator`` (which
    records the render mode pdfminer's characters do not keep); ``(cid:N)`` text (pdfminer's
    text for a glyph its font has no Unicode for) becomes U+FFFD with ``unmapped`` set.
    ``layout``: the page's layout tree, when built.
    """
    layout = layout if layout is not None else _page_layout(page)
    return _chars(page, _layout_items(layout)[0], _tagged(layout))


def layout_marks(page: pdfplumber.page.Page, layout: Any) -> Iterator[Mark]:
    """The page's drawn shapes and images no larger than ``mark_max_size`` on either side,
    top to bottom, in pdfplumber's coordinates (bullets drawn as discs, squares or pictures)."""
    return _marks(page, _layout_items(layout)[1])


# pdfminer's glyph fields the reader keeps, read in one call per glyph
_FIELDS = operator.attrgetter("x0", "x1", "y0", "y1", "size", "fontname", "upright", "matrix")


def _chars(page: pdfplumber.page.Page, items: list[LTChar], tagged: bool) -> tuple[Char, ...]:
    """``layout_chars`` of the page's LTChar items; ``tagged``: some glyph has a render mode
    tag. Column by column, each step a ``map`` (a page holds thousands of glyphs)."""
    if not items:
        return ()
    height = float(page.height)
    x_offset, top_offset = float(page.mediabox[0]), float(page.mediabox[1])
    x0, x1, y0, y1, sizes, fonts, upright, matrices = zip(*map(_FIELDS, items), strict=True)
    texts: Sequence[str] = list(map(LTChar.get_text, items))
    unmapped_texts = {t for t in set(texts) if CID.match(t)}
    unmapped = [t in unmapped_texts for t in texts] if unmapped_texts else [False] * len(items)
    if unmapped_texts:
        texts = [REPLACEMENT if u else t for t, u in zip(texts, unmapped, strict=True)]
    names = {f: _font_name(f) for f in set(fonts)}
    return chars_from_columns(
        [
            texts,
            list(map(x_offset.__radd__, x0)),  # x0 + x_offset
            list(map(x_offset.__radd__, x1)),
            list(map(top_offset.__radd__, map(height.__sub__, y1))),  # height - y1 + top_offset
            list(map(top_offset.__radd__, map(height.__sub__, y0))),
            sizes,
            list(map(names.__getitem__, fonts)),
            [int(getattr(c, "render_mode", 0)) for c in items] if tagged else [0] * len(items),
            list(map(bool, upright)),
            unmapped,
            _directions(matrices),
        ]
    )


def _tagged(layout: Any) -> bool:
    return bool(getattr(layout, "render_modes_tagged", True))


def _marks(page: pdfplumber.page.Page, shapes: list[LTCurve | LTImage]) -> Iterator[Mark]:
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
        for item in shapes
        if item.width <= limit and item.height <= limit
    ]
    return iter(sorted(marks, key=lambda m: (m.top, m.x0)))


def _directions(matrices: Sequence[Any]) -> list[int]:
    """``direction_of`` each matrix; at once 0 for all when every baseline runs left to right
    along x (b == 0 < a), as on almost every page."""
    if (
        all(matrices)
        and not any(map(_SECOND, matrices))
        and all(map(_ZERO_BELOW, map(_FIRST, matrices)))
    ):
        return [0] * len(matrices)
    return list(map(direction_of, matrices))


_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)
_ZERO_BELOW = (0.0).__lt__


def _layout_items(layout: LTContainer[Any]) -> tuple[list[LTChar], list[LTCurve | LTImage]]:
    """The glyphs and the drawn shapes and images under ``layout``, each depth first in
    drawing order."""
    chars: list[LTChar] = []
    shapes: list[LTCurve | LTImage] = []
    _collect(layout, chars, shapes)
    return chars, shapes


def _collect(container: LTContainer[Any], chars: list[LTChar], shapes: list[Any]) -> None:
    for item in container:
        if isinstance(item, LTChar):
            chars.append(item)
        elif isinstance(item, LTCurve | LTImage):
            shapes.append(item)
        elif isinstance(item, LTContainer):
            _collect(item, chars, shapes)


def _page_layout(page: pdfplumber.page.Page) -> Any:
    device = TextStateAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout: Any = device.get_result()
    layout.render_modes_tagged = device.render_modes_tagged
    return layout


def _font_name(name: str | bytes) -> str:
    return name.decode("latin-1") if isinstance(name, bytes) else name


class TextStateAggregator(PDFPageAggregator):
    """pdfminer's plain page aggregator (no marked-content tags, which nothing here reads) that
    also tags each glyph drawn in a text render mode other than 0 (fill) with ``render_mode``
    (pdfminer's characters do not keep it; an untagged glyph was drawn in mode 0), and gives a
    glyph mapped to a decomposed letter the width of its composed form. A glyph without a
    Unicode map reads pdfminer's ``(cid:N)``."""

    render_modes_tagged = False  # whether any glyph was tagged

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # type: ignore[no-untyped-def]
        mode = int(textstate.render or 0)
        if not mode:
            super().render_string(textstate, seq, ncs, graphicstate)
            return
        self.render_modes_tagged = True
        drawn: list[Any] = self.cur_item._objs
        start = len(drawn)
        super().render_string(textstate, seq, ncs, graphicstate)
        for item in drawn[start:]:
            item.render_mode = mode

    def render_char(  # type: ignore[no-untyped-def]
        self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
    ) -> float:
        advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        if advance == 0:
            item: Any = self.cur_item._objs[-1]
            if len(item.get_text()) > 1:
                return self._with_composed_width(
                    item, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
                )[1]
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
