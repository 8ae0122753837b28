"""One report's review page: verdict, every check, the profile chart and every value linked to
its place on the page.

``report_html`` is a pure function of what ``site.py`` gathers (``ReportPage``): the report's
row, its checks rows, its profile as SVG and data, its tables as cells, and what became of its
PDF. The page ends with the viewer that ``site.js`` opens when a value is clicked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from kompass_extract.checks import CHECKS
from kompass_extract.review.flags import Flag
from kompass_extract.review.html import page_shell, percent, table_html, values_table, verdict_badge
from kompass_extract.review.inputs import missing_table_text
from kompass_extract.review.profiles import AREA_NUMBERS, Profile
from kompass_extract.review.sources import PdfSource
from kompass_extract.review.views import TABLE_COLUMNS, TABLE_TITLES, Cell, value_text

STATUS_BY_SEVERITY = {"error": "failed", "warning": "warning", "info": "ok"}


@dataclass(frozen=True)
class ReportPage:
    """What one report page shows: ``report`` (its row of ``reports``), ``checks`` (its rows
    of ``checks``), the ``profile`` and its chart (``chart_svg``), ``tables`` (table -> rows
    of cells), its PDF (``source``), whether the build records boxes (``boxed``), and the
    flags of the checks on the report's total (``total_flags``), and the tables the build
    lacks (``missing``, said where they would be shown)."""

    report: Mapping[str, object]
    checks: Sequence[Mapping[str, object]]
    profile: Profile
    chart_svg: str
    tables: Mapping[str, Sequence[Sequence[Cell]]]
    source: PdfSource
    boxed: bool
    total_flags: tuple[Flag, ...] = ()
    missing: tuple[str, ...] = ()


def report_title(report: Mapping[str, object]) -> str:
    """ "Åmål 2019" (or the report id when the name or year is missing)."""
    parts = [value_text(report.get(k)) for k in ("municipality", "evaluation_year")]
    return " ".join(p for p in parts if p != "—") or str(report["report_id"])


def total_text(page: ReportPage) -> str:
    """The report's total and max, with the messages of the checks that fail its sum."""
    total = (
        f"{value_text(page.report.get('total_score'))} / {value_text(page.report.get('max_total'))}"
    )
    problems = [flag.message for flag in page.total_flags]
    return total + (f" ({'; '.join(problems)})" if problems else "")


def header_html(page: ReportPage) -> str:
    """The report's heading, verdict, figures and where it came from."""
    report = page.report
    facts = [
        ("report", report["report_id"]),
        ("verdict", None),
        ("expected parts read", percent(report.get("completeness"))),
        ("framework", value_text(report.get("framework"))),
        (
            "total",
            f"{value_text(report.get('total_score'))} / {value_text(report.get('max_total'))}",
        ),
        ("municipality code", value_text(report.get("municipality_code"))),
        ("county", value_text(report.get("county"))),
        ("evaluators", value_text(report.get("evaluators"))),
        ("source file", report.get("source_file")),
        ("pages", value_text(report.get("page_count"))),
    ]
    rows = "".join(
        f"<dt>{escape(label)}</dt><dd>"
        + (verdict_badge(str(report.get("verdict") or "")) if value is None else escape(str(value)))
        + "</dd>"
        for label, value in facts
    )
    return (
        '<p class="crumbs"><a href="../index.html">all reports</a></p>'
        f'<h1>{escape(report_title(report))}</h1><dl class="facts">{rows}</dl>'
    )


def notices_html(page: ReportPage) -> str:
    """What the reader must know before trusting a link: a PDF not found or not the same file,
    or a build without boxes (links then show the page without a highlight), and tables
    missing from the build."""
    notices = [missing_table_text(table) for table in page.missing]
    if not page.source.found:
        notices.append(f"Pages are not shown: {page.source.message}.")
    elif not page.boxed:
        notices.append(
            "This build records no boxes of the values (columns x0, top, x1, bottom): each "
            "value links to its page, with nothing highlighted."
        )
    return "".join(f'<p class="notice">{escape(text)}</p>' for text in notices)


SEVERITY_COUNTS = (("error", "errors"), ("warning", "warnings"), ("info", "explained by rounding"))


def check_statuses(checks: Sequence[Mapping[str, object]]) -> list[list[str]]:
    """One row per check: its status (its gravest row), name, purpose, and its rows counted by
    severity as ``check`` counts them (errors, warnings, explained by rounding)."""
    statuses = []
    for name, function in CHECKS.items():
        own = [row for row in checks if row["check"] == name]
        counts = [sum(row["severity"] == s for row in own) for s, _ in SEVERITY_COUNTS]
        worst = next((s for (s, _), n in zip(SEVERITY_COUNTS, counts, strict=True) if n), None)
        status = STATUS_BY_SEVERITY[worst] if worst else "ok"
        purpose = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        statuses.append(
            [
                f'<span class="status {status}">{status}</span>',
                escape(name),
                escape(purpose),
                *(str(n) for n in counts),
            ]
        )
    return statuses


def checks_html(checks: Sequence[Mapping[str, object]], missing: Sequence[str] = ()) -> str:
    """Every check with its status, then every row of the checks table; when the build has no
    checks table (``"checks"`` in ``missing``), that is said instead of any status."""
    if "checks" in missing:
        return (
            '<section id="checks"><h2>Checks</h2>'
            f'<p class="notice missing-table">{escape(missing_table_text("checks"))}</p>'
            "</section>"
        )
    shown = [row for row in checks if row["severity"] != "info"]
    explained = [row for row in checks if row["severity"] == "info"]
    headings = ("status", "check", "what it checks", *(label for _, label in SEVERITY_COUNTS))
    return (
        '<section id="checks"><h2>Checks</h2>'
        + table_html(headings, check_statuses(checks), "check-status")
        + f"<h3>Errors and warnings ({len(shown)})</h3>"
        + results_table(shown, "check-results")
        + f"<details><summary>Differences explained by rounding ({len(explained)})</summary>"
        + results_table(explained, "check-info")
        + "</details></section>"
    )


RESULT_COLUMNS = ("severity", "check", "area_no", "question_id", "expected", "actual", "message")


def results_table(rows: Sequence[Mapping[str, object]], table_id: str) -> str:
    """Rows of the checks table, each coloured by its severity."""
    cells = [[escape(value_text(row.get(c))) for c in RESULT_COLUMNS] for row in rows]
    headings = ("severity", "check", "area", "question", "expected", "actual", "message")
    marks = [f"sev-{row['severity']}" for row in rows]
    return table_html(headings, cells, table_id, "sortable", marks)


def profile_html(page: ReportPage) -> str:
    """The chart and, beneath it, its figures as a table (names and every series)."""
    profile = page.profile
    headings = ["area", "name", *(series.label for series in profile.series)]
    rows = [
        [str(n), escape(profile.names[i]), *(escape(_score(s.scores[i])) for s in profile.series)]
        for i, n in enumerate(AREA_NUMBERS)
    ]
    return (
        '<section id="profile"><h2>Profile</h2>'
        f'<figure class="chart">{page.chart_svg}<figcaption>Area scores of this report (bars), '
        "the mean of the build's reports of the same framework revision, and the "
        "municipality's earlier evaluations in this build.</figcaption></figure>"
        + table_html(headings, rows, "profile-table")
        + "</section>"
    )


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".removesuffix(".0")


def tables_html(page: ReportPage) -> str:
    """Each table of values, every value a link to its place."""
    sections = []
    for table in TABLE_COLUMNS:
        if table in page.missing:
            sections.append(
                f'<section id="{table}"><h2>{escape(TABLE_TITLES[table])}</h2>'
                f'<p class="notice missing-table">{escape(missing_table_text(table))}</p>'
                "</section>"
            )
        if table not in page.tables:
            continue
        rows = page.tables[table]
        headings = [heading for _, heading in TABLE_COLUMNS[table]]
        sections.append(
            f'<section id="{table}"><h2>{escape(TABLE_TITLES[table])} ({len(rows)})</h2>'
            + values_table(headings, rows, f"table-{table}")
            + "</section>"
        )
    return "".join(sections)


VIEWER = (
    '<aside id="viewer" hidden><div class="viewer-bar"><span id="viewer-where"></span>'
    '<button type="button" id="viewer-close" aria-label="close">×</button></div>'
    '<p id="viewer-flags"></p>'
    '<div id="viewer-sheet"><img id="viewer-img" alt="page of the report">'
    '<div id="viewer-hl" hidden></div></div></aside>'
)

LEGEND = (
    '<p class="legend">Click a value to see it on its page. Marks: '
    '<span class="v failed">failed check</span> <span class="v doubt">read with doubt</span> '
    '<span class="v warning">warning</span> (hover a value for the reason).</p>'
)


def report_html(page: ReportPage) -> str:
    """The whole report page."""
    body = (
        '<main class="report">'
        + header_html(page)
        + notices_html(page)
        + profile_html(page)
        + checks_html(page.checks, page.missing)
        + LEGEND
        + tables_html(page)
        + "</main>"
        + VIEWER
    )
    return page_shell(f"{report_title(page.report)}: review", body, root="../")
