"""Writing the review site into ``OUT/review/``: the front page, one page per report, the page
images and the site's own CSS and script.

The build is read once (``OUT/.builds/current`` resolved first, so every table comes from one
build). Page images are drawn once per PDF page that a value points to, into
``pages/<first 16 hex of the PDF's SHA-256>-<settings tag>/<page>.png``; an image already there
from an earlier review is kept (same bytes, same settings, same picture), and folders of PDFs no
longer in the build are removed. Every file is written aside and renamed into place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from kompass_extract.batch.failures import exception_chain, library_error_code
from kompass_extract.read.render import PageFrame, PageImageSettings, page_frames, render_pages
from kompass_extract.review.sources import PdfSource
from kompass_extract.review.views import TABLE_COLUMNS, PageLinks, pages_of

REVIEW_FOLDER = "review"
ASSETS = ("site.css", "site.js")


@dataclass(frozen=True)
class ReviewResult:
    """What ``build_review`` wrote: the site's ``folder``, its front page (``index``), the
    report pages, what became of each report's PDF (report_id -> ``PdfSource``), whether the
    build records boxes, and the page images: how many and their bytes, and how many of them
    were drawn now (the rest were kept from an earlier review); ``missing_tables``: the tables
    shown where present that the build lacks (said on the pages)."""

    folder: Path
    index: Path
    report_pages: dict[str, Path] = field(default_factory=dict)
    sources: dict[str, PdfSource] = field(default_factory=dict)
    boxed: bool = False
    images: int = 0
    image_bytes: int = 0
    drawn: int = 0
    missing_tables: tuple[str, ...] = ()


def build_folder(out: Path) -> Path:
    """The folder holding one whole build: ``OUT/.builds/current`` resolved, else ``OUT``."""
    current = out / ".builds" / "current"
    return current.resolve() if current.exists() else out


def write_file(path: Path, content: str | bytes) -> None:
    """Write ``content`` beside ``path`` and rename it into place (UTF-8 for text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    data = content.encode("utf-8") if isinstance(content, str) else content
    partial.write_bytes(data)
    os.replace(partial, path)


def page_file_name(report_id: str) -> str:
    """A report page's file name (the id, percent-escaped where it is not a plain slug)."""
    return quote(report_id, safe="") + ".html"


def by_report(tables: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, pd.DataFrame]]:
    """Table -> report_id -> that report's rows, for every table with ``report_id``."""
    grouped: dict[str, dict[str, pd.DataFrame]] = {}
    for table, frame in tables.items():
        if "report_id" in frame and table != "reports":
            grouped[table] = {str(k): g for k, g in frame.groupby("report_id", observed=True)}
    return grouped


def pdf_pages(
    reports: pd.DataFrame, grouped: dict[str, dict[str, pd.DataFrame]]
) -> dict[str, set[int]]:
    """SHA-256 -> every page a value of its reports points to."""
    pages: dict[str, set[int]] = {}
    for rid, sha in zip(reports["report_id"], reports["sha256"], strict=True):
        own = [grouped[t][rid] for t in TABLE_COLUMNS if t in grouped and rid in grouped[t]]
        pages.setdefault(str(sha), set()).update(pages_of(own))
    return pages


def draw_images(
    pdf: Path, folder: Path, pages: Iterable[int], settings: PageImageSettings, password: str | None
) -> tuple[dict[int, PageFrame], int]:
    """Page images of ``pdf`` into ``folder`` (those missing there), and the pages' frames;
    returns (frames, images drawn now)."""
    data = pdf.read_bytes()
    frames = page_frames(data, password)
    wanted = sorted(p for p in pages if p in frames and not (folder / f"{p}.png").is_file())
    drawn = 0
    for number, png in render_pages(data, wanted, settings, password):
        write_file(folder / f"{number}.png", png)
        drawn += 1
    return frames, drawn


def page_links(folder_name: str, folder: Path, frames: Mapping[int, PageFrame]) -> PageLinks:
    """The images of one PDF as seen from a report page (``../pages/...``)."""
    images = {
        page: f"../pages/{folder_name}/{page}.png"
        for page in frames
        if (folder / f"{page}.png").is_file()
    }
    return PageLinks(images, frames)


def image_folder(sha256: str, settings: PageImageSettings) -> str:
    """The name of a PDF's image folder: the first 16 hex of its SHA-256 and the settings'
    tag (``"0123456789abcdef-w900c16"``)."""
    return f"{sha256[:16]}-{settings.tag}"


def unreadable_message(error: BaseException, password: str | None) -> str:
    """Why a PDF's pages could not be drawn, in words for its page: an encrypted PDF asks for
    its password; another error says its own message (or its kind when it has none)."""
    if any(library_error_code(e) == "encrypted" for e in exception_chain(error)):
        if password:
            return "the PDF is encrypted and the password given with --password does not open it"
        return "the PDF is encrypted and the empty password does not open it: give its password with --password"
    return f"its pages could not be drawn: {str(error) or type(error).__name__}"


def prune_pages(pages_root: Path, keep: set[str]) -> None:
    """Remove image folders of PDFs (or settings) no longer in the build."""
    if pages_root.is_dir():
        for child in pages_root.iterdir():
            if child.is_dir() and child.name not in keep:
                shutil.rmtree(child)


def copy_assets(site: Path) -> None:
    """The site's CSS and script, from the package."""
    for name in ASSETS:
        text = resources.files("kompass_extract.review").joinpath("assets", name).read_text("utf-8")
        write_file(site / "assets" / name, text)
