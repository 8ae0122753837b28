"""``build_review(out)``: the review site of a build, written into ``OUT/review/``.

The steps: read the build; find each report's PDF and check its SHA-256; draw the page images
its values point to; write one page per report and the front page. A report whose PDF is
missing or differs still gets its page, with its values unlinked and the reason said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from kompass_extract.read.render import PageImageSettings
from kompass_extract.review.charts import profile_svg
from kompass_extract.review.flags import cell_flags, report_targets
from kompass_extract.review.index_page import index_html
from kompass_extract.review.inputs import read_build
from kompass_extract.review.places import has_boxes
from kompass_extract.review.profiles import report_profile
from kompass_extract.review.report_page import ReportPage, report_html
from kompass_extract.review.site import (
    REVIEW_FOLDER,
    ReviewResult,
    build_folder,
    by_report,
    copy_assets,
    draw_images,
    image_folder,
    page_file_name,
    page_links,
    pdf_pages,
    prune_pages,
    unreadable_message,
    write_file,
)
from kompass_extract.review.sources import PdfSource, find_pdf
from kompass_extract.review.views import TABLE_COLUMNS, PageLinks, table_view

Progress = Callable[[str], None]


def _silent(_: str) -> None:
    pass


def build_review(
    out: Path | str,
    pdf_root: Path | str | None = None,
    password: str | None = None,
    settings: PageImageSettings = PageImageSettings(),  # noqa: B008 (frozen)
    progress: Progress = _silent,
) -> ReviewResult:
    """Write the review site of the build in ``out`` into ``out/review/`` and say what it holds.

    ``pdf_root``: a folder to look for the PDFs in first (``reports.source_file`` is relative
    to the folder ``extract`` was run in); ``password`` opens encrypted PDFs; ``settings``: the
    page images' size and palette; ``progress`` is told each report as it is written. Raises
    ``kompass_extract.dataset.load.LoadError`` when ``out`` is no folder, holds no build or
    lacks a table or column the review needs (see ``review.inputs``); nothing is written then.
    Tables the build lacks otherwise are said on the pages and in the result.
    """
    out = Path(out)
    tables, missing = read_build(build_folder(out), out)
    reports = tables["reports"]
    site = out / REVIEW_FOLDER
    copy_assets(site)
    root = Path(pdf_root) if pdf_root is not None else None
    sources = {
        str(r.report_id): find_pdf(str(r.source_file), str(r.sha256), root)
        for r in reports.itertuples()
    }
    grouped = by_report(tables)
    links, drawn = _draw_all(site, reports, grouped, sources, settings, password, progress)
    boxed = all(has_boxes(tables[t].columns) for t in TABLE_COLUMNS if t in tables)
    pages = {}
    for record in reports.to_dict("records"):
        rid = str(record["report_id"])
        page = _report_page(
            record, tables, grouped, links.get(str(record["sha256"])), sources[rid], boxed
        )
        page = replace(page, missing=missing)
        pages[rid] = site / "reports" / page_file_name(rid)
        write_file(pages[rid], report_html(page))
        progress(f"{rid}: {pages[rid]}")
    write_file(site / "index.html", index_html(tables, sources, missing))
    images = sorted((site / "pages").rglob("*.png"))
    return ReviewResult(
        site,
        site / "index.html",
        pages,
        sources,
        boxed,
        len(images),
        sum(p.stat().st_size for p in images),
        drawn,
        missing,
    )


def _draw_all(
    site: Path,
    reports: pd.DataFrame,
    grouped: dict[str, dict[str, pd.DataFrame]],
    sources: dict[str, PdfSource],
    settings: PageImageSettings,
    password: str | None,
    progress: Progress,
) -> tuple[dict[str, PageLinks], int]:
    """Page images of every PDF found; SHA-256 -> its links. A PDF that cannot be drawn turns
    its reports' sources ``unreadable`` (in ``sources``). Image folders of PDFs still in the
    build are kept even when their PDF is not found now; those of others are removed."""
    wanted = pdf_pages(reports, grouped)
    links: dict[str, PageLinks] = {}
    drawn = 0
    for rid, sha in zip(reports["report_id"], reports["sha256"], strict=True):
        source, sha = sources[str(rid)], str(sha)
        if not source.found or source.path is None or sha in links:
            continue
        name = image_folder(sha, settings)
        folder = site / "pages" / name
        try:
            frames, count = draw_images(source.path, folder, wanted[sha], settings, password)
        except Exception as error:  # a PDF library's own error: say it, draw the rest
            sources[str(rid)] = PdfSource(
                "unreadable", source.path, unreadable_message(error, password)
            )
            continue
        progress(f"{source.path}: {count} page image(s) drawn")
        drawn += count
        links[sha] = page_links(name, folder, frames)
    prune_pages(site / "pages", {image_folder(str(s), settings) for s in reports["sha256"]})
    return links, drawn


def _report_page(
    record: dict[str, object],
    tables: dict[str, pd.DataFrame],
    grouped: dict[str, dict[str, pd.DataFrame]],
    links: PageLinks | None,
    source: PdfSource,
    boxed: bool,
) -> ReportPage:
    rid = str(record["report_id"])
    checks_frame = grouped.get("checks", {}).get(rid)
    checks = [] if checks_frame is None else checks_frame.to_dict("records")
    targets = report_targets(checks)
    usable = links if links is not None and source.found else PageLinks()
    views = {}
    for table in TABLE_COLUMNS:
        frame = grouped.get(table, {}).get(rid)
        if frame is not None or table in tables:
            rows = frame if frame is not None else tables[table].iloc[0:0]
            views[table] = table_view(table, rows, usable, targets)
    profile = report_profile(tables["reports"], tables.get("areas", pd.DataFrame()), rid)
    total_flags = tuple(cell_flags(targets, "reports", record, "total_score"))
    svg = profile_svg(profile)
    return ReportPage(record, checks, profile, svg, views, source, boxed, total_flags)
