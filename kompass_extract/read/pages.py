"""PDF -> pages of positioned lines, with either engine: the reader's one entry point.

``pdf_to_pages`` reads each page's glyphs with an engine (``ENGINES``), cleans them
(``glyphs.clean_page``: upright, invisible copies and overprints dropped, text plain), groups
them into lines (``lines.chars_to_lines``) and drops running heads (``running``). Every step
after the engine is pure. The garbage collector looks at young objects less often meanwhile
(``collector.fewer_collections``). An engine's module is imported when the engine is first
looked up in ``ENGINES``: pdfplumber and pdfminer take a tenth of a second to import, and a
run with PDFium needs neither.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import cast

from kompass_extract.collector import fewer_collections
from kompass_extract.errors import UnreadableTextError
from kompass_extract.read.chars import PageChars
from kompass_extract.read.glyphs import (
    clean_page,
    reading_rotation,
    undecodable_share,
    unreadable,
)
from kompass_extract.read.layout import Page
from kompass_extract.read.lines import chars_to_lines
from kompass_extract.read.running import drop_running_lines
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

Engine = Callable[[str | Path, str | None, bytes | None], Sequence[PageChars]]


class EngineTable(Mapping[str, Engine]):
    """Engine name -> its ``read_chars``, the module holding it imported on the first lookup.

    ``modules``: engine name -> the dotted name of a module with a ``read_chars`` function.
    Looking up a name it does not hold raises ``KeyError``, as a dict does.
    """

    def __init__(self, modules: Mapping[str, str]) -> None:
        self.modules = dict(modules)

    def __getitem__(self, name: str) -> Engine:
        return cast(Engine, importlib.import_module(self.modules[name]).read_chars)

    def __iter__(self) -> Iterator[str]:
        return iter(self.modules)

    def __len__(self) -> int:
        return len(self.modules)


ENGINES: Mapping[str, Engine] = EngineTable(
    {"pdfplumber": "kompass_extract.read.pdfplumber", "pdfium": "kompass_extract.read.pdfium"}
)
# The default is the engine exact on every sample and every real-world case (README, "Reading
# engines"), and at equal exactness the faster: PDFium; pdfplumber stays as the reference.
DEFAULT_ENGINE = "pdfium"


def pdf_to_pages(
    path: str | Path,
    password: str | None = None,
    data: bytes | None = None,
    *,
    engine: str = DEFAULT_ENGINE,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> list[Page]:
    """Every page of the PDF as positioned lines, running headers and footers dropped.

    ``data``: the file's bytes when already read (then they are parsed, not the file at
    ``path``); ``engine``: a name of ``ENGINES``. Raises a ``KompassError`` subclass when the
    PDF cannot be read, ``ValueError`` for an unknown engine.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    with fewer_collections():
        pages = [page_to_lines(page, settings) for page in ENGINES[engine](path, password, data)]
        return drop_running_lines(pages)


def page_to_lines(page: PageChars, settings: LayoutSettings = DEFAULT_SETTINGS) -> Page:
    """One page's glyphs cleaned and grouped into lines (pure)."""
    cleaned = clean_page(page.chars, page.width, page.height, settings)
    lines = tuple(chars_to_lines(cleaned.chars, page.number, settings))
    rotation = reading_rotation(page.chars)  # the turn clean_page undid
    return Page(
        page.number,
        cleaned.width,
        cleaned.height,
        lines,
        len(page.chars),
        page.marks,
        rotation=rotation,
    )


def check_decodable(source: str, pages: Sequence[Page]) -> None:
    """Raise ``UnreadableTextError`` when more than ``LayoutSettings.unreadable_share`` of the
    document's glyphs cannot be decoded (no Unicode map, foreign script, controls)."""
    share = undecodable_share(line.text for page in pages for line in page.lines)
    if unreadable(share):
        raise UnreadableTextError(
            source,
            f"{share:.1%} of the text's characters cannot be decoded (fonts without a Unicode "
            "map) or are of a script that cannot occur in a Swedish report, so its words and "
            "figures cannot be read reliably; if the text is really in another language, it is "
            "not a Kommunkompassen report; OCR (e.g. ocrmypdf --force-ocr, then extract the "
            "result) helps only if the printed page is Swedish",
        )
