"""Validated records of one report. Every record carries the page it was read from.

The nested ``Report`` is the Python API; ``kompass_extract.tables`` flattens reports into the
documented output tables.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

FindingKind = Literal["strength", "improvement"]
SummaryKind = Literal["area_summary", "overall_comments"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SubArea(Record):
    position: int = Field(ge=1, description="1-based position in the area's 'Rubriker' box")
    heading: str = Field(min_length=1)
    page: int = Field(ge=1)


class Finding(Record):
    kind: FindingKind
    position: int = Field(ge=1, description="1-based position within the area and kind")
    text: str = Field(min_length=1)
    page: int = Field(ge=1)


class Summary(Record):
    kind: SummaryKind
    area_no: int | None = None
    text: str = Field(min_length=1)
    page: int = Field(ge=1)


class Question(Record):
    area_no: int = Field(ge=1)
    question_id: str = Field(pattern=r"^\d+\.\d+$")
    question_text: str
    points: float | None = Field(default=None, description="points as printed")
    max_points: float | None = Field(default=None, description="max points as printed")
    percent: float | None = Field(default=None, description="percent as printed (72,5 % -> 72.5)")
    page: int = Field(ge=1)


class Area(Record):
    area_no: int = Field(ge=1)
    area_name: str = Field(min_length=1, description="the name as printed in the area heading")
    area_key: str | None = Field(default=None, description="canonical id within the framework")
    score: int | None = Field(default=None, description="the score in the 'Rubriker | Poäng' box")
    max_score: int | None = None
    overview_total: float | None = Field(default=None, description="points of the total row")
    overview_max: float | None = Field(default=None, description="max of the total row")
    overview_percent: float | None = Field(default=None, description="percent of the total row")
    page: int = Field(ge=1, description="page of the area heading")
    overview_page: int | None = Field(default=None, description="page of the total row")
    subareas: tuple[SubArea, ...] = ()
    findings: tuple[Finding, ...] = ()
    summary: Summary | None = None
    questions: tuple[Question, ...] = ()

    @property
    def strengths(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "strength")

    @property
    def improvements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "improvement")


class ParseNote(Record):
    """Something the parser could not read, or read with doubt: honest, never silent."""

    code: str
    message: str
    page: int | None = None
    area_no: int | None = None


class Report(Record):
    report_id: str
    source_file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    municipality: str | None = None
    municipality_code: str | None = Field(default=None, pattern=r"^\d{4}$")
    municipality_as_printed: str | None = None
    evaluation_year: int | None = Field(default=None, ge=2000, le=2100)
    evaluation_month: int | None = Field(default=None, ge=1, le=12)
    framework: str = "unknown"
    evaluators: tuple[str, ...] = ()
    page_count: int = Field(ge=1)
    parser_version: str
    areas: tuple[Area, ...] = ()
    overall_comments: Summary | None = None
    notes: tuple[ParseNote, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_score(self) -> int | None:
        """Sum of the area scores; None when any area's score could not be read."""
        scores = [a.score for a in self.areas]
        if not scores or any(s is None for s in scores):
            return None
        return sum(s for s in scores if s is not None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def max_total(self) -> int | None:
        maxima = [a.max_score for a in self.areas]
        if not maxima or any(m is None for m in maxima):
            return None
        return sum(m for m in maxima if m is not None)

    def area(self, area_no: int) -> Area:
        for area in self.areas:
            if area.area_no == area_no:
                return area
        raise KeyError(area_no)


class ExtractionFailure(Record):
    """One file that could not be extracted: a row of errors.csv."""

    source_file: str
    sha256: str | None = None
    error_code: str
    message: str = Field(min_length=1)
    elapsed_s: float | None = None


Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class CheckResult(Record):
    """One result of a consistency check: a row of the ``checks`` table, without the report id."""

    check: str
    severity: Severity
    area_no: int | None = None
    question_id: str | None = None
    expected: str | None = None
    actual: str | None = None
    message: str = Field(min_length=1)
    beyond_rounding: float | None = Field(
        default=None, description="smallest discrepancy, in points, that rounding cannot explain"
    )
