"""The ``check`` command: a readable verdict per report, and the exit code for scripts.

A verdict lists every check (passed or not) with what it covers, the figures of each area
(box score, overview total, max, percent, the questions' printed sum and the range their
unrounded points can reach) and then the findings: errors and warnings always, differences
explained by rounding with ``--verbose``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kompass_extract.batch.engine import (
    Extract,
    check_limits,
    default_extract,
    discover_pdfs,
    read_in_workers,
)
from kompass_extract.checks import CHECKS, area_total_interval, question_true_points, run_checks
from kompass_extract.checks.rounding import format_figure, format_interval, interval_sum
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.cli.options import add_limit_options, limits_from_args
from kompass_extract.errors import UsageError
from kompass_extract.models import Area, CheckResult, ExtractionFailure, Report
from kompass_extract.read.files import path_text

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


# --- the command ---------------------------------------------------------------------------


def add_check_command(commands: argparse._SubParsersAction) -> None:
    """The ``check`` sub-command and its options."""
    check = commands.add_parser(
        "check",
        help="check that each report's printed figures add up",
        description="Read Kommunkompassen report PDFs and print for each a verdict: every "
        "consistency check (box score vs overview total, points within max, percent vs points, "
        "question sums, area percents, area sums, question ids, known framework) with the "
        "figures involved. Differences that rounding explains are not errors. Exit 0 when no "
        "report has an error, 1 when any has (or a file cannot be read), 2 on bad usage. "
        "PATH is a PDF or a folder searched recursively for PDFs.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    check.add_argument("--password", default=None, help="password for encrypted PDFs")
    check.add_argument(
        "--verbose",
        action="store_true",
        help="also list the differences that rounding explains (info findings)",
    )
    check.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    add_limit_options(check)
    check.set_defaults(handler=check_paths)


def check_paths(args: argparse.Namespace, extract: Extract | None = None) -> int:
    """``kompass-extract check``: 0 when no report has an error, 1 otherwise, 2 on bad usage."""
    try:
        pdfs = discover_pdfs(args.paths)
        jobs, limits, caps = limits_from_args(args)
        check_limits(jobs, limits, caps)
    except UsageError as exc:
        print(f"kompass-extract: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    results = read_in_workers(
        pdfs,
        extract or default_extract(),
        jobs=jobs,
        limits=limits,
        caps=caps,
        password=args.password,
    )
    outcomes = [check_one(path, results[path], args) for path in pdfs]
    print(closing_line(outcomes))
    return ExitCode.OK if all(outcomes) else ExitCode.PROBLEMS


def check_one(path: Path, result: Report | ExtractionFailure, args: argparse.Namespace) -> bool:
    """Print one file's verdict; True when it was read and has no error."""
    if isinstance(result, ExtractionFailure):
        print(
            f"{path_text(path)}: cannot be checked: {result.message} [{result.error_code}]\n",
            file=sys.stderr,
        )
        return False
    report = result
    findings = run_checks(report)
    print(format_verdict(report, findings, verbose=args.verbose) + "\n")
    return not any(f.severity == "error" for f in findings)


def closing_line(outcomes: Sequence[bool]) -> str:
    failed = outcomes.count(False)
    if not failed:
        return f"{len(outcomes)} file(s) checked: all add up"
    return f"{len(outcomes)} file(s) checked: {failed} with errors or unreadable"
