"""Where a value was printed: its page and box, read from the box columns of the tables.

The questions, findings, summaries and subareas tables give each row's box as ``page, x0, top,
x1, bottom``; the areas table gives three: the area heading (``page, x0, ...``), the printed
area score (``score_page, score_x0, ...``) and the overview's total row (``overview_page,
overview_x0, ...``). Boxes are PDF points from the page's top-left, as pdfplumber measures;
``page`` is the 1-based physical page of the PDF file. A build written before these columns
existed has only ``page``: its values get a page and no box, and the review says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from kompass_extract.read.render import PageFrame

BOX_EDGES = ("x0", "top", "x1", "bottom")

AREA_PLACES: dict[str, str] = {
    "area_no": "",
    "area_name": "",
    "area_key": "",
    "score": "score_",
    "max_score": "overview_",
    "overview_total": "overview_",
    "overview_percent": "overview_",
}
"""Areas column -> the prefix of the box columns that say where its value was printed: the
heading, the score box, or the overview's total row (whose max is the area's)."""


class Place(NamedTuple):
    """A value's page (1-based) and, where recorded, its box ``(x0, top, x1, bottom)`` in PDF
    points from the page's top-left."""

    page: int
    box: tuple[float, float, float, float] | None


def known(value: object) -> bool:
    """False for a missing cell (None, NaN, pandas' NA)."""
    return value is not None and not bool(pd.isna(value))


def row_place(row: Mapping[str, object], prefix: str = "") -> Place | None:
    """The place named by the columns ``{prefix}page``, ``{prefix}x0`` ... of ``row``; None
    when the page is missing (or the column is absent); no box unless all four edges are
    there."""
    page = row.get(f"{prefix}page")
    if not known(page):
        return None
    edges = [row.get(f"{prefix}{edge}") for edge in BOX_EDGES]
    if not all(known(edge) for edge in edges):
        return Place(int(page), None)  # type: ignore[call-overload]
    x0, top, x1, bottom = (float(edge) for edge in edges)  # type: ignore[arg-type]
    return Place(int(page), (x0, top, x1, bottom))  # type: ignore[call-overload]


def cell_place(table: str, column: str, row: Mapping[str, object]) -> Place | None:
    """Where the value of ``column`` in a row of ``table`` was printed (see ``AREA_PLACES``
    for the areas table; every other table has one box per row)."""
    prefix = AREA_PLACES.get(column, "") if table == "areas" else ""
    return row_place(row, prefix)


def has_boxes(columns: object) -> bool:
    """True when a table's columns include the four box edges (a build with boxes)."""
    names = set(columns)  # type: ignore[call-overload]
    return all(edge in names for edge in BOX_EDGES)


def box_percent(
    box: tuple[float, float, float, float], frame: PageFrame
) -> tuple[float, float, float, float]:
    """A box as (left, top, width, height) in percent of its page's frame, to three decimals:
    where to lay the highlight over the page's image, whatever size it is shown at."""
    x0, top, x1, bottom = box
    return (
        round((x0 - frame.x0) / frame.width * 100, 3),
        round((top - frame.top) / frame.height * 100, 3),
        round((x1 - x0) / frame.width * 100, 3),
        round((bottom - top) / frame.height * 100, 3),
    )
