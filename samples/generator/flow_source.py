"""Reader of the structured source form (JSON; text wrapped by the style, pages found by it).

The file holds ``blocks``, a list of one-key objects in reading order:
``{"section": {"number": 1, "text": ...}}``, ``{"area": {"number": 1, "text": ...}}``,
``{"heading": {"text": ..., "role": ""}}``, ``{"prose": [paragraph text | {"bullet", "text"}]}``,
``{"box": {"header": [left, right], "bullet": ..., "items": [...], "score": ...}}``,
``{"strengths"|"improvements": {"heading", "bullet", "items"}}``,
``{"summary": {"heading", "paragraphs"}}``, ``{"chart": [values]}``,
``{"table": {"header": text, "columns": [...], "total": [...], "rows": [{"text", "values",
"align", "unrounded_points"}]}}``. Any block may carry ``"new_page": true``.
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


class FlowSourceError(ValueError):
    """The JSON source is malformed: names the file, the block and what is wrong."""


def one_line(text: str) -> tuple[SrcLine, ...]:
    return (SrcLine(text),)


def to_part(entry: str | dict[str, str]) -> Part:
    if isinstance(entry, str):
        return Paragraph(one_line(entry))
    return Item(entry["bullet"], one_line(entry["text"]))


def to_row(entry: dict[str, Any]) -> Row:
    return Row(one_line(entry["text"]), tuple(entry["values"]), entry.get("align", "bottom"),
               entry.get("unrounded_points"))


def to_table(data: dict[str, Any], page: bool) -> OverviewTable:
    header = Row(one_line(data["header"]), tuple(data["columns"]), "middle")
    rows = tuple(to_row(entry) for entry in data["rows"])
    return OverviewTable(header, rows, Row((), tuple(data["total"])), new_page=page)


BUILDERS: dict[str, Callable[[Any, bool], Block]] = {
    "section": lambda d, p: Section(d["number"], one_line(d["text"]), new_page=p),
    "area": lambda d, p: AreaHeading(d["number"], one_line(d["text"]), new_page=p),
    "heading": lambda d, p: SubHeading(one_line(d["text"]), d.get("role", ""), new_page=p),
    "prose": lambda d, p: Prose(tuple(to_part(entry) for entry in d), new_page=p),
    "box": lambda d, p: ScoreBox(tuple(d["header"]), tuple(Item(d["bullet"], one_line(text))
                                                          for text in d["items"]),
                                 d["score"], new_page=p),
    "strengths": lambda d, p: Findings("strength", d["heading"], tuple(
        Item(d["bullet"], one_line(text)) for text in d["items"]), new_page=p),
    "improvements": lambda d, p: Findings("improvement", d["heading"], tuple(
        Item(d["bullet"], one_line(text)) for text in d["items"]), new_page=p),
    "summary": lambda d, p: Summary(d["heading"], tuple(Paragraph(one_line(text))
                                                        for text in d["paragraphs"]), new_page=p),
    "chart": lambda d, p: Chart(tuple(d), new_page=p),
    "table": to_table,
}


def to_block(entry: dict[str, Any], number: int, path: Path) -> Block:
    kinds = [key for key in entry if key != "new_page"]
    if len(kinds) != 1 or kinds[0] not in BUILDERS:
        raise FlowSourceError(f"{path}: block {number} has keys {kinds}; expected one of "
                              f"{sorted(BUILDERS)} (and optionally new_page)")
    try:
        return BUILDERS[kinds[0]](entry[kinds[0]], bool(entry.get("new_page", False)))
    except (KeyError, TypeError) as error:
        raise FlowSourceError(f"{path}: block {number} ({kinds[0]}) lacks {error}") from error


def read_flow_source(path: Path) -> Document:
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = data.get("blocks") if isinstance(data, dict) else None
    if not isinstance(blocks, list):
        raise FlowSourceError(f"{path}: expected an object with a list 'blocks'")
    return Document(tuple(to_block(entry, n, path) for n, entry in enumerate(blocks, start=1)))
