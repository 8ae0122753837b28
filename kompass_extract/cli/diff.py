"""``kompass-extract diff``: compare two builds table by table on their primary keys."""

from __future__ import annotations

import argparse
from pathlib import Path

from kompass_extract.cli.exit_codes import ExitCode


def add_diff_command(commands: argparse._SubParsersAction) -> None:
    """The ``diff`` sub-command and its options."""
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
    diff.add_argument(
        "--exact",
        action="store_true",
        help="count every move of a box (x0, top, x1, bottom ...) as a change; by default a "
        "coordinate that moved by at most 1 point (rounding, another reading engine) is none",
    )
    diff.set_defaults(handler=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    """Print the differences; 0 identical, 1 different, 2 when a folder holds no build."""
    import sys

    from kompass_extract.dataset.diff import DiffInputError, diff_builds, format_diff

    try:
        result = diff_builds(args.old_dir, args.new_dir, exact=args.exact)
    except DiffInputError as error:
        print(f"kompass-extract diff: {error}", file=sys.stderr)
        return ExitCode.USAGE
    print(format_diff(result, summary_only=args.summary))
    return ExitCode.OK if result.identical else ExitCode.PROBLEMS
