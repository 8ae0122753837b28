"""Reports flattened into the documented output tables.

Each table's columns are the fields of one row model below, in order: the models are the
contract (README data dictionary, JSON Schemas and the data package derive from them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from kompass_extract.checks import run_checks
from kompass_extract.models import Area, CheckResult, ExtractionFailure, Report


class Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReportRow(Row):
    report_id: str = Field(
        description="Stable id: slug of municipality and year + first 8 hex digits of sha256"
    )
    source_file: str = Field(description="Path of the PDF as given to the tool")
    sha256: str = Field(description="SHA-256 of the PDF file, lowercase hex")
    municipality: str | None = Field(description="Municipality short name, normalised (Åmål)")
    municipality_code: str | None = Field(
        description="Official four-digit SCB municipality code (kommunkod) as text, e.g. 0180"
    )
    evaluation_year: int | None = Field(description="Year of the evaluation")
    evaluation_month: int | None = Field(description="Month of the evaluation (1-12) where printed")
    framework: str = Field(
        description="Framework revision recognised: 2002, 2010, 2016, 2020 or unknown"
    )
    evaluators: str | None = Field(description="Evaluators as printed, separated by '; '")
    total_score: int | None = Field(description="Sum of the area scores (empty if any is missing)")
    max_total: int | None = Field(description="Sum of the area maxima (800 for 8 areas of 100)")
    page_count: int = Field(description="Number of pages in the PDF")
    parser_version: str = Field(description="Version of the parser that produced the row")


class AreaRow(Row):
    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    area_no: int = Field(description="Area number, 1-8")
    area_name: str = Field(description="Area name as printed in the area heading")
    area_key: str | None = Field(description="Canonical id of the area within its framework")
    score: int | None = Field(description="Score printed in the area's 'Rubriker | Poäng' box")
    max_score: int | None = Field(description="Maximum score of the area (100)")
    overview_total: float | None = Field(description="Points of the area's total row in section 4")
    overview_percent: float | None = Field(
        description="Percent of the area's total row in section 4"
    )
    page: int = Field(description="Page of the area heading")


class SubareaRow(Row):
    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    area_no: int = Field(description="Area number")
    position: int = Field(description="1-based position of the heading in the box")
    heading: str = Field(description="Sub-area heading, a bullet of the 'Rubriker' box")
    page: int = Field(description="Page of the box")


class QuestionRow(Row):
    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    area_no: int = Field(description="Area number")
    question_id: str = Field(description="Question id as printed, e.g. 3.4")
    question_text: str = Field(description="Full question text, wrapped lines joined")
    points: float | None = Field(description="Points achieved, as printed (rounded)")
    max_points: float | None = Field(description="Maximum points of the question")
    percent: float | None = Field(
        description="Percent as printed; computed by SKR from unrounded points"
    )
    page: int = Field(description="Page of the question row")


class FindingRow(Row):
    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    area_no: int = Field(description="Area number")
    kind: Literal["strength", "improvement"] = Field(
        description="strength (STYRKOR) or improvement (FÖRBÄTTRINGSOMRÅDEN)"
    )
    position: int = Field(description="1-based position within the area and kind")
    text: str = Field(description="The item's text, wrapped lines joined, bullet dropped")
    page: int = Field(description="Page where the item starts")


class SummaryRow(Row):
    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    area_no: int | None = Field(description="Area number; empty for the whole report")
    kind: Literal["area_summary", "overall_comments"] = Field(
        description="area_summary (the evaluators' summary of an area) or overall_comments"
    )
    text: str = Field(description="Paragraphs separated by a blank line; wrapped lines joined")
    page: int = Field(description="Page where the text starts")


class ScoreRow(Row):
    """Long-format view for analysis: one row per report and area."""

    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    municipality: str | None = Field(description="Municipality short name, normalised (Åmål)")
    municipality_code: str | None = Field(description="Four-digit SCB municipality code as text")
    evaluation_year: int | None = Field(description="Year of the evaluation")
    framework: str = Field(description="Framework revision: 2002, 2010, 2016, 2020 or unknown")
    area_no: int = Field(description="Area number, 1-8")
    area_key: str | None = Field(description="Canonical id of the area within its framework")
    score: int | None = Field(description="Score of the area")
    max_score: int | None = Field(description="Maximum score of the area (100)")


class CheckRow(Row):
    """One finding of the consistency checks (see kompass_extract.checks)."""

    report_id: str = Field(description="Report the row belongs to (reports.report_id)")
    check: str = Field(description="Name of the check, e.g. questions_sum (see README)")
    area_no: int | None = Field(description="Area the finding concerns; empty for the whole report")
    question_id: str | None = Field(description="Question the finding concerns, e.g. 3.1")
    severity: Literal["error", "warning", "info"] = Field(
        description="error: rounding cannot explain it; warning: not checkable or unknown "
        "framework; info: a difference that rounding explains"
    )
    expected: str | None = Field(description="The figure the check expected, as text")
    actual: str | None = Field(description="The figure printed in the report, as text")
    message: str = Field(description="The finding in words, with the smallest discrepancy")
    beyond_rounding: float | None = Field(
        description="Smallest discrepancy, in points, that rounding cannot explain (errors)"
    )


class ErrorRow(Row):
    source_file: str = Field(description="Path of the file that could not be extracted")
    sha256: str | None = Field(description="SHA-256 of the file, where it could be read")
    error_code: str = Field(description="Stable error code (see README)")
    message: str = Field(description="What is wrong and what to do, in words")
    elapsed_s: float | None = Field(description="Seconds spent on the file")


TABLE_MODELS: dict[str, type[Row]] = {
    "reports": ReportRow,
    "areas": AreaRow,
    "subareas": SubareaRow,
    "questions": QuestionRow,
    "findings": FindingRow,
    "summaries": SummaryRow,
    "scores": ScoreRow,
    "checks": CheckRow,
    "errors": ErrorRow,
}


def columns(table: str) -> list[str]:
    return list(TABLE_MODELS[table].model_fields)


def report_to_rows(
    report: Report, results: Sequence[CheckResult] | None = None
) -> dict[str, list[Row]]:
    """One report as rows of every data table (not errors).

    ``results`` are the report's check results where the caller has them; else they are run.
    """
    rid = report.report_id
    if results is None:
        results = run_checks(report)
    rows: dict[str, list[Row]] = {name: [] for name in TABLE_MODELS if name != "errors"}
    rows["reports"].append(
        ReportRow(
            report_id=rid,
            source_file=report.source_file,
            sha256=report.sha256,
            municipality=report.municipality,
            municipality_code=report.municipality_code,
            evaluation_year=report.evaluation_year,
            evaluation_month=report.evaluation_month,
            framework=report.framework,
            evaluators="; ".join(report.evaluators) or None,
            total_score=report.total_score,
            max_total=report.max_total,
            page_count=report.page_count,
            parser_version=report.parser_version,
        )
    )
    for area in report.areas:
        rows["areas"].append(
            AreaRow(
                report_id=rid,
                area_no=area.area_no,
                area_name=area.area_name,
                area_key=area.area_key,
                score=area.score,
                max_score=area.max_score,
                overview_total=area.overview_total,
                overview_percent=area.overview_percent,
                page=area.page,
            )
        )
        rows["subareas"] += [
            SubareaRow(report_id=rid, area_no=area.area_no, **s.model_dump()) for s in area.subareas
        ]
        rows["questions"] += [QuestionRow(report_id=rid, **q.model_dump()) for q in area.questions]
        rows["findings"] += [
            FindingRow(report_id=rid, area_no=area.area_no, **f.model_dump()) for f in area.findings
        ]
        if area.summary is not None:
            rows["summaries"].append(SummaryRow(report_id=rid, **area.summary.model_dump()))
        rows["scores"].append(score_row(report, area))
    if report.overall_comments is not None:
        rows["summaries"].append(SummaryRow(report_id=rid, **report.overall_comments.model_dump()))
    rows["checks"] += [CheckRow(report_id=rid, **result.model_dump()) for result in results]
    return rows


def score_row(report: Report, area: Area) -> ScoreRow:
    """One area of a report in the long-format scores view."""
    return ScoreRow(
        report_id=report.report_id,
        municipality=report.municipality,
        municipality_code=report.municipality_code,
        evaluation_year=report.evaluation_year,
        framework=report.framework,
        area_no=area.area_no,
        area_key=area.area_key,
        score=area.score,
        max_score=area.max_score,
    )


_PANDAS_DTYPES = {int: "Int64", float: "Float64", str: "string"}


def _dtype(annotation: object) -> str:
    for python_type, dtype in _PANDAS_DTYPES.items():
        if annotation is python_type or python_type in getattr(annotation, "__args__", ()):
            return dtype
    return "string"


def rows_to_frame(table: str, rows: Iterable[Row]) -> pd.DataFrame:
    """Rows of one table as a DataFrame with the contract's columns and nullable dtypes."""
    model = TABLE_MODELS[table]
    records = [row.model_dump() for row in rows]
    frame = pd.DataFrame.from_records(records, columns=columns(table))
    return frame.astype({name: _dtype(f.annotation) for name, f in model.model_fields.items()})


def reports_to_frames(
    reports: Iterable[Report],
    failures: Iterable[ExtractionFailure] = (),
    check_results: Mapping[str, Sequence[CheckResult]] | None = None,
) -> dict[str, pd.DataFrame]:
    """All output tables for a set of reports (and failed files) as DataFrames.

    ``check_results`` maps a report_id to its check results, where the caller has run the
    checks already; the checks of a report not in it are run here.
    """
    collected: dict[str, list[Row]] = {name: [] for name in TABLE_MODELS}
    known = check_results or {}
    for report in reports:
        for name, rows in report_to_rows(report, known.get(report.report_id)).items():
            collected[name] += rows
    collected["errors"] = [ErrorRow(**f.model_dump()) for f in failures]
    return {name: rows_to_frame(name, rows) for name, rows in collected.items()}
