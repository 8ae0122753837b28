"""The ``check`` command: a verdict per report as each file finishes, and an exit code for scripts.

Files are read in isolated workers (as ``extract`` reads them); each verdict is printed the
moment its file is done, in finishing order, with a progress bar on a terminal. The output is a
readable verdict (``kompass_extract.cli.verdict``), one line per file (``--summary``) or one
JSON object per line (``--json``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kompass_extract.batch.engine import (
    Extract,
    check_limits,
    default_extract,
    discover_pdfs,
    iter_in_workers,
)
from kompass_extract.batch.progress import QuietReporter, Reporter, RichReporter
from kompass_extract.checks import report_verdict, run_checks
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.cli.options import (
    add_debug_option,
    add_engine_option,
    add_limit_options,
    limits_from_args,
)
from kompass_extract.cli.verdict import (
    closing_line,
    format_verdict,
    summary_line,
    verdict_json,
)
from kompass_extract.errors import UsageError
from kompass_extract.models import CheckResult, ExtractionFailure, Report
from kompass_extract.read.files import path_text
from kompass_extract.read.pages import DEFAULT_ENGINE

# Kept importable from here: the verdict's pieces used to live in this module.
__all__ = ["add_check_command", "check_one", "check_paths", "format_verdict"]


def add_check_command(commands: argparse._SubParsersAction) -> None:
    """The ``check`` sub-command and its options."""
    check = commands.add_parser(
        "check",
        help="check that each report's printed figures add up",
        description="Read Kommunkompassen report PDFs and print for each a verdict, as soon as "
        "the file is read: adds up, does not add up (an error beyond rounding on figures read "
        "without doubt) or incomplete (a part the revision expects is missing or was read "
        "with doubt), with every consistency check (box score vs overview total, points "
        "within max, percent vs points, question sums, area percents, area sums, question "
        "ids, known framework) and the figures involved. Differences that rounding explains "
        "are not errors. Exit 0 only when every report adds up, 1 otherwise (a report does "
        "not add up or is incomplete, or a file cannot be read), 2 on bad usage. PATH is a "
        "PDF or a folder searched recursively for PDFs.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    check.add_argument("--password", default=None, help="password for encrypted PDFs")
    check.add_argument(
        "--verbose",
        action="store_true",
        help="also list the differences that rounding explains (info findings)",
    )
    output = check.add_mutually_exclusive_group()
    output.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per file and line: file, verdict, figures, errors, warnings",
    )
    output.add_argument("--summary", action="store_true", help="one line per file")
    check.add_argument(
        "--chart",
        action="store_true",
        help="after each report's verdict, its eight area scores as a bar chart",
    )
    add_debug_option(check)
    add_limit_options(check)
    add_engine_option(check)
    check.set_defaults(handler=check_paths)


def check_reporter(stream=None) -> Reporter:
    """A progress bar on a terminal (on stderr); nothing otherwise: the verdicts say enough."""
    stream = stream or sys.stderr
    return RichReporter(stream, label="checking") if stream.isatty() else QuietReporter(stream)


def check_paths(
    args: argparse.Namespace, extract: Extract | None = None, reporter: Reporter | None = None
) -> int:
    """``kompass-extract check``: 0 when every report adds up, 1 otherwise (a report does not
    add up or is incomplete, or a file cannot be read), 2 on bad usage."""
    try:
        pdfs = discover_pdfs(args.paths)
        jobs, limits, caps = limits_from_args(args)
        check_limits(jobs, limits, caps)
    except UsageError as exc:
        print(f"kompass-extract: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    reporter = reporter or check_reporter()
    engine = getattr(args, "engine", DEFAULT_ENGINE)
    results = iter_in_workers(
        pdfs,
        extract or default_extract(engine),
        jobs=jobs,
        limits=limits,
        caps=caps,
        password=args.password,
        reporter=reporter,
        debug=getattr(args, "debug", False),
        engine=engine,
    )
    outcomes = [check_one(path, result, args, reporter) for path, result in results]
    if not getattr(args, "json", False):
        print(closing_line(outcomes), flush=True)
    return ExitCode.OK if all(o == "adds_up" for o in outcomes) else ExitCode.PROBLEMS


def check_one(
    path: Path,
    result: Report | ExtractionFailure,
    args: argparse.Namespace,
    reporter: Reporter | None = None,
) -> str:
    """Print one file's verdict in the chosen form; return it: a verdict code (``adds_up``,
    ``does_not_add_up``, ``incomplete``) or ``"unreadable"``."""
    reporter = reporter or QuietReporter()
    findings = run_checks(result) if isinstance(result, Report) else []
    # Decided before printing: once the verdict is out, the run goes straight on.
    code = report_verdict(result, findings).code if isinstance(result, Report) else "unreadable"
    text = with_chart(verdict_text(path, result, findings, args), result, args)
    if text is not None:
        reporter.output(text)
    elif isinstance(result, ExtractionFailure):  # the readable form says it on stderr
        reporter.failure(
            f"{path_text(path)}: cannot be checked: {result.message} [{result.error_code}]\n"
        )
    return code


def verdict_text(
    path: Path,
    result: Report | ExtractionFailure,
    findings: Sequence[CheckResult],
    args: argparse.Namespace,
) -> str | None:
    """The text printed on standard output for one file; None for an unreadable file in the
    readable form (it gets a line on stderr instead)."""
    verbose = getattr(args, "verbose", False)
    if getattr(args, "json", False):
        return verdict_json(path, result, findings, verbose)
    if getattr(args, "summary", False):
        return summary_line(path, result, findings)
    if isinstance(result, ExtractionFailure):
        return None
    return format_verdict(result, findings, verbose=verbose) + "\n"


def with_chart(
    text: str | None, result: Report | ExtractionFailure, args: argparse.Namespace
) -> str | None:
    """``text`` followed by the report's area chart when ``--chart`` asks for it (never in
    ``--json``, whose lines are for scripts)."""
    if not getattr(args, "chart", False) or getattr(args, "json", False):
        return text
    if text is None or not isinstance(result, Report):
        return text
    from kompass_extract.cli.chart import area_chart  # rich: only when a chart is drawn

    ending = "\n" if text.endswith("\n") else ""
    return text.rstrip("\n") + "\n" + area_chart(result) + ending
