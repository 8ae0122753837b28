"""Command line: thin wrappers over the Python API, with the same parameter names.

One module per command (``extract``, ``check``, ``diff``, ``review``); exit codes are defined once in
``kompass_extract.cli.exit_codes``. API errors become exit codes here, never tracebacks
(``--debug`` shows them). Ctrl-C and a closed pipe end every command quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kompass_extract.cli.check import add_check_command
from kompass_extract.cli.diff import add_diff_command
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.cli.extract import add_extract_command
from kompass_extract.cli.review import add_review_command
from kompass_extract.version import PARSER_VERSION, __version__

DESCRIPTION = (
    "kompass_extract: Kommunkompassen evaluation reports (SKR/SKL) from PDF into validated tables."
)


def version_text() -> str:
    """What ``--version`` prints: the program, its version and the parser's."""
    return f"%(prog)s {__version__} (parser {PARSER_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: ``extract``, ``diff`` and ``check`` with their options, and
    ``--version`` on the program and on every command."""
    parser = argparse.ArgumentParser(prog="kompass-extract", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=version_text())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_extract_command(commands)
    add_diff_command(commands)
    add_check_command(commands)
    add_review_command(commands)
    for command in commands.choices.values():
        command.add_argument("--version", action="version", version=version_text())
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code (``ExitCode``).

    Ctrl-C ends any command quietly with 130; a reader that closes the pipe (``| head``) ends
    it quietly with 141; other errors are reported in words (a traceback only with --debug).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return code
    except KeyboardInterrupt:
        print("kompass-extract: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return ExitCode.CLOSED_PIPE
    except OSError as exc:
        return report_os_error(exc, args)
    except Exception as exc:  # never a traceback without --debug
        if getattr(args, "debug", False):
            raise
        print(
            f"kompass-extract: internal error: {type(exc).__name__}: {exc}; run again with "
            "--debug to see where, and please report it",
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS


def silence_stdout() -> None:
    """Point standard output at the null device, so that nothing is written to the closed
    pipe any more (Python would complain when it flushes at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (captured in a test)
        pass


def report_os_error(exc: OSError, args: argparse.Namespace) -> int:
    """An output or folder problem in words (per-file problems are handled by the commands)."""
    if getattr(args, "debug", False):
        raise exc
    where = f" ({exc.filename})" if exc.filename else ""
    print(
        f"kompass-extract: error: {exc.strerror or exc}{where}; check that the folder "
        "exists and can be written",
        file=sys.stderr,
    )
    return ExitCode.USAGE
