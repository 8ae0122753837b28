"""The review's front page: every report of the build in one sortable, filterable table, and the
files that could not be read.

Counts per report come from the tables: questions and findings (rows), parse notes (the
``extraction`` rows of ``checks``) and check errors (``checks`` rows of severity ``error``).
Pure functions of the frames and of what became of each report's PDF.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import quote

import pandas as pd

from kompass_extract.review.html import attributes, page_shell, percent, table_html, verdict_badge
from kompass_extract.review.inputs import missing_table_text
from kompass_extract.review.sources import PdfSource
from kompass_extract.review.views import value_text

INDEX_HEADINGS = (
    "municipality",
    "year",
    "framework",
    "total",
    "verdict",
    "read",
    "questions",
    "findings",
    "notes",
    "check errors",
    "pages",
)
PAGE_WORDS = {"found": "shown", "missing": "PDF not found", "differs": "PDF differs"}


def report_href(report_id: str) -> str:
    """The report page's path relative to the site's top folder."""
    return f"reports/{quote(report_id)}.html"


def count_by_report(frame: pd.DataFrame | None, mask: pd.Series | None = None) -> dict[str, int]:
    """report_id -> number of rows of ``frame`` (of those ``mask`` selects)."""
    if frame is None or frame.empty:
        return {}
    rows = frame if mask is None else frame[mask.fillna(False).astype(bool)]
    return {str(k): int(v) for k, v in rows.groupby("report_id", observed=True).size().items()}


# count -> the table it is counted in
COUNTED_FROM = {
    "questions": "questions",
    "findings": "findings",
    "notes": "checks",
    "errors": "checks",
}


def report_counts(tables: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, int] | None]:
    """Count name -> report_id -> count, for ``questions``, ``findings``, ``notes`` and
    ``errors`` (check errors); None for a count whose table the build lacks."""
    checks = tables.get("checks")
    counts: dict[str, dict[str, int] | None] = {
        "questions": count_by_report(tables.get("questions")),
        "findings": count_by_report(tables.get("findings")),
        "notes": count_by_report(
            checks, None if checks is None else checks["check"] == "extraction"
        ),
        "errors": count_by_report(
            checks, None if checks is None else checks["severity"] == "error"
        ),
    }
    return {key: None if COUNTED_FROM[key] not in tables else c for key, c in counts.items()}


def sort_key(value: object) -> str | None:
    """A ``data-sort`` value: numbers as they are, so the script sorts them as numbers."""
    return None if value is None else str(value)


def report_row(
    report: Mapping[str, object], counts: dict[str, dict[str, int] | None], source: PdfSource
) -> list[str]:
    """One report's cells on the front page (HTML)."""
    rid = str(report["report_id"])
    name = escape(value_text(report.get("municipality")))
    total = value_text(report.get("total_score"))
    completeness = report.get("completeness")
    cells = [
        f'<a href="{report_href(rid)}">{name}</a> <small>{escape(rid)}</small>',
        escape(value_text(report.get("evaluation_year"))),
        escape(value_text(report.get("framework"))),
        escape(total),
        verdict_badge(str(report.get("verdict") or "")),
        f"<span{attributes(data_sort=sort_key(completeness))}>{percent(completeness)}</span>",
        *(count_text(counts[key], rid) for key in ("questions", "findings", "notes", "errors")),
        escape(PAGE_WORDS.get(source.status, source.status)),
    ]
    return cells


def count_text(counts: dict[str, int] | None, report_id: str) -> str:
    """A count on the front page: "—" when its table is missing from the build."""
    return "—" if counts is None else str(counts.get(report_id, 0))


def errors_html(errors: pd.DataFrame | None) -> str:
    """The files that could not be read: file, code and message (or that the build has no
    errors table)."""
    if errors is None:
        return (
            '<section id="failed"><h2>Files that could not be read</h2>'
            f'<p class="notice missing-table">{escape(missing_table_text("errors"))}</p>'
            "</section>"
        )
    if errors.empty:
        return '<section id="failed"><h2>Files that could not be read</h2><p>None.</p></section>'
    rows = [
        [escape(value_text(row.get(c))) for c in ("source_file", "error_code", "message")]
        for row in errors.to_dict("records")
    ]
    return (
        f'<section id="failed"><h2>Files that could not be read ({len(rows)})</h2>'
        + table_html(("file", "code", "message"), rows, "errors", "sortable")
        + "</section>"
    )


FILTERS = (
    '<div class="filters"><label>Filter <input type="search" id="filter" '
    'placeholder="municipality, year, verdict…" data-filter-for="reports"></label> '
    '<label>Verdict <select id="verdict-filter" data-filter-for="reports">'
    '<option value="">any</option><option value="adds up">adds up</option>'
    '<option value="does not add up">does not add up</option>'
    '<option value="incomplete">incomplete</option></select></label> '
    '<span id="shown-count" aria-live="polite"></span></div>'
)


def index_html(
    tables: Mapping[str, pd.DataFrame],
    sources: Mapping[str, PdfSource],
    missing: Sequence[str] = (),
) -> str:
    """The whole front page; the tables the build lacks (``missing``) are said above the list,
    and their counts shown as "—"."""
    reports = tables["reports"]
    counts = report_counts(tables)
    records = reports.to_dict("records")
    rows = [report_row(r, counts, sources[str(r["report_id"])]) for r in records]
    marks = [f"verdict-{r.get('verdict') or 'none'}" for r in records]
    body = (
        "<main><h1>Kommunkompassen: review of the build</h1>"
        f"<p>{len(records)} report(s). Click a heading to sort, type to filter; open a report "
        "to see every value on its page.</p>"
        + "".join(
            f'<p class="notice missing-table">{escape(missing_table_text(t))}</p>' for t in missing
        )
        + FILTERS
        + table_html(INDEX_HEADINGS, rows, "reports", "sortable", marks)
        + errors_html(tables.get("errors"))
        + "</main>"
    )
    return page_shell("Kommunkompassen: review", body)
