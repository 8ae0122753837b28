"""The build a review is written from, checked before anything is written.

A review needs ``reports`` and ``areas`` (every page shows the report's row and its profile):
without them, or without a column the review reads, ``read_build`` raises ``LoadError`` naming
OUT, the table or column and what to do. The other tables are shown where they are: one the
build lacks is said on every page that would show it (never shown as "ok" or empty).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kompass_extract.dataset.load import LoadError, build_files, load, no_tables_text

REQUIRED_TABLES = ("reports", "areas")
# Tables shown when present; one missing is said on the pages that would show it.
SHOWN_TABLES = ("checks", "questions", "findings", "summaries", "subareas", "errors")
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "reports": (
        "report_id",
        "source_file",
        "sha256",
        "framework",
        "municipality",
        "municipality_code",
        "evaluation_year",
    ),
    "areas": ("report_id", "area_no", "area_name", "score"),
    "checks": ("report_id", "check", "severity"),
    "questions": ("report_id",),
    "findings": ("report_id",),
    "summaries": ("report_id",),
    "subareas": ("report_id",),
}
REMEDY = "run extract again into it, or give the OUT folder of a whole build"


def missing_table_text(table: str) -> str:
    """What a page says of a table the build lacks."""
    return (
        f"The build has no {table} table ({table}.csv or {table}.parquet): nothing of it is "
        "shown here, which does not mean it would be empty."
    )


def missing_columns(tables: dict[str, pd.DataFrame]) -> list[str]:
    """``table.column`` of every column the review reads that a present table lacks."""
    return [
        f"{table}.{column}"
        for table, needed in READ_COLUMNS.items()
        if table in tables
        for column in needed
        if column not in tables[table].columns
    ]


def read_build(folder: Path, out: Path) -> tuple[dict[str, pd.DataFrame], tuple[str, ...]]:
    """The tables of the build in ``folder`` (OUT's current build; ``out`` names it in
    messages) and the shown tables it lacks, in ``SHOWN_TABLES`` order.

    Raises ``LoadError`` when ``out`` is no folder, holds no build, lacks ``reports`` or
    ``areas``, or a table lacks a column the review reads.
    """
    if not out.is_dir():
        raise LoadError(f"{out}: no such folder; give the OUT folder of a build")
    if not build_files(folder):
        raise LoadError(no_tables_text(folder, out))
    tables = load(folder)
    absent = [t for t in REQUIRED_TABLES if t not in tables]
    if absent:
        names = " and ".join(f"{t}.csv (or .parquet)" for t in absent)
        raise LoadError(f"{out}: the build has no {names}, which a review needs; {REMEDY}")
    lacking = missing_columns(tables)
    if lacking:
        raise LoadError(
            f"{out}: the build's tables lack the column(s) {', '.join(lacking)}, which a review "
            f"reads; {REMEDY}"
        )
    return tables, tuple(t for t in SHOWN_TABLES if t not in tables)
