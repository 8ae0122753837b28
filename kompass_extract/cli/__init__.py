"""Command line: thin wrappers over the Python API, with the same parameter names.

One module per command (``extract``, ``check``, ``diff``); exit codes are defined once in
``kompass_extract.cli.exit_codes``. API errors become exit codes here, never tracebacks
(``--debug`` shows them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kompass_extract.cli.check import add_check_command
from kompass_extract.cli.diff import add_diff_command
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.cli.extract import add_extract_command
from kompass_extract.version import PARSER_VERSION

DESCRIPTION = (
    "kompass_extract: Kommunkompassen evaluation reports (SKR/SKL) from PDF into validated tables."
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: ``extract``, ``diff`` and ``check`` with their options."""
    parser = argparse.ArgumentParser(prog="kompass-extract", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"%(prog)s {PARSER_VERSION}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_extract_command(commands)
    add_diff_command(commands)
    add_check_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code (``ExitCode``)."""
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
        return ExitCode.USAGE
    except Exception as exc:  # never a traceback without --debug
        if getattr(args, "debug", False):
            raise
        print(
            f"kompass-extract: internal error: {type(exc).__name__}: {exc}; run again with "
            "--debug to see where, and please report it",
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS
