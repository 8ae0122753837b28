"""Command line: thin wrappers over the Python API, with the same parameter names.

Exit codes: 0 all files extracted (and, for ``check``, no error found); 1 some file failed or a
check error was found; 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __doc__ as package_doc
from .version import PARSER_VERSION


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kompass-extract",
        description=package_doc,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {PARSER_VERSION}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_extract_command(commands)
    add_diff_command(commands)
    add_check_command(commands)
    return parser


def add_extract_command(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser(
        "extract",
        help="extract reports into CSV and Parquet tables",
        description="Extract Kommunkompassen report PDFs into tables in OUT. "
        "PATH is a PDF or a folder searched recursively for PDFs.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    extract.add_argument("--out", required=True, type=Path, help="folder for the tables")
    extract.add_argument(
        "--format", choices=("csv", "parquet", "both"), default="both", help="default: both"
    )
    extract.add_argument("--password", default=None, help="password for encrypted PDFs")
    extract.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    extract.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when a report's figures do not add up (an error in the checks table)",
    )
    add_batch_options(extract)
    extract.set_defaults(handler=run_extract)


def add_batch_options(extract: argparse.ArgumentParser) -> None:
    add_limit_options(extract)
    extract.add_argument(
        "--quiet", action="store_true", help="no progress and no summary; failures still shown"
    )


def add_limit_options(command: argparse.ArgumentParser) -> None:
    """How files are read: in isolated workers, each with time, memory, page and size caps.
    The defaults are those of the engine's own limits, so they are stated once."""
    from .batch import WorkerLimits
    from .precheck import Limits
    from .run import parse_size

    worker, caps = WorkerLimits(), Limits()
    command.add_argument(
        "--jobs", type=int, default=None, help="files read in parallel (default: number of CPUs)"
    )
    command.add_argument(
        "--timeout",
        type=float,
        default=worker.timeout_s,
        help=f"seconds allowed per file (default: {worker.timeout_s:g})",
    )
    command.add_argument(
        "--max-memory",
        type=parse_size,
        default=worker.max_memory,
        help=f"memory a worker may use for one file, e.g. 2G or 512M "
        f"(default: {worker.max_memory >> 30}G)",
    )
    command.add_argument(
        "--max-pages",
        type=int,
        default=caps.max_pages,
        help=f"skip files with more pages (default: {caps.max_pages})",
    )
    command.add_argument(
        "--max-size",
        type=parse_size,
        default=caps.max_size,
        help=f"skip files larger than this, e.g. 100M (default: {caps.max_size >> 20}M)",
    )


def run_extract(args: argparse.Namespace) -> int:
    from .run import extract_paths

    return extract_paths(args)


def add_diff_command(commands: argparse._SubParsersAction) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare two builds table by table",
        description="Compare the tables of two builds (the OUT folders of two runs) on their "
        "primary keys: rows added (+), removed (-) and changed (~, with the changed fields). "
        "Exit 0 when identical, 1 when they differ, 2 when a folder holds no build.",
    )
    diff.add_argument("old_dir", metavar="OLD_DIR", type=Path, help="the earlier build")
    diff.add_argument("new_dir", metavar="NEW_DIR", type=Path, help="the later build")
    diff.add_argument(
        "--summary", action="store_true", help="one line per table instead of one per row"
    )
    diff.set_defaults(handler=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from .diff import DiffInputError, diff_builds, format_diff

    try:
        result = diff_builds(args.old_dir, args.new_dir)
    except DiffInputError as error:
        print(f"kompass-extract diff: {error}", file=sys.stderr)
        return 2
    print(format_diff(result, summary_only=args.summary))
    return 0 if result.identical else 1


def add_check_command(commands: argparse._SubParsersAction) -> None:
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
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from .verdict import check_paths

    return check_paths(args)


EXIT_FAILURE, EXIT_USAGE = 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except OSError as exc:
        if getattr(args, "debug", False):
            raise
        # per-file problems are handled inside the commands: this is the output or a folder
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"kompass-extract: error: {exc.strerror or exc}{where}; check that the folder "
            "exists and can be written",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except Exception as exc:  # never a traceback without --debug
        if getattr(args, "debug", False):
            raise
        print(
            f"kompass-extract: internal error: {type(exc).__name__}: {exc}; run again with "
            "--debug to see where, and please report it",
            file=sys.stderr,
        )
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
