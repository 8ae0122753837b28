"""What ``check`` says about one report: a readable verdict, one summary line, or a JSON object.

A verdict lists every check (passed or not) with what it covers, the figures of each area
(box score, overview total, max, percent, the questions' printed sum and the range their
unrounded points can reach) and then the findings: errors and warnings always, differences
explained by rounding with ``--verbose``. Pure functions of a report and its check results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kompass_extract.checks import CHECKS, area_total_interval, question_true_points
from kompass_extract.checks.rounding import (
    TOLERANCE,
    Interval,
    format_figure,
    format_interval,
    interval_sum,
)
from kompass_extract.models import Area, CheckResult, ExtractionFailure, Report

STATUS_BY_SEVERITY = {"error": "FAILED", "warning": "warning", "info": "ok"}
AREA_COLUMNS = ("area", "box", "total", "max", "%", "Σ printed", "Σ unrounded", "total range")


def check_summary(name: str, findings: Sequence[CheckResult]) -> str:
    """One line for one check: its status, what it checks, and how many findings of each kind."""
    own = [f for f in findings if f.check == name]
    worst = next(
        (s for s in ("error", "warning", "info") if any(f.severity == s for f in own)), None
    )
    status = STATUS_BY_SEVERITY[worst] if worst else "ok"
    counts = _counts(own)
    purpose = _purpose(CHECKS[name])
    return f"  {status:<8} {name:<18} {purpose}" + (f" [{counts}]" if counts else "")


def _purpose(check: Callable[..., object]) -> str:
    return (check.__doc__ or "").strip().splitlines()[0] if check.__doc__ else ""


def _counts(findings: Sequence[CheckResult]) -> str:
    labels = {"error": "error(s)", "warning": "warning(s)", "info": "explained by rounding"}
    parts = [f"{sum(f.severity == s for f in findings)} {label}" for s, label in labels.items()]
    return ", ".join(p for p in parts if not p.startswith("0 "))


def area_figures(area: Area) -> tuple[str, ...]:
    """The figures of one area as the verdict's table shows them ('-' where not printed)."""
    ranges = [question_true_points(q) for q in area.questions]
    known = [r for r in ranges if r is not None]
    printed_sum = sum(q.points for q in area.questions if q.points is not None)
    target = area_total_interval(area)
    return (
        str(area.area_no),
        _figure(area.score),
        _figure(area.overview_total),
        _figure(area.overview_max if area.overview_max is not None else area.max_score),
        _figure(area.overview_percent),
        format_figure(printed_sum) if area.questions else "-",
        format_interval(interval_sum(known)) if known and len(known) == len(ranges) else "-",
        format_interval(target) if target is not None else "-",
    )


def _figure(value: float | None) -> str:
    return "-" if value is None else format_figure(value)


def format_table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "    " + "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
        for row in rows
    ]


def format_finding(finding: CheckResult) -> str:
    return f"    {finding.severity.upper():<7} {finding.check}: {finding.message}"


def headline(report: Report, findings: Sequence[CheckResult]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    verdict = (
        f"{errors} ERROR(S): the printed figures do not add up"
        if errors
        else ("adds up: no error beyond rounding")
    )
    who = " ".join(str(p) for p in (report.municipality, report.evaluation_year) if p)
    about = f" ({who}, framework {report.framework})" if who else f" (framework {report.framework})"
    return f"{report.source_file}{about}\n  verdict: {verdict}"


def format_verdict(report: Report, findings: Sequence[CheckResult], verbose: bool = False) -> str:
    """The whole readable verdict of one report."""
    lines = [headline(report, findings), "  checks:"]
    lines += [check_summary(name, findings) for name in CHECKS]
    if report.areas:
        lines.append("  figures per area:")
        lines += format_table([AREA_COLUMNS, *(area_figures(a) for a in report.areas)])
    shown = [f for f in findings if verbose or f.severity != "info"]
    if shown:
        lines.append("  findings:")
        lines += [format_finding(f) for f in shown]
    return "\n".join(lines)


# --- one line, or one JSON object, per file --------------------------------------------------


def error_count(findings: Sequence[CheckResult]) -> int:
    """How many of ``findings`` are errors."""
    return sum(f.severity == "error" for f in findings)


def summary_line(
    path: Path, result: Report | ExtractionFailure, findings: Sequence[CheckResult]
) -> str:
    """``check --summary``: one line per file, its verdict and counts."""
    if isinstance(result, ExtractionFailure):
        return f"{path}: unreadable: {result.message} [{result.error_code}]"
    warnings = sum(f.severity == "warning" for f in findings)
    errors = error_count(findings)
    verdict = f"{errors} error(s)" if errors else "adds up"
    who = " ".join(str(p) for p in (result.municipality, result.evaluation_year) if p)
    about = f"{who}, framework {result.framework}" if who else f"framework {result.framework}"
    return f"{path}: {verdict}, {warnings} warning(s) ({about})"


def interval_json(interval: Interval | None) -> list[float] | None:
    """``[low, high]`` of a range of true values in points, widened outward to two decimals
    as the readable verdict shows it (so it never understates); None when unknown."""
    if interval is None:
        return None
    low = math.floor(interval.low * 100 + TOLERANCE) / 100
    high = math.ceil(interval.high * 100 - TOLERANCE) / 100
    return [low, high]


def area_figures_json(area: Area) -> dict[str, Any]:
    """The figures of one area as the verdict's table shows them, as numbers (None: missing)."""
    ranges = [question_true_points(q) for q in area.questions]
    known = [r for r in ranges if r is not None]
    return {
        "area_no": area.area_no,
        "box": area.score,
        "total": area.overview_total,
        "max": area.overview_max if area.overview_max is not None else area.max_score,
        "percent": area.overview_percent,
        "printed_sum": sum(q.points for q in area.questions if q.points is not None)
        if area.questions
        else None,
        "unrounded_sum": interval_json(interval_sum(known))
        if known and len(known) == len(ranges)
        else None,
        "total_range": interval_json(area_total_interval(area)),
    }


def finding_json(finding: CheckResult) -> dict[str, Any]:
    """A check result as a JSON object: the checks table's columns without ``severity``."""
    return finding.model_dump(exclude={"severity"})


def verdict_json(
    path: Path,
    result: Report | ExtractionFailure,
    findings: Sequence[CheckResult],
    verbose: bool = False,
) -> str:
    """``check --json``: one JSON object on one line: ``file``, ``verdict`` (``adds_up``,
    ``errors`` or ``unreadable``), ``figures`` (per area), ``errors`` and ``warnings`` (and
    ``info`` with ``--verbose``); an unreadable file has its ``error_code`` and ``message``."""
    if isinstance(result, ExtractionFailure):
        failure = {"error_code": result.error_code, "message": result.message}
        document: dict[str, Any] = {"file": str(path), "verdict": "unreadable", "figures": []}
        document |= {"errors": [failure], "warnings": []}
        return json.dumps(document, ensure_ascii=False)
    document = {
        "file": str(path),
        "verdict": "errors" if error_count(findings) else "adds_up",
        "report_id": result.report_id,
        "municipality": result.municipality,
        "evaluation_year": result.evaluation_year,
        "framework": result.framework,
        "figures": [area_figures_json(area) for area in result.areas],
    }
    severities = ("error", "warning", "info") if verbose else ("error", "warning")
    for severity in severities:
        key = "info" if severity == "info" else f"{severity}s"
        document[key] = [finding_json(f) for f in findings if f.severity == severity]
    return json.dumps(document, ensure_ascii=False)


def closing_line(outcomes: Sequence[bool]) -> str:
    failed = outcomes.count(False)
    if not failed:
        return f"{len(outcomes)} file(s) checked: all add up"
    return f"{len(outcomes)} file(s) checked: {failed} with errors or unreadable"
