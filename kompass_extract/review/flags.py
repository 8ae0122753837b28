"""Which values of a report to mark, and why: failed checks and values read with doubt.

A row of the checks table points at values through its ``check``, ``area_no`` and
``question_id``: an error marks the values it compares as ``failed``; an ``extraction``
warning (a parse note) marks the question row its note names, or else the values of the
parts its note puts in doubt (the note's code -> parts, ``rules/doubt.json``; every area when
it names none), as ``doubt``; any other warning
marks its values as ``warning``. Differences that rounding explains (``info``) mark nothing.
Pure functions of the checks rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kompass_extract.models import WHOLE_REPORT_PARTS, ReportPart
from kompass_extract.review.places import known
from kompass_extract.rules.doubt import parts_in_doubt

LEVELS = ("failed", "doubt", "warning")
"""Marks from the gravest: a check error, a value read with doubt, another warning."""

Columns = tuple[str, ...] | None  # None: every value of the row

PART_TARGETS: dict[ReportPart, tuple[str, str | None, Columns]] = {
    "box_score": ("areas", None, ("score",)),
    "overview_total": ("areas", None, ("overview_total", "overview_percent")),
    "overview_questions": ("questions", None, None),
    "strengths": ("findings", "strength", None),
    "improvements": ("findings", "improvement", None),
    "area_summary": ("summaries", "area_summary", None),
    "overall_comments": ("summaries", "overall_comments", None),
}
"""Expected part -> (table, ``kind`` of its rows or None, columns) of the values it holds."""

AREA_CHECK_COLUMNS: dict[str, tuple[tuple[str, Columns], ...]] = {
    "box_vs_overview": (("areas", ("score", "overview_total")),),
    "points_within_max": (("areas", ("score", "overview_total", "max_score")),),
    "questions_sum": (("areas", ("overview_total",)), ("questions", ("points", "max_points"))),
    "overview_percent": (("areas", ("overview_total", "overview_percent")),),
    "areas_sum": (("areas", ("area_no", "max_score")),),
    "question_ids": (("questions", ("question_id",)),),
    "known_framework": (("areas", ("area_name",)),),
}
"""Check -> the (table, columns) of an area whose values it compares, for a row naming an area
and no question."""

QUESTION_CHECK_COLUMNS: dict[str, Columns] = {
    "points_within_max": ("points", "max_points", "percent"),
    "percent_vs_points": ("points", "percent"),
    "question_ids": ("question_id",),
    "known_framework": ("question_id", "max_points"),
}
"""Check -> the columns of the question row it names (every column for a check not listed)."""


@dataclass(frozen=True)
class Flag:
    """Why a value is marked: ``level`` (one of ``LEVELS``) and the check's message."""

    level: str
    message: str


@dataclass(frozen=True)
class Target:
    """Values a flag marks: rows of ``table`` (of area ``area_no``, of ``kind``, of question
    ``question_id``, where given) and their ``columns`` (None: every column)."""

    table: str
    flag: Flag
    area_no: int | None = None
    kind: str | None = None
    question_id: str | None = None
    columns: Columns = None

    def marks(self, table: str, row: Mapping[str, object], column: str) -> bool:
        """True when the value of ``column`` in ``row`` of ``table`` is one of these."""
        return (
            table == self.table
            and (self.area_no is None or _same(row.get("area_no"), self.area_no))
            and (self.kind is None or row.get("kind") == self.kind)
            and (self.question_id is None or row.get("question_id") == self.question_id)
            and (self.columns is None or column in self.columns)
        )


def _same(value: object, number: int) -> bool:
    return known(value) and int(value) == number  # type: ignore[call-overload]


def flag_level(severity: str, check: str) -> str | None:
    """The mark of a checks row: ``failed``, ``doubt``, ``warning``, or None for info."""
    if severity == "error":
        return "failed"
    if severity == "warning":
        return "doubt" if check == "extraction" else "warning"
    return None


def note_code(message: str) -> str:
    """The parse note's code at the start of an ``extraction`` message (``score_box: ...``)."""
    return message.split(":", 1)[0].strip()


def row_targets(row: Mapping[str, object]) -> list[Target]:
    """The values one checks row marks (its keys: ``check``, ``severity``, ``area_no``,
    ``question_id``, ``message``); [] for an info row or one that points at no value."""
    check, message = str(row["check"]), str(row.get("message") or "")
    level = flag_level(str(row["severity"]), check)
    if level is None:
        return []
    flag = Flag(level, f"{check}: {message}")
    area = int(row["area_no"]) if known(row.get("area_no")) else None  # type: ignore[call-overload]
    question = str(row["question_id"]) if known(row.get("question_id")) else None
    if check == "extraction" and question is not None:  # a note on one question row
        return [Target("questions", flag, area, None, question, None)]
    if check == "extraction":
        return _part_targets(parts_in_doubt(note_code(message)), flag, area)
    if question is not None:
        return [Target("questions", flag, area, None, question, QUESTION_CHECK_COLUMNS.get(check))]
    if area is None:  # a check of the whole report: only the areas' sum names a value
        return [Target("reports", flag, columns=("total_score",))] if check == "areas_sum" else []
    return [
        Target(table, flag, area, None, None, columns)
        for table, columns in AREA_CHECK_COLUMNS.get(check, ())
    ]


def _part_targets(parts: Iterable[ReportPart], flag: Flag, area: int | None) -> list[Target]:
    targets = []
    for part in parts:
        table, kind, columns = PART_TARGETS[part]
        scope = None if part in WHOLE_REPORT_PARTS else area
        targets.append(Target(table, flag, scope, kind, None, columns))
    return targets


def report_targets(checks: Iterable[Mapping[str, object]]) -> list[Target]:
    """Every value-marking target of a report's checks rows, in the rows' order."""
    return [target for row in checks for target in row_targets(row)]


def cell_flags(
    targets: Iterable[Target], table: str, row: Mapping[str, object], column: str
) -> list[Flag]:
    """The flags on one value, gravest first (stable within a level)."""
    found = [t.flag for t in targets if t.marks(table, row, column)]
    return sorted(dict.fromkeys(found), key=lambda flag: LEVELS.index(flag.level))
