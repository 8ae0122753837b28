"""Where a value was read: the box its words cover on one page, and that box in the page's frame.

The parsers take a value's box from the words it was read from (``words_extent``,
``lines_extent``): the smallest box holding them on the value's page, in PDF points. The reader
hands over lines in the frame where their text runs left to right (a page whose text runs
sideways is read turned upright, ``read.glyphs.upright_chars``), so the parsers' boxes are in
that frame too; ``report_in_page_frame`` turns them back into the frame of the page as
displayed, origin top left (pdfplumber's), which is the frame of the records and tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from kompass_extract.models import BOX_SIDES, Area, Boxed, Report
from kompass_extract.read.layout import Line, Page, Word

BOX_DECIMALS = 2  # points: a hundredth of a point is far below a glyph's size
_X0, _TOP, _X1, _BOTTOM = (attrgetter(side) for side in ("x0", "top", "x1", "bottom"))


@dataclass(frozen=True, slots=True)
class Extent:
    """A box on one page (1-based ``page``): ``x0`` < ``x1`` left to right, ``top`` <
    ``bottom`` down the page, in points."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Extent) -> Extent:
        """The smallest box holding both; ``other`` must be on the same page."""
        if other.page != self.page:
            raise ValueError(f"boxes on pages {self.page} and {other.page} have no union")
        return Extent(
            self.page,
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )


def words_extent(page: int, words: Iterable[Word]) -> Extent | None:
    """The box of ``words`` (all on ``page``); None for no word."""
    listed = list(words)
    if not listed:
        return None
    return Extent(  # min/max in word order: the same box as one ``union`` after another
        page,
        min(map(_X0, listed)),
        min(map(_TOP, listed)),
        max(map(_X1, listed)),
        max(map(_BOTTOM, listed)),
    )


def lines_extent(lines: Sequence[Line], page: int | None = None) -> Extent | None:
    """The box of the lines that stand on ``page`` (default: the first line's page), so that
    text running on to the next page has the box of its part on its first page; None for
    no line there."""
    if not lines:
        return None
    on = lines[0].page if page is None else page
    return words_extent(on, (w for line in lines if line.page == on for w in line.words))


def grown(extent: Extent | None, page: int, words: Iterable[Word]) -> Extent | None:
    """``extent`` grown by ``words`` standing on ``page`` (words on another page, a row's
    continuation, are left out); a new box when ``extent`` is None."""
    more = words_extent(page, words)
    if more is None or extent is None:
        return extent or more
    return extent.union(more) if more.page == extent.page else extent


def box_fields(extent: Extent | None, prefix: str = "") -> dict[str, Any]:
    """The record fields of a box (``x0``, ``top``, ``x1``, ``bottom``, each after ``prefix``),
    rounded to ``BOX_DECIMALS``; all None for no box."""
    values = (None,) * 4 if extent is None else (extent.x0, extent.top, extent.x1, extent.bottom)
    return {
        prefix + side: None if v is None else round(v, BOX_DECIMALS)
        for side, v in zip(BOX_SIDES, values, strict=True)
    }


@dataclass(frozen=True, slots=True)
class PageFrame:
    """How the reader turned a page: ``rotation`` (0, 90, 180, 270, clockwise) undone, and the
    page's ``width`` x ``height`` in points in the turned frame (``read.layout.Page``)."""

    rotation: int
    width: float
    height: float


def page_frames(pages: Iterable[Page]) -> dict[int, PageFrame]:
    """The frame of every page the reader turned, by page number (upright pages: none)."""
    return {
        p.number: PageFrame(p.rotation % 360, p.width, p.height) for p in pages if p.rotation % 360
    }


def turned_back(box: tuple[float, float, float, float], frame: PageFrame) -> tuple[float, ...]:
    """A box ``(x0, top, x1, bottom)`` of the turned frame in the frame of the page as
    displayed: the inverse of ``read.glyphs.upright_chars``. Raises ``ValueError`` for a
    rotation that is no quarter turn."""
    x0, top, x1, bottom = box
    if frame.rotation == 0:
        return box
    if frame.rotation == 90:  # displayed width = turned height
        return (frame.height - bottom, x0, frame.height - top, x1)
    if frame.rotation == 270:  # displayed height = turned width
        return (top, frame.width - x1, bottom, frame.width - x0)
    if frame.rotation == 180:
        return (frame.width - x1, frame.height - bottom, frame.width - x0, frame.height - top)
    raise ValueError(f"rotation must be a multiple of 90, not {frame.rotation}")


def _turned_fields(
    record: Boxed | Area, page: int | None, frames: Mapping[int, PageFrame], prefix: str = ""
) -> dict[str, float]:
    values = tuple(getattr(record, prefix + side) for side in BOX_SIDES)
    if page is None or page not in frames or any(v is None for v in values):
        return {}
    box = turned_back(values, frames[page])
    return {prefix + side: round(v, BOX_DECIMALS) for side, v in zip(BOX_SIDES, box, strict=True)}


def _record_in_frame(record: Boxed, frames: Mapping[int, PageFrame]) -> Boxed:
    update = _turned_fields(record, getattr(record, "page", None), frames)
    return record.model_copy(update=update) if update else record


def _area_in_frame(area: Area, frames: Mapping[int, PageFrame]) -> Area:
    update: dict[str, object] = {
        **_turned_fields(area, area.page, frames),
        **_turned_fields(area, area.score_page, frames, "score_"),
        **_turned_fields(area, area.overview_page, frames, "overview_"),
        "subareas": tuple(_record_in_frame(s, frames) for s in area.subareas),
        "findings": tuple(_record_in_frame(f, frames) for f in area.findings),
        "questions": tuple(_record_in_frame(q, frames) for q in area.questions),
        "summary": None if area.summary is None else _record_in_frame(area.summary, frames),
    }
    return area.model_copy(update=update)


def report_in_page_frame(report: Report, frames: Mapping[int, PageFrame]) -> Report:
    """``report`` with every box on a turned page (``frames``, from ``page_frames``) in the
    frame of the page as displayed; the same report when no page was turned."""
    if not frames:
        return report
    comments = report.overall_comments
    return report.model_copy(
        update={
            "areas": tuple(_area_in_frame(area, frames) for area in report.areas),
            "overall_comments": None if comments is None else _record_in_frame(comments, frames),
        }
    )
