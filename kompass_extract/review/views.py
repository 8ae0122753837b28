"""A report's tables as the review shows them: every value with its place and its marks.

``table_view`` turns the rows of one table of one report into cells: the value as text, the
page image to link to, the highlight in percent of the page, and the flags (failed check,
read with doubt, warning). Which columns each table shows is ``TABLE_COLUMNS``. Pure functions
of the frames; the page images and frames are given (``PageLinks``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from kompass_extract.read.render import PageFrame
from kompass_extract.review.flags import Flag, Target, cell_flags
from kompass_extract.review.places import box_percent, cell_place, known

TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "areas": (
        ("area_no", "area"),
        ("area_name", "name"),
        ("score", "score"),
        ("max_score", "max"),
        ("overview_total", "overview total"),
        ("overview_percent", "overview %"),
    ),
    "questions": (
        ("question_id", "question"),
        ("question_text", "text"),
        ("points", "points"),
        ("max_points", "max"),
        ("percent", "%"),
    ),
    "findings": (("area_no", "area"), ("kind", "kind"), ("position", "#"), ("text", "text")),
    "summaries": (("area_no", "area"), ("kind", "kind"), ("text", "text")),
    "subareas": (("area_no", "area"), ("position", "#"), ("heading", "heading")),
}
"""Table -> (column, heading) of the values the review shows, in order."""

TABLE_TITLES = {
    "areas": "Areas",
    "questions": "Questions",
    "findings": "Strengths and improvement areas",
    "summaries": "Summaries",
    "subareas": "Sub-areas (the headings of each area's box)",
}


@dataclass(frozen=True)
class PageLinks:
    """The page images of one PDF: 1-based page -> image path relative to the report page,
    and page -> its frame in PDF points. Empty when the PDF was not found."""

    images: Mapping[int, str] = field(default_factory=dict)
    frames: Mapping[int, PageFrame] = field(default_factory=dict)


@dataclass(frozen=True)
class Cell:
    """One value: its ``text``, the ``column`` it is from, the ``page`` it was printed on
    (None: not recorded), the image to show (``href``, None when there is none), the
    ``highlight`` (left, top, width, height in percent of the page; None without a box), and
    its ``flags``."""

    column: str
    text: str
    page: int | None = None
    href: str | None = None
    highlight: tuple[float, float, float, float] | None = None
    flags: tuple[Flag, ...] = ()


def value_text(value: object) -> str:
    """A value as the review prints it: numbers without trailing zeros, ``—`` for a null."""
    if not known(value):
        return "—"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    return str(value)


def make_cell(
    table: str, column: str, row: Mapping[str, object], links: PageLinks, targets: list[Target]
) -> Cell:
    """One value of ``row`` with its place (see ``places.cell_place``) and flags."""
    place = cell_place(table, column, row)
    flags = tuple(cell_flags(targets, table, row, column))
    text = value_text(row.get(column))
    if place is None:
        return Cell(column, text, flags=flags)
    href = links.images.get(place.page)
    frame = links.frames.get(place.page)
    highlight = box_percent(place.box, frame) if place.box and frame and href else None
    return Cell(column, text, place.page, href, highlight, flags)


def table_view(
    table: str, frame: pd.DataFrame, links: PageLinks, targets: list[Target]
) -> list[list[Cell]]:
    """The rows of ``frame`` (one report's rows of ``table``) as cells of the columns in
    ``TABLE_COLUMNS``."""
    shown = TABLE_COLUMNS[table]
    rows: list[list[Cell]] = []
    for row in frame.to_dict("records"):
        rows.append([make_cell(table, column, row, links, targets) for column, _ in shown])
    return rows


def pages_of(frames: Sequence[pd.DataFrame]) -> set[int]:
    """Every page a value of these frames was printed on (``page`` and, in areas,
    ``score_page`` and ``overview_page``)."""
    pages: set[int] = set()
    for frame in frames:
        for column in ("page", "score_page", "overview_page"):
            if column in frame:
                pages.update(int(p) for p in frame[column].dropna())
    return pages
