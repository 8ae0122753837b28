"""The expected-output file of a sample, written from the generator's input and placements.

``pages`` maps a placement key to the physical 1-based page the renderer put it on:
``(block_index, -1)`` is the block's first line, ``(block_index, n)`` its n-th item, paragraph
or table row (the total row is ``len(rows)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .document import (
    AreaHeading,
    Document,
    Findings,
    Item,
    OverviewTable,
    Paragraph,
    Prose,
    Row,
    ScoreBox,
    Section,
    SubHeading,
    Summary,
)
from .textjoin import join_paragraphs, join_src

Pages = dict[tuple[int, int], int]
OVERALL_COMMENTS = "overall-comments"
_AREA_PREFIX = re.compile(r"^\S+\s+\d+\s+")  # "Område 3 " before the area name
_QUESTION_ID = re.compile(r"^(\d+\.\d+)\s+")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


@dataclass
class AreaEntry:
    data: dict[str, Any]
    strengths: list[dict[str, Any]] = field(default_factory=list)
    improvements: list[dict[str, Any]] = field(default_factory=list)


def printed_number(text: str) -> int | float:
    """'45 %' -> 45, '72,5 %' -> 72.5: the figure as printed."""
    match = _NUMBER.search(text)
    if match is None:
        raise ValueError(f"no number in table cell {text!r}")
    value = float(match.group().replace(",", "."))
    return int(value) if value.is_integer() else value


def area_entry(block: AreaHeading, page: int, area_max: int) -> AreaEntry:
    name = _AREA_PREFIX.sub("", join_src(block.lines), count=1)
    data: dict[str, Any] = {
        "area_no": block.area_no,
        "area_name": name,
        "score": None,
        "max_score": area_max,
        "page": page,
        "subareas": [],
    }
    return AreaEntry(data)


def subareas(box: ScoreBox, page: int) -> list[dict[str, Any]]:
    return [
        {"position": position, "heading": join_src(item.lines), "page": page}
        for position, item in enumerate(box.items, start=1)
    ]


def findings(items: tuple[Item, ...], block_index: int, pages: Pages) -> list[dict[str, Any]]:
    return [
        {"text": join_src(item.lines), "page": pages[(block_index, index)]}
        for index, item in enumerate(items)
    ]


def question(row: Row, page: int, area_no: int) -> dict[str, Any]:
    text = join_src(row.lines)
    match = _QUESTION_ID.match(text)
    if match is None:
        raise ValueError(f"table row of area {area_no} does not start with a question id: {text!r}")
    points, max_points, percent = (printed_number(value) for value in row.values[:3])
    entry = {
        "question_id": match.group(1),
        "question_text": text[match.end() :],
        "points": points,
        "max_points": max_points,
        "percent": percent,
        "page": page,
    }
    if row.unrounded is not None:
        entry["unrounded_points"] = row.unrounded
    return entry


def overview(table: OverviewTable, block_index: int, pages: Pages) -> dict[str, Any]:
    total, maximum, percent = (printed_number(value) for value in table.total.values[:3])
    questions = [
        question(row, pages[(block_index, index)], 0) for index, row in enumerate(table.rows)
    ]
    return {
        "total": total,
        "max": maximum,
        "percent": percent,
        "page": pages[(block_index, len(table.rows))],
        "questions": questions,
    }


def table_area_no(table: OverviewTable) -> int:
    return int(join_src(table.header.lines).split(".")[0])


def first_paragraph_page(block_index: int, pages: Pages) -> int:
    if (block_index, 0) in pages:
        return pages[(block_index, 0)]
    return pages[(block_index, -1)]


class ExpectedBuilder:
    """Walks the blocks in order, keeping track of the current area and summary."""

    def __init__(self, area_max: int) -> None:
        self.area_max = area_max
        self.areas: dict[int, AreaEntry] = {}
        self.current: AreaEntry | None = None
        self.overall_parts: list[Paragraph] = []
        self.overall_page: int | None = None
        self.collecting_overall = False

    def add(self, index: int, block: object, pages: Pages) -> None:
        if isinstance(block, Section | AreaHeading):
            self.collecting_overall = False
            self.current = None
        if isinstance(block, AreaHeading):
            self.current = area_entry(block, pages[(index, -1)], self.area_max)
            self.areas[block.area_no] = self.current
        elif isinstance(block, SubHeading) and block.role == OVERALL_COMMENTS:
            self.collecting_overall = True
        elif isinstance(block, Prose) and self.collecting_overall:
            self.add_overall(index, block, pages)
        elif isinstance(block, OverviewTable):
            self.areas[table_area_no(block)].data["overview"] = overview(block, index, pages)
        elif self.current is not None:
            self.add_to_area(self.current, index, block, pages)

    def add_overall(self, index: int, block: Prose, pages: Pages) -> None:
        if self.overall_page is None:
            self.overall_page = first_paragraph_page(index, pages)
        self.overall_parts.extend(Paragraph(part.lines) for part in block.parts)

    def add_to_area(self, area: AreaEntry, index: int, block: object, pages: Pages) -> None:
        if isinstance(block, ScoreBox):
            area.data["score"] = int(block.score)
            area.data["subareas"] = subareas(block, pages[(index, -1)])
        elif isinstance(block, Findings):
            target = area.strengths if block.kind == "strength" else area.improvements
            target.extend(findings(block.items, index, pages))
        elif isinstance(block, Summary):
            text = join_paragraphs(block.paragraphs)
            area.data["summary"] = {"text": text, "page": first_paragraph_page(index, pages)}

    def areas_json(self) -> list[dict[str, Any]]:
        return [self.area_json(self.areas[area_no]) for area_no in sorted(self.areas)]

    @staticmethod
    def area_json(entry: AreaEntry) -> dict[str, Any]:
        data = entry.data
        table = dict(data.get("overview", {"questions": []}))
        questions = table.pop("questions")
        keys = ("area_no", "area_name", "score", "max_score", "page", "subareas")
        return {
            **{key: data[key] for key in keys},
            "strengths": entry.strengths,
            "improvements": entry.improvements,
            "summary": data.get("summary"),
            "overview": table or None,
            "questions": questions,
        }


def build_expected(
    document: Document, pages: Pages, meta: dict[str, Any], page_count: int
) -> dict[str, Any]:
    builder = ExpectedBuilder(int(meta["area_max"]))
    for index, block in enumerate(document.blocks):
        builder.add(index, block, pages)
    overall = None
    if builder.overall_parts:
        overall = {
            "text": join_paragraphs(tuple(builder.overall_parts)),
            "page": builder.overall_page,
        }
    report = dict(meta["report"])
    report["page_count"] = page_count
    return {
        "sample": meta["sample"],
        "provenance": meta["provenance"].strip(),
        "report": report,
        "overall_comments": overall,
        "areas": builder.areas_json(),
    }
