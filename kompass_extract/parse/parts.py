"""A file's lines -> the reports it holds: one part per report, cut where a second report starts.

Some archive files bind several reports into one PDF. A second report shows itself by a second
run of area headings ("Område 1" … "Område 8" again after the first run) together with the
opening of a report before it: a title page (a short page naming a municipality and a year,
without running prose), a contents page, or the section 1–3 headings. A file holding a second
run of areas without any such opening cannot be cut safely: ``SeveralReportsError`` says so,
rather than letting one report mix the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kompass_extract.errors import SeveralReportsError
from kompass_extract.parse.metadata import find_municipality
from kompass_extract.parse.segment import (
    Heading,
    HeadingLines,
    area_number_and_name,
    contents_pages,
    find_headings,
)
from kompass_extract.parse.typography import Metrics
from kompass_extract.read.layout import Line
from kompass_extract.rules.vocabulary import vocabulary

START_SECTIONS = ("section_1", "section_2", "section_3")


@dataclass(frozen=True, slots=True)
class Part:
    """The lines of one report of a file: ``start``/``end`` index the file's lines."""

    start: int
    end: int
    first_page: int
    last_page: int


def lines_to_parts(
    lines: Sequence[Line], metrics: Metrics, source: str = "", known: HeadingLines | None = None
) -> list[Part]:
    """The reports a file's lines hold, in order; one part (all lines) for a single report.

    A new report starts at each run of at least ``report_min_areas`` area headings whose
    numbers start again (an area number not above the previous one). It is cut at the last
    title page before its first section heading (else the contents page, else that heading).
    ``known``: the ``heading_lines`` of these lines and metrics, when already found. Raises
    ``SeveralReportsError`` when a second run has no such opening.
    """
    if not lines:
        return []
    skip = known.contents if known is not None else contents_pages(lines)
    headings = [h for h in find_headings(lines, metrics, (), known) if h.page not in skip]
    runs = area_runs(headings, metrics.settings.report_min_areas)
    starts = [0]
    for previous, run in zip(runs, runs[1:], strict=False):
        start = report_start(lines, headings, previous[-1], run[0], metrics)
        if start is None:
            raise SeveralReportsError(
                source,
                f"the areas start again on page {run[0].page} (a second run of 'Område 1' "
                "… 'Område 8'), but no title page, contents page or section heading opens a "
                "second report there: cannot tell whether the file holds two reports",
                page=run[0].page,
            )
        starts.append(start)
    ends = [*starts[1:], len(lines)]
    return [Part(s, e, lines[s].page, lines[e - 1].page) for s, e in zip(starts, ends, strict=True)]


def area_runs(headings: Sequence[Heading], min_areas: int) -> list[list[Heading]]:
    """Area headings grouped into runs: a run ends where the numbers start again. A run with
    fewer than ``min_areas`` different areas joins the run before it (a repeated heading)."""
    runs: list[list[tuple[int, Heading]]] = []
    for heading in headings:
        found = area_number_and_name(heading)
        if found is None:
            continue
        number = found[0]
        if not runs or number <= runs[-1][-1][0]:
            runs.append([])
        runs[-1].append((number, heading))
    merged: list[list[tuple[int, Heading]]] = []
    for run in runs:
        if merged and len({number for number, _ in run}) < min_areas:
            merged[-1] += run
        else:
            merged.append(run)
    return [[heading for _, heading in run] for run in merged]


def report_start(
    lines: Sequence[Line],
    headings: Sequence[Heading],
    last: Heading,
    first: Heading,
    metrics: Metrics,
) -> int | None:
    """Index of the first line of the report whose areas start at ``first``; ``last`` is the
    previous report's last area heading. None when no opening stands between them."""
    vocab = vocabulary()
    section = next(
        (
            h
            for h in headings
            if last.start < h.start < first.start
            and any(vocab.section(name).match(h.text) for name in START_SECTIONS)
        ),
        None,
    )
    limit = section.start if section is not None else first.start
    contents = contents_pages(lines)
    openings = [
        i
        for i in range(last.end, min(limit + 1, len(lines)))
        if lines[i - 1].page != lines[i].page
        and (lines[i].page in contents or is_title_page(page_lines(lines, i), metrics))
    ]
    if openings:
        return _first_of_last_opening(lines, openings)
    return section.start if section is not None else None


def _first_of_last_opening(lines: Sequence[Line], openings: list[int]) -> int:
    """The last title page, or the contents page right after it: its first line."""
    last = openings[-1]
    earlier = [i for i in openings if lines[i].page == lines[last].page - 1]
    return earlier[0] if earlier else last


def page_lines(lines: Sequence[Line], start: int) -> list[Line]:
    """The lines of the page that begins at index ``start``."""
    page = lines[start].page
    end = start
    while end < len(lines) and lines[end].page == page:
        end += 1
    return list(lines[start:end])


def is_title_page(lines: Sequence[Line], metrics: Metrics) -> bool:
    """A short page that names a municipality and a year, without a wrapped paragraph of body
    text or a section or area heading (a title page, first or bound in later)."""
    vocab = vocabulary()
    if not lines or len(lines) > metrics.settings.title_page_max_lines:
        return False
    text = " ".join(ln.text for ln in lines)
    if find_municipality(lines, ())[0] is None or not vocab.title.year.search(text):
        return False
    headings = [vocab.area_heading, *vocab.sections.values()]
    if any(p.match(ln.text) for ln in lines for p in headings):
        return False
    return not any(
        metrics.reaches_right(a) and b.top > a.top and is_body(a, metrics)
        for a, b in zip(lines, lines[1:], strict=False)
    )


def is_body(line: Line, metrics: Metrics) -> bool:
    """Set in the body size (title lines are larger)."""
    return abs(line.size - metrics.body_size) < metrics.settings.size_tolerance
