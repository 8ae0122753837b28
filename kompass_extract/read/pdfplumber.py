"""PDF -> pages -> positioned lines. The only module that imports pdfplumber.

``pdf_to_pages`` opens a file and yields each page's lines; ``chars_to_lines`` turns a page's
characters into ``Line`` objects (pure, testable); ``drop_running_lines`` removes running
headers, footers and page numbers across a document.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
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
from kompass_extract.read.layout import Line, Mark, Page, Word
from kompass_extract.read.running import drop_running_lines
from kompass_extract.settings import DEFAULT_SETTINGS

DIGITS = regex.compile(r"\d+")
BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
# The tolerances are named, explained and validated in LayoutSettings.
WORD_GAP = DEFAULT_SETTINGS.word_gap
MARGIN_BAND = DEFAULT_SETTINGS.margin_band


def chars_to_lines(chars: Iterable[dict[str, Any]], page_number: int) -> list[Line]:
    """Group a page's characters into visual lines, top to bottom, words left to right."""
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if rows and abs(char["bottom"] - rows[-1][0]["bottom"]) <= _line_tolerance(char):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = [_row_to_line(row, page_number) for row in rows]
    return sorted((ln for ln in lines if ln is not None), key=lambda ln: (ln.top, ln.x0))


def _line_tolerance(char: dict[str, Any]) -> float:
    settings = DEFAULT_SETTINGS
    return max(settings.line_tolerance_min, settings.line_tolerance * float(char["size"]))


def _row_to_line(row: list[dict[str, Any]], page_number: int) -> Line | None:
    row.sort(key=lambda c: c["x0"])
    words = _chars_to_words(row)
    if not words:
        return None
    glyphs = [c for c in row if not c["text"].isspace()]
    sizes = Counter(round(float(c["size"]), 1) for c in glyphs)
    bold = sum(1 for c in glyphs if BOLD_FONT.search(c.get("fontname", ""))) * 2 > len(glyphs)
    return Line(page_number, tuple(words), sizes.most_common(1)[0][0], bold)


def _chars_to_words(row: list[dict[str, Any]]) -> list[Word]:
    words: list[Word] = []
    current: list[dict[str, Any]] = []
    for char in row:
        if char["text"].isspace():
            if current:
                words.append(_make_word(current, space_after=True))
                current = []
            elif words and not words[-1].space_after:
                words[-1] = _with_space_after(words[-1])
            continue
        if current and char["x0"] - current[-1]["x1"] > WORD_GAP * float(char["size"]):
            words.append(_make_word(current, space_after=False))
            current = []
        current.append(char)
    if current:
        words.append(_make_word(current, space_after=False))
    return words


def _make_word(chars: list[dict[str, Any]], *, space_after: bool) -> Word:
    return Word(
        text="".join(c["text"] for c in chars),
        x0=float(chars[0]["x0"]),
        x1=float(chars[-1]["x1"]),
        top=float(min(c["top"] for c in chars)),
        bottom=float(max(c["bottom"] for c in chars)),
        space_after=space_after,
    )


def _with_space_after(word: Word) -> Word:
    return Word(word.text, word.x0, word.x1, word.top, word.bottom, True)


def unwrap(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions in PdfminerException: the original one."""
    while (
        isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException)
    ):
        exc = exc.args[0]
    return exc


@contextlib.contextmanager
def open_pdf(path: str | Path, password: str | None = None) -> Iterator[pdfplumber.PDF]:
    """Open a PDF with pdfplumber, turning pdfminer's failures into the project's errors."""
    source = str(path)
    try:
        try:
            pdf = pdfplumber.open(source, password=password or "")
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


def pdf_to_pages(path: str | Path, password: str | None = None) -> list[Page]:
    """Every page of the PDF as positioned lines, running headers and footers dropped."""
    source = str(path)
    with open_pdf(source, password) as pdf:
        try:
            try:
                pages = [_read_page(page, i) for i, page in enumerate(pdf.pages, start=1)]
            except PdfminerException as wrapper:
                raise unwrap(wrapper) from wrapper
        except KompassError:
            raise
        except (PDFSyntaxError, PSException) as exc:
            raise _syntax_error(source, exc) from exc
        except RecursionError as exc:
            raise MalformedError(
                source,
                "the page tree or its objects are nested too deeply to read "
                "(damaged or hostile file)",
            ) from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise MalformedError(source, f"a page could not be read ({_describe(exc)})") from exc
    return drop_running_lines(pages)


def _read_page(page: pdfplumber.page.Page, number: int) -> Page:
    chars = list(layout_chars(page))
    lines = chars_to_lines(chars, number)
    marks = tuple(layout_marks(page))
    return Page(number, float(page.width), float(page.height), tuple(lines), len(chars), marks)


def layout_marks(page: pdfplumber.page.Page) -> Iterator[Mark]:
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
        for item in _iter_marks(page.layout)
        if item.width <= limit and item.height <= limit
    ]
    return iter(sorted(marks, key=lambda m: (m.top, m.x0)))


def _iter_marks(container: LTContainer[Any]) -> Iterator[LTCurve | LTImage]:
    for item in container:
        if isinstance(item, LTCurve | LTImage):
            yield item
        elif isinstance(item, LTContainer) and not isinstance(item, LTChar):
            yield from _iter_marks(item)


def layout_chars(page: pdfplumber.page.Page) -> Iterator[dict[str, Any]]:
    """The page's characters with just the fields the reader uses, in pdfplumber's coordinates.

    ``page.chars`` would convert every layout object (rules, rectangles, curves) with all its
    attributes; reading the characters straight from pdfminer's layout tree does the same work
    for the text only, and roughly halves the reading time.
    """
    height = float(page.height)
    x_offset, top_offset = float(page.mediabox[0]), float(page.mediabox[1])
    for char in _iter_chars(page.layout):
        yield {
            "text": char.get_text(),
            "x0": char.x0 + x_offset,
            "x1": char.x1 + x_offset,
            "top": height - char.y1 + top_offset,
            "bottom": height - char.y0 + top_offset,
            "size": char.size,
            "fontname": _font_name(char.fontname),
        }


def _iter_chars(container: LTContainer[Any]) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _iter_chars(item)


def _font_name(name: str | bytes) -> str:
    return name.decode("latin-1") if isinstance(name, bytes) else name
