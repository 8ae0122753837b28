"""Running headers, footers and page numbers: recognised on the pages they stand on, then dropped.

Pure: pages of positioned lines in, the same pages without their running lines out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import regex

from kompass_extract.read.layout import Line, Page
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS

DIGITS = regex.compile(r"\d+")


def drop_running_lines(pages: Sequence[Page]) -> list[Page]:
    """Remove running headers, footers and page numbers (kept aside in ``Page.running``).

    A line in the top or bottom band of a page is running text when it is a page number that
    follows the document's page numbering ("5", "Sida 3 (24)", "2 (34)": its number minus the
    page's index is the offset most such lines share), or when it holds words and its text,
    digits masked, recurs in the bands of at least a third of the pages (and of at least two).
    A bare number that breaks the numbering (a score that happens to sit low on a page) stays.
    """
    banded = [(page, ln) for page in pages for ln in page.lines if _in_band(ln, page)]
    masked = Counter(key for key in {(p.number, _mask(ln)) for p, ln in banded if _has_words(ln)})
    repeated = Counter(key for _, key in masked)
    offsets = Counter(off for p, ln in banded if (off := _page_offset(ln, p)) is not None)
    settings = DEFAULT_SETTINGS
    agreed = bool(offsets) and offsets.most_common(1)[0][1] >= settings.page_number_min_pages
    offset = offsets.most_common(1)[0][0] if agreed else None
    threshold = max(settings.running_min_pages, int(len(pages) * settings.running_min_share))

    def running(page: Page, line: Line) -> bool:
        if not _in_band(line, page):
            return False
        if offset is not None and _page_offset(line, page) == offset:
            return True
        return _has_words(line) and repeated[_mask(line)] >= threshold

    return [
        replace(
            page,
            lines=tuple(ln for ln in page.lines if not running(page, ln)),
            running=tuple(ln for ln in page.lines if running(page, ln)),
        )
        for page in pages
    ]


def _in_band(line: Line, page: Page) -> bool:
    band = DEFAULT_SETTINGS.margin_band * page.height
    return line.bottom < band or line.top > page.height - band


def _mask(line: Line) -> str:
    return DIGITS.sub("#", line.text.casefold())


def _has_words(line: Line) -> bool:
    return any(c.isalpha() for c in line.text)


def _page_offset(line: Line, page: Page) -> int | None:
    """Printed page number minus the page's index, for a line that is only a page number."""
    match = vocabulary().page_number.match(line.text)
    return int(match["number"]) - page.number if match else None
