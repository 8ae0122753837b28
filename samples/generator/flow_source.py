"""Reader of the structured source form (JSON; text wrapped by the style, pages found by it).

The file holds ``blocks``, a list of one-key objects in reading order:
``{"section": {"number": 1, "text": ...}}``, ``{"area": {"number": 1, "text": ...}}``,
``{"heading": {"text": ..., "role": ""}}``, ``{"prose": [paragraph text | {"bullet", "text"}]}``,
``{"box": {"header": [left, right], "bullet": ..., "items": [...], "score": ...}}``,
``{"strengths"|"improvements": {"heading", "bullet", "items"}}``,
``{"summary": {"heading", "paragraphs"}}``, ``{"chart": [values]}``,
``{"table": {"header": text, "columns": [...], "total": [...], "rows": [{"text", "values",
"align", "unrounded_points"}]}}``, ``{"facts": [[label, value], ...]}``. Any block may carry
``"new_page": true``.

Computed figures: a table row may give ``"max"`` and ``"unrounded_points"`` (and optionally
``"points_decimals"``) instead of ``"values"``; a table without ``"total"`` gets the rounded sum
(see printed.py; ``"format": {"percent_decimals": 1, "decimal_comma": true}``). A box without
``"score"`` and a chart given as ``"scores"`` take the computed area totals.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .document import (
    AreaHeading,
    Block,
    Chart,
    Document,
    FactsTable,
    Findings,
    Item,
    OverviewTable,
    Paragraph,
    Part,
    Prose,
    Row,
    ScoreBox,
    Section,
    SrcLine,
    SubHeading,
    Summary,
)
from .printed import NumberFormat, row_values, total_values

WHOLE_NUMBERS = NumberFormat()


class FlowSourceError(ValueError):
    """The JSON source is malformed: names the file, the block and what is wrong."""


def one_line(text: str) -> tuple[SrcLine, ...]:
    return (SrcLine(text),)


def to_part(entry: str | dict[str, str]) -> Part:
    if isinstance(entry, str):
        return Paragraph(one_line(entry))
    return Item(entry["bullet"], one_line(entry["text"]))


def number_format(data: dict[str, Any]) -> NumberFormat:
    return NumberFormat(**data.get("format", {}))


def row_printed_values(entry: dict[str, Any], fmt: NumberFormat) -> tuple[str, ...]:
    if "values" in entry:
        return tuple(entry["values"])
    return row_values(entry["unrounded_points"], entry["max"], entry.get("points_decimals", 0), fmt)


def to_row(entry: dict[str, Any], fmt: NumberFormat = WHOLE_NUMBERS) -> Row:
    return Row(
        one_line(entry["text"]),
        row_printed_values(entry, fmt),
        entry.get("align", "bottom"),
        entry.get("unrounded_points"),
    )


def table_total(data: dict[str, Any]) -> tuple[str, ...]:
    if "total" in data:
        return tuple(data["total"])
    rows = data["rows"]
    return total_values(
        [row["unrounded_points"] for row in rows], [row["max"] for row in rows], number_format(data)
    )


def to_table(data: dict[str, Any], page: bool) -> OverviewTable:
    header = Row(one_line(data["header"]), tuple(data["columns"]), "middle")
    rows = tuple(to_row(entry, number_format(data)) for entry in data["rows"])
    return OverviewTable(header, rows, Row((), table_total(data)), new_page=page)


def area_totals(entries: list[dict[str, Any]]) -> dict[int, str]:
    """Printed total per area number ("3. Name" header -> 3), for boxes and charts without one."""
    totals = {}
    for entry in entries:
        if "table" in entry:
            area_no = int(entry["table"]["header"].split(".")[0])
            totals[area_no] = table_total(entry["table"])[0]
    return totals


def fill_computed(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Boxes without a score and a "scores" chart get the area totals, in area order."""
    totals = area_totals(entries)
    area_no, filled = 0, []
    for entry in entries:
        if "area" in entry:
            area_no = entry["area"]["number"]
        if "box" in entry and "score" not in entry["box"]:
            entry = {**entry, "box": {**entry["box"], "score": totals[area_no]}}
        if entry.get("chart") == "scores":
            entry = {
                **entry,
                "chart": [round(float(totals[n].replace(",", "."))) for n in sorted(totals)],
            }
        filled.append(entry)
    return filled


BUILDERS: dict[str, Callable[[Any, bool], Block]] = {
    "section": lambda d, p: Section(d["number"], one_line(d["text"]), new_page=p),
    "area": lambda d, p: AreaHeading(d["number"], one_line(d["text"]), new_page=p),
    "heading": lambda d, p: SubHeading(one_line(d["text"]), d.get("role", ""), new_page=p),
    "prose": lambda d, p: Prose(tuple(to_part(entry) for entry in d), new_page=p),
    "box": lambda d, p: ScoreBox(
        tuple(d["header"]),
        tuple(Item(d["bullet"], one_line(text)) for text in d["items"]),
        d["score"],
        new_page=p,
    ),
    "strengths": lambda d, p: Findings(
        "strength",
        d["heading"],
        tuple(Item(d["bullet"], one_line(text)) for text in d["items"]),
        new_page=p,
    ),
    "improvements": lambda d, p: Findings(
        "improvement",
        d["heading"],
        tuple(Item(d["bullet"], one_line(text)) for text in d["items"]),
        new_page=p,
    ),
    "summary": lambda d, p: Summary(
        d["heading"], tuple(Paragraph(one_line(text)) for text in d["paragraphs"]), new_page=p
    ),
    "chart": lambda d, p: Chart(tuple(d), new_page=p),
    "table": to_table,
    "facts": lambda d, p: FactsTable(tuple((label, value) for label, value in d), new_page=p),
}


def to_block(entry: dict[str, Any], number: int, path: Path) -> Block:
    kinds = [key for key in entry if key != "new_page"]
    if len(kinds) != 1 or kinds[0] not in BUILDERS:
        raise FlowSourceError(
            f"{path}: block {number} has keys {kinds}; expected one of "
            f"{sorted(BUILDERS)} (and optionally new_page)"
        )
    try:
        return BUILDERS[kinds[0]](entry[kinds[0]], bool(entry.get("new_page", False)))
    except (KeyError, TypeError) as error:
        raise FlowSourceError(f"{path}: block {number} ({kinds[0]}) lacks {error}") from error


def read_flow_source(path: Path) -> Document:
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = data.get("blocks") if isinstance(data, dict) else None
    if not isinstance(blocks, list):
        raise FlowSourceError(f"{path}: expected an object with a list 'blocks'")
    try:
        blocks = fill_computed(blocks)
    except (KeyError, ValueError) as error:
        raise FlowSourceError(
            f"{path}: cannot compute a box score or chart ({error}); give "
            f"each area an overview table or an explicit score"
        ) from error
    return Document(tuple(to_block(entry, n, path) for n, entry in enumerate(blocks, start=1)))
