"""The parts a report is expected to contain, which of them were read, and which with doubt.

What a revision contains is data: its eight areas and their question sets
(``rules/frameworks/*.json``, ``areas``) and the kinds of part each report of it holds
(``contents``: ``models.ReportPart``). A report of an unknown revision is expected to hold
areas 1-8 and the kinds of part every known revision holds. A part is one kind in one area
("area 5 box score"), or of the whole report ("overall comments").

When a part counts as read:

- ``box_score``: the area's "Rubriker | Poäng" box gave a score;
- ``overview_total``: the total row of the area's overview table gave its points;
- ``overview_questions``: where the revision's question set of the area is known, every one of
  its questions has a row with points and max points; otherwise the area has question rows,
  each with points and max points, whose max points add up to the area's max (a row lost
  leaves its points unaccounted for);
- ``strengths`` / ``improvements``: the area has at least one such finding;
- ``area_summary``: the area has its summary; ``overall_comments``: the report has them.

A part is read with doubt when a parse note names it (``ParseNote.parts``, from
``rules/doubt.json``): in the note's area, or in every area when the note names none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kompass_extract.checks.common import Registry, framework_of
from kompass_extract.checks.rounding import TOLERANCE
from kompass_extract.models import (
    AREA_COUNT,
    PART_WORDS,
    WHOLE_REPORT_PARTS,
    Area,
    ParseNote,
    Report,
    ReportPart,
)
from kompass_extract.rules.frameworks import common_contents, load_frameworks


@dataclass(frozen=True, slots=True, order=True)
class Part:
    """One expected part: a kind of part (``models.ReportPart``) in area ``area_no`` (1-8), or
    of the whole report (``area_no`` None)."""

    area_no: int | None
    kind: ReportPart

    @property
    def label(self) -> str:
        """'area 5 box score', 'overall comments'."""
        words = PART_WORDS[self.kind]
        return words if self.area_no is None else f"area {self.area_no} {words}"


@dataclass(frozen=True, slots=True)
class Doubt:
    """A parse note that puts a part in doubt; ``area_no`` None: every area; ``question_id``:
    only that question's row of the part."""

    area_no: int | None
    kind: ReportPart
    question_id: str | None
    note: ParseNote


def expected_parts(report: Report, frameworks: Registry = None) -> tuple[Part, ...]:
    """Every part the report's revision contains, area by area, then the whole report's."""
    framework = framework_of(report, frameworks)
    registry = frameworks if frameworks is not None else load_frameworks()
    kinds = framework.contents if framework is not None else common_contents(registry)
    numbers = (
        [area.number for area in framework.areas]
        if framework is not None
        else list(range(1, AREA_COUNT + 1))
    )
    area_kinds = [kind for kind in kinds if kind not in WHOLE_REPORT_PARTS]
    parts = [Part(number, kind) for number in numbers for kind in area_kinds]
    return (*parts, *(Part(None, kind) for kind in kinds if kind in WHOLE_REPORT_PARTS))


def is_read(report: Report, part: Part, frameworks: Registry = None) -> bool:
    """True when ``part`` was found in ``report`` (doubt aside: see ``doubts``)."""
    if part.area_no is None:
        return report.overall_comments is not None
    area = next((a for a in report.areas if a.area_no == part.area_no), None)
    if area is None:
        return False
    if part.kind == "overview_questions":
        return questions_read(area, known_question_ids(report, part.area_no, frameworks))
    return AREA_PART_READ[part.kind](area)


AREA_PART_READ: dict[ReportPart, Callable[[Area], bool]] = {
    "box_score": lambda area: area.score is not None,
    "overview_total": lambda area: area.overview_total is not None,
    "strengths": lambda area: bool(area.strengths),
    "improvements": lambda area: bool(area.improvements),
    "area_summary": lambda area: area.summary is not None,
}
"""When each part of an area but its question rows counts as read."""


def known_question_ids(report: Report, area_no: int, frameworks: Registry = None) -> list[str]:
    """The question ids of area ``area_no`` in the report's revision; [] where not known."""
    framework = framework_of(report, frameworks)
    if framework is None or area_no not in [a.number for a in framework.areas]:
        return []
    return [q.question_id for q in framework.area(area_no).questions]


def questions_read(area: Area, known_ids: list[str]) -> bool:
    """The area's question rows are all there: every known id with points and max points, or
    (no known set) rows with points and max points whose maxima reach the area's max."""
    rows = {q.question_id: q for q in area.questions}
    if known_ids:
        return all(
            qid in rows and rows[qid].points is not None and rows[qid].max_points is not None
            for qid in known_ids
        )
    if not rows or any(q.points is None or q.max_points is None for q in rows.values()):
        return False
    area_max = area.overview_max if area.overview_max is not None else area.max_score
    maxima = sum(q.max_points for q in rows.values() if q.max_points is not None)
    return area_max is None or maxima >= area_max - TOLERANCE


def doubts(report: Report) -> list[Doubt]:
    """Every part a parse note of the report puts in doubt, in the notes' order."""
    found = []
    for note in report.notes:
        for kind in note.parts:
            area_no = None if kind in WHOLE_REPORT_PARTS else note.area_no
            found.append(Doubt(area_no, kind, note.question_id, note))
    return found


def doubtful_parts(report: Report, expected: tuple[Part, ...]) -> tuple[Part, ...]:
    """The parts of ``expected`` that a parse note puts in doubt, in ``expected``'s order."""
    doubtful = {
        part
        for doubt in doubts(report)
        for part in expected
        if part.kind == doubt.kind and (doubt.area_no is None or part.area_no == doubt.area_no)
    }
    return tuple(part for part in expected if part in doubtful)
