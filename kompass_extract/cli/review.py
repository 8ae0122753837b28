"""``kompass-extract review``: the review site of a build, written into OUT/review/.

A thin wrapper over ``kompass_extract.review.build_review``, with the same option names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.cli.options import add_debug_option
from kompass_extract.read.files import path_text


def add_review_command(commands: argparse._SubParsersAction) -> None:
    """The ``review`` sub-command and its options."""
    review = commands.add_parser(
        "review",
        help="write a review site of a build: every value on its page, with charts",
        description="Write a static review site of the build in OUT into OUT/review/: "
        "index.html lists every report (sortable, filterable) and the files that failed; "
        "each report's page shows its verdict, every check, its area profile as a chart and "
        "every extracted value as a link to an image of its page with the value's box "
        "highlighted. Open OUT/review/index.html in a browser; it needs no network. The "
        "PDFs are found from reports.source_file (relative to the folder extract was run "
        "in) or under --pdf-root, and used only when their SHA-256 matches the table's. "
        "Exit 0 when every report's pages and tables are shown, 1 when a PDF was missing, "
        "differs or could not be drawn, or the build lacks a table it shows (each said on "
        "stderr and on its pages), 2 when OUT is no folder, holds no build, or lacks reports, "
        "areas or a column the review reads (nothing is written then).",
    )
    review.add_argument("out", metavar="OUT", type=Path, help="the OUT folder of extract")
    review.add_argument(
        "--pdf-root",
        type=Path,
        default=None,
        help="folder to look for the PDFs in first (source_file relative to it)",
    )
    review.add_argument("--password", default=None, help="password for encrypted PDFs")
    review.add_argument("--quiet", action="store_true", help="print nothing but problems")
    add_debug_option(review)
    review.set_defaults(handler=review_build)


def review_summary(result: object) -> str:
    """What was written, in two lines: pages and images, and the PDFs not shown."""
    from kompass_extract.review import ReviewResult

    assert isinstance(result, ReviewResult)
    lines = [
        f"wrote the review of {len(result.report_pages)} report(s) into "
        f"{path_text(result.folder)}: open {path_text(result.index)}",
        f"{result.images} page image(s), {result.image_bytes / 1e6:.1f} MB "
        f"({result.drawn} drawn now)"
        + ("" if result.boxed else "; the build records no boxes: nothing is highlighted"),
    ]
    return "\n".join(lines)


def review_build(args: argparse.Namespace) -> int:
    """``kompass-extract review``: 0 when every report's pages and tables are shown, 1 when a
    PDF was missing, differs or could not be drawn or the build lacks a table the review shows,
    2 when OUT is no folder, holds no build or lacks what every page needs."""
    from kompass_extract.dataset.load import LoadError
    from kompass_extract.review import build_review

    quiet = getattr(args, "quiet", False)
    try:
        result = build_review(args.out, pdf_root=args.pdf_root, password=args.password)
    except LoadError as error:
        print(f"kompass-extract review: error: {error}", file=sys.stderr)
        return ExitCode.USAGE
    unshown = {rid: s for rid, s in result.sources.items() if not s.found}
    for rid, source in unshown.items():
        print(f"kompass-extract review: {rid}: {source.message}", file=sys.stderr)
    for table in result.missing_tables:
        print(
            f"kompass-extract review: {path_text(args.out)}: the build has no {table} table "
            f"({table}.csv or .parquet); the pages say so where it would be shown; run extract "
            "again to write it",
            file=sys.stderr,
        )
    if not quiet:
        print(review_summary(result))
    return ExitCode.PROBLEMS if unshown or result.missing_tables else ExitCode.OK
