"""What ``check`` says about one report: a readable verdict, one summary line, or a JSON object.

The verdict itself (adds up, does not add up, incomplete) is ``kompass_extract.checks.verdict``;
this module prints it. A readable verdict says why (the expected parts read, those missing or
read with doubt), lists every check (passed or not) with what it covers, the figures of each
area (box score, overview total, max, percent, the questions' printed sum and the range their
unrounded points can reach) and then the findings: errors and warnings always, differences
explained by rounding with ``--verbose``. Pure functions of a report and its check results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kompass_extract.checks import (
    CHECKS,
    Verdict,
    area_total_interval,
    question_true_points,
    report_verdict,
)
from kompass_extract.checks.rounding import (
    TOLERANCE,
    Interval,
    format_figure,
    format_interval,
    interval_sum,
)
from kompass_extract.checks.verdict import VERDICT_WORDS
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


def headline(report: Report, verdict: Verdict) -> str:
    """The report, who and when, and its verdict with the reason in one line."""
    return f"{report.source_file} ({_about(report)})\n  verdict: {verdict.explanation()}"


def _about(report: Report) -> str:
    who = " ".join(str(p) for p in (report.municipality, report.evaluation_year) if p)
    return f"{who}, framework {report.framework}" if who else f"framework {report.framework}"


def format_verdict(report: Report, findings: Sequence[CheckResult], verbose: bool = False) -> str:
    """The whole readable verdict of one report."""
    lines = [headline(report, report_verdict(report, findings)), "  checks:"]
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
    """``check --summary``: one line per file: its verdict, the share of the expected parts
    read without doubt, and the counts of errors and warnings."""
    if isinstance(result, ExtractionFailure):
        return f"{path}: unreadable: {result.message} [{result.error_code}]"
    verdict = report_verdict(result, findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return (
        f"{path}: {verdict.words} ({percent_read(verdict)} read), "
        f"{error_count(findings)} error(s), {warnings} warning(s) ({_about(result)})"
    )


def percent_read(verdict: Verdict) -> str:
    """The completeness as a whole percent ('88 %'); 100 % only when every part was read."""
    share = min(round(verdict.completeness * 100), 99) if verdict.completeness < 1 else 100
    return f"{share} %"


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
    ``does_not_add_up``, ``incomplete`` or ``unreadable``), ``completeness`` (0-1),
    ``missing`` and ``doubtful`` (the expected parts not read, and read with doubt, in words),
    ``figures`` (per area), ``errors`` and ``warnings`` (and ``info`` with ``--verbose``); an
    unreadable file has its ``error_code`` and ``message``."""
    if isinstance(result, ExtractionFailure):
        failure = {"error_code": result.error_code, "message": result.message}
        document: dict[str, Any] = {"file": str(path), "verdict": "unreadable", "figures": []}
        document |= {"errors": [failure], "warnings": []}
        return json.dumps(document, ensure_ascii=False)
    verdict = report_verdict(result, findings)
    document = {
        "file": str(path),
        "verdict": verdict.code,
        "completeness": verdict.completeness,
        "missing": [part.label for part in verdict.missing],
        "doubtful": [part.label for part in verdict.doubtful],
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


def closing_line(outcomes: Sequence[str]) -> str:
    """The last line of ``check``: how many files, and how many of each verdict
    (``outcomes``: a verdict code or ``"unreadable"`` per file)."""
    if all(outcome == "adds_up" for outcome in outcomes):
        return f"{len(outcomes)} file(s) checked: all add up"
    words: dict[str, str] = dict(VERDICT_WORDS) | {"unreadable": "unreadable"}
    counts = [(word, outcomes.count(code)) for code, word in words.items()]
    return f"{len(outcomes)} file(s) checked: " + ", ".join(f"{w}: {n}" for w, n in counts if n)
