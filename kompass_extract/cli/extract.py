"""``kompass-extract extract``: read PDFs into tables in OUT, and say what was read.

A thin wrapper over ``kompass_extract.batch.engine.run_extraction``: it turns the command line
into typed options, prints progress and one line per report, and maps the outcome to an exit
code (``kompass_extract.cli.exit_codes``).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from kompass_extract.batch.engine import (
    CACHE_FOLDER,
    Extract,
    RunOptions,
    RunResult,
    check_options,
    default_extract,
    discover_pdfs,
    run_extraction,
)
from kompass_extract.batch.progress import choose_reporter
from kompass_extract.checks import report_verdict
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.cli.options import (
    add_debug_option,
    add_engine_option,
    add_limit_options,
    limits_from_args,
)
from kompass_extract.cli.review import review_build
from kompass_extract.cli.verdict import error_count, percent_read
from kompass_extract.dataset.builds import describe_state
from kompass_extract.dataset.writers import FORMATS, WORKBOOK_FILE, parse_formats
from kompass_extract.errors import DiskFullError, UsageError
from kompass_extract.models import CheckResult, Report
from kompass_extract.read.files import path_text
from kompass_extract.read.pages import DEFAULT_ENGINE

# The formats that review, diff and load read (the workbook is for people, not for them).
TABLE_FORMATS = frozenset({"csv", "parquet"})


def add_extract_command(commands: argparse._SubParsersAction) -> None:
    """The ``extract`` sub-command and its options."""
    extract = commands.add_parser(
        "extract",
        help="extract reports into CSV and Parquet tables",
        description="Extract Kommunkompassen report PDFs into tables in OUT. "
        "PATH is a PDF or a folder searched recursively for PDFs.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    extract.add_argument("--out", required=True, type=Path, help="folder for the tables")
    extract.add_argument(
        "--format",
        type=format_list,
        default=FORMATS,
        metavar="LIST",
        help="comma-separated formats from csv, parquet, xlsx (one workbook, "
        f"{WORKBOOK_FILE}); both = csv,parquet (default: {','.join(FORMATS)})",
    )
    extract.add_argument("--password", default=None, help="password for encrypted PDFs")
    add_debug_option(extract)
    extract.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when a report does not add up or is incomplete (its verdict in "
        "reports.csv is not adds_up)",
    )
    extract.add_argument(
        "--review",
        action="store_true",
        help="also write the review site into OUT/review/ (as the review command does)",
    )
    add_limit_options(extract)
    add_engine_option(extract)
    extract.add_argument(
        "--quiet", action="store_true", help="no progress and no summary; failures still shown"
    )
    extract.set_defaults(handler=extract_paths)


def format_list(text: str) -> tuple[str, ...]:
    """``--format``'s value as formats; for argparse ``type=`` (a bad value is bad usage)."""
    try:
        return parse_formats(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def options_from_args(args: argparse.Namespace) -> RunOptions:
    """Validated run options from the parsed ``extract`` command line."""
    formats = getattr(args, "format", FORMATS)
    jobs, limits, caps = limits_from_args(args)
    options = RunOptions(
        paths=tuple(args.paths),
        out=Path(args.out),
        formats=tuple(formats),
        jobs=jobs,
        limits=limits,
        caps=caps,
        password=getattr(args, "password", None),
        quiet=getattr(args, "quiet", False),
        debug=getattr(args, "debug", False),
        engine=getattr(args, "engine", DEFAULT_ENGINE),
    )
    check_options(options)
    if getattr(args, "review", False):
        check_review_formats(options.formats)
    return options


def check_review_formats(formats: Sequence[str]) -> None:
    """``--review`` reads the CSV or Parquet tables: raise ``UsageError`` when ``formats``
    writes neither (an xlsx workbook alone), before any file is read."""
    if not TABLE_FORMATS & set(formats):
        raise UsageError("--review reads the CSV or Parquet tables: add csv or parquet to --format")


def report_line(report: Report, results: Sequence[CheckResult]) -> str:
    """One report in one line: who, when, which revision, the totals, what was read and the
    verdict (with the share of the expected parts read without doubt, and the errors)."""
    areas = report.areas
    verdict = report_verdict(report, results)
    when = f"{report.evaluation_year or '?'}" + (
        f"-{report.evaluation_month:02d}" if report.evaluation_month else ""
    )
    code = f" ({report.municipality_code})" if report.municipality_code else ""
    return (
        f"  {report.report_id}: {report.municipality or '?'}{code} {when}, framework "
        f"{report.framework}, total {report.total_score if report.total_score is not None else '?'}"
        f"/{report.max_total or '?'}, {len(areas)} areas, "
        f"{sum(len(a.questions) for a in areas)} questions, "
        f"{sum(len(a.strengths) for a in areas)} strengths, "
        f"{sum(len(a.improvements) for a in areas)} improvements, "
        f"{len(report.notes)} parse note(s), {error_count(results)} check error(s): "
        f"{verdict.words} ({percent_read(verdict)} of the expected parts read)"
    )


def summary(result: RunResult, out: Path) -> str:
    lines = [
        *(report_line(r, result.check_results[r.report_id]) for r in result.reports),
        f"{len(result.reports)} report(s) extracted, {len(result.failures)} file(s) failed "
        f"({result.extracted} read now, {result.cached} from the cache)",
        f"wrote {len(result.written)} file(s) into {path_text(out)}: "
        + ", ".join(sorted({p.stem for p in result.written})),
    ]
    if result.failures:
        lines.append(f"the reasons for the failures are in {path_text(out / 'errors.csv')}")
    return "\n".join(lines)


def extract_paths(args: argparse.Namespace, extract: Extract | None = None) -> int:
    """The ``extract`` command: exit 0 when every file was extracted (with ``--strict``: and
    every report adds up), 1 otherwise, 2 on bad usage, 3 when the disk is full, 130 when
    interrupted (``ExitCode``)."""
    try:
        options = options_from_args(args)
        pdfs = discover_pdfs(options.paths, options.out)
        reporter = choose_reporter(options.quiet)
        with terminate_as_interrupt():
            result = run_extraction(
                options, pdfs, extract or default_extract(options.engine), reporter
            )
    except UsageError as exc:
        print(f"kompass-extract: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except DiskFullError as exc:
        print(
            f"kompass-extract: error: {exc}; the files finished so far are kept in "
            f"{path_text(Path(args.out) / CACHE_FOLDER)}: free some space and run the same "
            "command again",
            file=sys.stderr,
        )
        return ExitCode.DISK_FULL
    except KeyboardInterrupt:
        print(
            f"kompass-extract: interrupted; {describe_state(Path(args.out))}; the files "
            f"finished so far are kept in {path_text(Path(args.out) / CACHE_FOLDER)}: run the "
            "same command again to finish",
            file=sys.stderr,
        )
        return ExitCode.INTERRUPTED
    if not options.quiet:
        print(summary(result, options.out))
    if getattr(args, "review", False):
        review_build(
            argparse.Namespace(
                out=options.out, pdf_root=None, password=options.password, quiet=options.quiet
            )
        )
    strict_problem = strict_check_errors(result) if getattr(args, "strict", False) else None
    if strict_problem:
        print(strict_problem, file=sys.stderr)
    return ExitCode.PROBLEMS if result.failures or strict_problem else ExitCode.OK


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so running workers are killed on the way out."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def strict_check_errors(result: RunResult) -> str | None:
    """For ``extract --strict``: a line naming the reports that do not add up (does not add
    up, or incomplete) with their verdicts, or None when every report adds up."""
    verdicts = {
        r.source_file: report_verdict(r, result.check_results[r.report_id]) for r in result.reports
    }
    failing = [f"{name} ({v.words})" for name, v in verdicts.items() if v.code != "adds_up"]
    if not failing:
        return None
    return (
        f"--strict: {len(failing)} report(s) do not add up or are incomplete (see the verdict "
        "in reports.csv and checks.csv): " + ", ".join(failing)
    )
