"""Reports flattened into the documented output tables.

The row model of each table is built from the field catalogue (``catalogue.py``): its columns,
their order, types, allowed values and descriptions are stated there once. A row is validated
when it is made, so a table never holds a value its documentation does not allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, create_model

from kompass_extract.checks import report_verdict, run_checks
from kompass_extract.dataset.catalogue import TABLES, columns, table_fields
from kompass_extract.dataset.places import PLACE_FIELDS
from kompass_extract.dataset.resources import OVERALL_SUMMARY_NO
from kompass_extract.dataset.specs import FieldSpec
from kompass_extract.dataset.writers import NUMBER_PRECISION
from kompass_extract.models import Area, CheckResult, ExtractionFailure, Report
from kompass_extract.rules.counties import county_of


class Row(BaseModel):
    """One row of an output table; the subclass per table is built from the catalogue."""

    model_config = ConfigDict(frozen=True, extra="forbid")


_PYTHON_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float}


def field_annotation(field: FieldSpec) -> Any:
    """The Python type of a column: ``str``, ``int`` or ``float``; a ``Literal`` of the allowed
    values where the catalogue lists them; ``X | None`` where the column may be empty."""
    constraints = field.constraints
    annotation: Any = _PYTHON_TYPES[field.type]
    if constraints.enum is not None:
        annotation = Literal[constraints.enum]
    return annotation if constraints.required else annotation | None


def field_definition(field: FieldSpec) -> Any:
    """A pydantic field of the row model: the column's type, description and constraints.

    Every column must be given (no default), even one that may be empty."""
    constraints = field.constraints
    return Field(
        description=field.description,
        ge=constraints.minimum,
        le=constraints.maximum,
        pattern=constraints.pattern,
    )


def row_model(table: str) -> type[Row]:
    """The pydantic model of one row of ``table``, built from the field catalogue."""
    definitions: dict[str, Any] = {
        field.name: (field_annotation(field), field_definition(field))
        for field in table_fields(table)
    }
    name = "".join(part.title() for part in table.split("_")) + "Row"
    return create_model(name, __base__=Row, __module__=__name__, **definitions)


TABLE_MODELS: dict[str, type[Row]] = {table: row_model(table) for table in TABLES}
"""The row model of every output table, in the catalogue's table order."""


def make_row(table: str, **values: Any) -> Row:
    """One validated row of ``table``; raises ``pydantic.ValidationError`` for a value the
    catalogue does not allow, ``KeyError`` for an unknown table."""
    return TABLE_MODELS[table](**values)


def report_row(report: Report, results: Sequence[CheckResult] | None = None) -> Row:
    """The report's own row: metadata and totals (evaluators joined with ``"; "``), the
    county of the municipality code, and the verdict and completeness given its check
    ``results`` (run here when None)."""
    county_code, county = county_of(report.municipality_code)
    verdict = report_verdict(report, run_checks(report) if results is None else results)
    return make_row(
        "reports",
        report_id=report.report_id,
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
        county_code=county_code,
        county=county,
        verdict=verdict.code,
        completeness=verdict.completeness,
    )


def area_row(report_id: str, area: Area) -> Row:
    """One area's row: its name, key, box score and the total row of its overview table, and
    where each was read (the heading's, the score's and the total row's page and box)."""
    return make_row(
        "areas",
        report_id=report_id,
        area_no=area.area_no,
        area_name=area.area_name,
        area_key=area.area_key,
        score=area.score,
        max_score=area.max_score,
        overview_total=area.overview_total,
        overview_percent=area.overview_percent,
        page=area.page,
        **area.model_dump(include={field.name for field in PLACE_FIELDS}),
    )


def area_rows(report_id: str, area: Area) -> dict[str, list[Row]]:
    """The rows one area contributes to ``subareas``, ``questions``, ``findings``, ``summaries``."""
    rid, no = report_id, area.area_no
    summary = area.summary
    return {
        "subareas": [
            make_row("subareas", report_id=rid, area_no=no, **s.model_dump()) for s in area.subareas
        ],
        "questions": [
            make_row("questions", report_id=rid, **q.model_dump()) for q in area.questions
        ],
        "findings": [
            make_row("findings", report_id=rid, area_no=no, **f.model_dump()) for f in area.findings
        ],
        "summaries": []
        if summary is None
        else [make_row("summaries", report_id=rid, summary_no=no, **summary.model_dump())],
    }


def report_to_rows(
    report: Report, results: Sequence[CheckResult] | None = None
) -> dict[str, list[Row]]:
    """One report as rows of every data table (not errors): table name -> rows in order.

    ``results`` are the report's check results where the caller has them; else they are run.
    """
    rid = report.report_id
    if results is None:
        results = run_checks(report)
    rows: dict[str, list[Row]] = {name: [] for name in TABLE_MODELS if name != "errors"}
    rows["reports"].append(report_row(report, results))
    for area in report.areas:
        rows["areas"].append(area_row(rid, area))
        for table, more in area_rows(rid, area).items():
            rows[table] += more
        rows["scores"].append(score_row(report, area))
    if report.overall_comments is not None:
        comments = report.overall_comments.model_dump() | {"summary_no": OVERALL_SUMMARY_NO}
        rows["summaries"].append(make_row("summaries", report_id=rid, **comments))
    rows["checks"] += [make_row("checks", report_id=rid, **r.model_dump()) for r in results]
    return rows


def score_row(report: Report, area: Area) -> Row:
    """One area of a report in the long-format scores view."""
    return make_row(
        "scores",
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


PANDAS_DTYPES: dict[str, str] = {"string": "string", "integer": "Int64", "number": "Float64"}
"""Catalogue type -> pandas dtype of the frames that are written (nullable dtypes)."""


def printed_precision(value: float | None) -> float | None:
    """A number rounded to the precision every format writes (``NUMBER_PRECISION``
    significant digits): ``7.650000000000006`` -> ``7.65``; None stays None."""
    return None if value is None else float(f"{value:.{NUMBER_PRECISION}g}")


def rows_to_frame(table: str, rows: Iterable[Row]) -> pd.DataFrame:
    """Rows of one table as a DataFrame with the catalogue's columns and nullable dtypes;
    numbers at the precision they are written in (so CSV and Parquet hold the same values)."""
    fields = table_fields(table)
    numbers = [field.name for field in fields if field.type == "number"]
    records = [row.model_dump() for row in rows]
    for record in records:
        record.update({name: printed_precision(record[name]) for name in numbers})
    frame = pd.DataFrame.from_records(records, columns=columns(table))
    return frame.astype({field.name: PANDAS_DTYPES[field.type] for field in fields})


def reports_to_frames(
    reports: Iterable[Report],
    failures: Iterable[ExtractionFailure] = (),
    check_results: Mapping[str, Sequence[CheckResult]] | None = None,
) -> dict[str, pd.DataFrame]:
    """All output tables for a set of reports (and failed files): table name -> DataFrame.

    ``check_results`` maps a report_id to its check results, where the caller has run the
    checks already; the checks of a report not in it are run here.
    """
    collected: dict[str, list[Row]] = {name: [] for name in TABLE_MODELS}
    known = check_results or {}
    for report in reports:
        for name, rows in report_to_rows(report, known.get(report.report_id)).items():
            collected[name] += rows
    collected["errors"] = [make_row("errors", **f.model_dump()) for f in failures]
    return {name: rows_to_frame(name, rows) for name, rows in collected.items()}
