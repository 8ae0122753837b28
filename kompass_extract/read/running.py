"""Running headers, footers and page numbers: recognised on the pages they stand on, then dropped.

Pure: pages of positioned lines in, the same pages without their running lines out.

Each page is judged by its own margins and its neighbours', never by one rule for the whole
document, so that an inserted unnumbered page, a second report bound into the same file or a
part whose numbering restarts leaves the other pages' running lines recognised:

- a page number ("5", "Sida 3 (24)", "2 (34)") is running when a nearby page carries a page
  number that counts up with it (printed number minus physical page is the same on both);
- a line with words is running when its text, digits masked, stands in the same margin at the
  same height on most pages near it (a heading that happens to open a few pages does not).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from kompass_extract.read.layout import Line, Page
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

DIGITS = regex.compile(r"\d+")

LineKey = tuple[int, int]  # (index of the page in the document, index of the line on it)


@dataclass(frozen=True, slots=True)
class MarginLine:
    """A line in the top or bottom margin band of a page."""

    key: LineKey
    page_index: int
    side: str  # "top" or "bottom"
    line: Line
    offset: float  # distance in points from the page's edge on that side


def drop_running_lines(
    pages: Sequence[Page], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Page]:
    """The pages without their running headers, footers and page numbers.

    A margin line (within ``margin_band`` of the page height from the top or bottom) is
    running when it is a page number that counts up with one on a page at most
    ``page_number_window`` pages away, or when its text, digits masked, recurs in the same
    margin at the same height (``running_position_slack``) on ``running_min_local`` pages and a
    ``running_min_share`` of the pages within ``running_window`` pages of it. A bare number that counts
    up with no neighbour (a score that happens to sit low on a page) stays.
    """
    margins = margin_lines(pages, settings)
    running = running_page_numbers(margins, settings)
    running |= repeated_margin_texts(margins, len(pages), settings)
    return [
        replace(
            page,
            lines=tuple(ln for j, ln in enumerate(page.lines) if (i, j) not in running),
            running=tuple(ln for j, ln in enumerate(page.lines) if (i, j) in running),
        )
        for i, page in enumerate(pages)
    ]


def margin_lines(pages: Sequence[Page], settings: LayoutSettings) -> list[MarginLine]:
    """Every line standing in the top or bottom margin band of its page, in page order."""
    found = []
    for i, page in enumerate(pages):
        band = settings.margin_band * page.height
        for j, line in enumerate(page.lines):
            if line.bottom < band:
                found.append(MarginLine((i, j), i, "top", line, line.top))
            elif line.top > page.height - band:
                found.append(MarginLine((i, j), i, "bottom", line, page.height - line.bottom))
    return found


def running_page_numbers(margins: Sequence[MarginLine], settings: LayoutSettings) -> set[LineKey]:
    """Margin lines that are page numbers counting up with a page number on a nearby page."""
    offsets: dict[int, list[MarginLine]] = defaultdict(list)
    for margin in margins:
        number = printed_page_number(margin.line)
        if number is not None:
            offsets[number - margin.page_index].append(margin)
    window = settings.page_number_window
    running: set[LineKey] = set()
    for candidates in offsets.values():
        pages = sorted({m.page_index for m in candidates})
        for margin in candidates:
            if any(p != margin.page_index and abs(p - margin.page_index) <= window for p in pages):
                running.add(margin.key)
    return running


def printed_page_number(line: Line) -> int | None:
    """The page number a line holds and nothing else ("5", "Sida 3 (24)"), else None."""
    match = vocabulary().page_number.match(line.text)
    return int(match["number"]) if match else None


def repeated_margin_texts(
    margins: Sequence[MarginLine], page_count: int, settings: LayoutSettings
) -> set[LineKey]:
    """Margin lines with words whose masked text recurs in the same margin, at the same
    distance from the page's edge (within ``running_position_slack``), on the pages near it,
    at a place that holds no text of the body on any page (``body_places``)."""
    same_text: dict[tuple[str, str], list[MarginLine]] = defaultdict(list)
    for margin in margins:
        if has_words(margin.line):
            same_text[(margin.side, masked(margin.line))].append(margin)
    body = body_places(same_text, settings)
    slack = settings.running_position_slack
    running: set[LineKey] = set()
    for (side, _), group in same_text.items():
        for margin in group:
            pages = {o.page_index for o in group if abs(o.offset - margin.offset) <= slack}
            if not recurs_nearby(margin.page_index, pages, page_count, settings):
                continue
            if not any(abs(offset - margin.offset) <= slack for offset in body[side]):
                running.add(margin.key)
    return running


def body_places(
    same_text: dict[tuple[str, str], list[MarginLine]], settings: LayoutSettings
) -> dict[str, list[float]]:
    """Per margin, the heights at which text of the body stands on some page: text found on
    fewer than ``running_min_local`` pages. A running head's place holds no such text (a
    heading that opens several pages in a row shares its place with text that opens others)."""
    places: dict[str, list[float]] = {"top": [], "bottom": []}
    for (side, _), group in same_text.items():
        if len({m.page_index for m in group}) < settings.running_min_local:
            places[side] += [m.offset for m in group]
    return places


def recurs_nearby(
    page_index: int, pages: set[int], page_count: int, settings: LayoutSettings
) -> bool:
    """Whether a text on ``pages`` stands on at least ``running_min_local`` pages and a
    ``running_min_share`` of the ``2 * running_window + 1`` pages around ``page_index`` (fewer
    in a shorter file; the window is shifted, not cut, at the file's ends). A running head
    stands on nearly every page of its part, or every other one; a heading that happens to
    open a few pages does not."""
    size = min(page_count, 2 * settings.running_window + 1)
    first = min(max(0, page_index - settings.running_window), page_count - size)
    near = sum(1 for p in range(first, first + size) if p in pages)
    return near >= settings.running_min_local and near >= settings.running_min_share * size


def masked(line: Line) -> str:
    """The line's text folded, each run of digits replaced by "#"."""
    return DIGITS.sub("#", line.text.casefold())


def has_words(line: Line) -> bool:
    """Whether the line holds a letter."""
    return any(c.isalpha() for c in line.text)
