"""PDF -> Reports, as one chain of conversions:
pdf_to_pages -> pages_to_lines -> lines_to_parts (one per report the file holds) ->
lines_to_sections -> sections_to_report -> report_in_page_frame (boxes read on pages the
reader turned upright, back in the frame of the page as displayed).

Everything after ``pdf_to_pages`` is pure: a test can feed lines built from text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from kompass_extract.collector import fewer_collections
from kompass_extract.errors import (
    MalformedError,
    NoTextLayerError,
    NotKompassError,
    SeveralReportsError,
)
from kompass_extract.models import (
    Area,
    ParseNote,
    Report,
    Summary,
)
from kompass_extract.parse.areas import blocks_to_areas, note
from kompass_extract.parse.consistency import drop_repeated_pages, report_notes
from kompass_extract.parse.extent import box_fields, lines_extent, page_frames, report_in_page_frame
from kompass_extract.parse.marks import page_to_lines
from kompass_extract.parse.metadata import lines_to_metadata, municipality_of
from kompass_extract.parse.overview import Table, lines_to_tables, table_lines
from kompass_extract.parse.parts import lines_to_parts
from kompass_extract.parse.segment import (
    HeadingLines,
    Sections,
    heading_lines,
    lines_to_sections,
)
from kompass_extract.parse.typography import Metrics, lines_to_text, measure
from kompass_extract.read.files import path_text, read_input_file
from kompass_extract.read.layout import Line, Page
from kompass_extract.read.pages import DEFAULT_ENGINE, check_decodable, pdf_to_pages
from kompass_extract.read.precheck import Limits, check_data
from kompass_extract.read.structure import structure_fault
from kompass_extract.rules.frameworks import get_framework
from kompass_extract.rules.recognition import recognise_framework
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings
from kompass_extract.version import PARSER_VERSION


@dataclass(frozen=True, slots=True)
class Source:
    """Where a report came from: path as given, file hash, the number of pages of the report
    and the physical page of the file where it starts (1 unless the file holds several)."""

    source_file: str
    sha256: str
    page_count: int
    first_page: int = 1


def extract_reports(
    path: str | Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    sha256: str | None = None,
    data: bytes | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[Report]:
    """Every Kommunkompassen report a PDF holds, in file order: one, or several bound together.

    The file is read once into memory (only a regular file, at most ``limits.max_size``
    bytes), and those bytes are both hashed and parsed. ``data`` gives bytes already read
    (then ``path`` only names the file) and ``sha256`` their hash, when the caller has them.
    Cheap byte checks (``precheck``: size and page caps, PDF header, end marker) run before
    any PDF parsing. Each report's pages are the file's physical pages; its ``page_count`` is
    the number of pages it occupies. Raises a ``KompassError`` subclass (with a stable
    ``code``) when the file cannot be read; ``UnreadableError`` when it does not exist;
    ``UnreadableTextError`` when too much of its text cannot be decoded;
    ``SeveralReportsError`` when it holds a second run of areas that cannot be told apart from
    the first. ``engine`` names the reading engine (``kompass_extract.read.pages.ENGINES``).
    A file that gives no report (no text, or text that is no report) is asked of a strict
    parser (``read.structure``) whether its structure is damaged: ``MalformedError`` with
    that parser's reason when it is, since the engine may have read through the damage.
    """
    limits = limits or Limits()
    source = path_text(path)
    if data is None:
        data = read_input_file(path, limits.max_size)
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    check_data(path, data, limits)
    try:
        with fewer_collections():
            return read_reports(path, password, data, sha256, engine)
    except (NoTextLayerError, NotKompassError) as exc:
        fault = structure_fault(data, password)  # damage a tolerant engine read through?
        if fault is None:
            raise
        raise MalformedError(source, f"damaged PDF structure: {fault}") from exc


def read_reports(
    path: str | Path, password: str | None, data: bytes, sha256: str, engine: str
) -> list[Report]:
    """The reports in the PDF ``data`` (``extract_reports`` after its byte checks). Raises
    ``NoTextLayerError``, ``UnreadableTextError``, ``NotKompassError`` as their names say."""
    source = path_text(path)
    pages = pdf_to_pages(path, password, data, engine=engine)
    if not pages:
        raise MalformedError(
            source, "the PDF has no pages (its page tree is empty or broken); get another copy"
        )
    if not any(page.char_count for page in pages):
        which = "its only page has" if len(pages) == 1 else f"none of its {len(pages)} pages has"
        raise NoTextLayerError(
            source,
            f"{which} no text layer (a scan?); run OCR on it first (e.g. ocrmypdf) and "
            "extract the result",
        )
    check_decodable(source, pages)
    running = [line for page in pages for line in page.running]
    reports = lines_to_reports(pages_to_lines(pages), source, sha256, len(pages), running=running)
    frames = page_frames(pages)  # boxes read on pages turned upright, turned back
    return [report_in_page_frame(report, frames) for report in reports]


def extract_report(
    path: str | Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    sha256: str | None = None,
    data: bytes | None = None,
    engine: str = DEFAULT_ENGINE,
) -> Report:
    """Read one Kommunkompassen report PDF into a validated Report (see ``extract_reports``).

    Raises ``SeveralReportsError`` when the file holds more than one report (naming them and
    their pages), besides the errors of ``extract_reports``.
    """
    reports = extract_reports(
        path, password=password, limits=limits, sha256=sha256, data=data, engine=engine
    )
    if len(reports) > 1:
        raise SeveralReportsError(
            path_text(path),
            f"the file holds {len(reports)} reports ({describe_reports(reports)}); "
            "extract_reports returns each of them",
        )
    return reports[0]


def describe_reports(reports: Sequence[Report]) -> str:
    """'Exempelstad 2021 on pages 1-16, Exempelholm 2022 on pages 17-27'."""
    return ", ".join(
        f"{r.municipality or 'unknown'} {r.evaluation_year or '?'} on pages "
        f"{r.first_page}-{r.first_page + r.page_count - 1}"
        for r in reports
    )


def pages_to_lines(pages: Sequence[Page]) -> list[Line]:
    """Every page's lines in reading order: page by page, top to bottom; a bullet drawn as a
    shape or picture at a line's start becomes a bullet word (``parse/marks.py``)."""
    return [line for page in pages for line in page_to_lines(page)]


def lines_to_reports(
    lines: Sequence[Line],
    source_file: str,
    sha256: str,
    page_count: int,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    running: Sequence[Line] = (),
) -> list[Report]:
    """A file's lines -> one Report per report it holds (``lines_to_parts``), each read by
    ``lines_to_report`` with the running heads of its own pages; report ids that would repeat
    get the report's first page (``-p17``). Raises ``NotKompassError``/``SeveralReportsError``
    as those do."""
    surveyed = survey(lines, settings)
    parts = lines_to_parts(lines, surveyed.metrics, source_file, surveyed.headings)
    if len(parts) <= 1:
        source = Source(source_file, sha256, page_count)
        return [lines_to_report(lines, source, settings, running, surveyed)]
    reports = [
        lines_to_report(
            lines[part.start : part.end],
            Source(source_file, sha256, part.last_page - part.first_page + 1, part.first_page),
            settings,
            [ln for ln in running if part.first_page <= ln.page <= part.last_page],
        )
        for part in parts
    ]
    ids = Counter(r.report_id for r in reports)
    return [
        r.model_copy(update={"report_id": f"{r.report_id}-p{r.first_page}"})
        if ids[r.report_id] > 1
        else r
        for r in reports
    ]


@dataclass(frozen=True, slots=True)
class Survey:
    """What is measured on a run of lines before it is read, once: the lines and their texts
    (``Line.text``, one per line), their overview tables (``lines_to_tables``), the indices of
    the tables' lines (``table_lines``), the typography of the other lines (``measure_text``)
    and where headings may stand read with it (``heading_lines``)."""

    lines: Sequence[Line]
    texts: tuple[str, ...]
    tables: list[Table]
    in_tables: set[int]
    metrics: Metrics
    headings: HeadingLines


def survey(
    lines: Sequence[Line],
    settings: LayoutSettings = DEFAULT_SETTINGS,
    texts: Sequence[str] | None = None,
) -> Survey:
    """The ``Survey`` of ``lines``, read with ``settings``; ``texts``: the lines' texts
    (``Line.text``, one per line) when already made."""
    made = tuple(ln.text for ln in lines) if texts is None else tuple(texts)
    tables = lines_to_tables(lines, settings)
    in_tables = table_lines(tables)
    metrics = measure_text(lines, settings, in_tables, made)
    headings = heading_lines(lines, metrics, made)
    return Survey(lines, made, tables, in_tables, metrics, headings)


def measure_text(
    lines: Sequence[Line],
    settings: LayoutSettings = DEFAULT_SETTINGS,
    in_tables: Collection[int] | None = None,
    texts: Sequence[str] | None = None,
) -> Metrics:
    """The typography of the report's text: ``measure`` of its lines outside the overview
    tables (a table's rows, often in a smaller type and on wider pages, are not its body);
    ``in_tables``: the indices of the tables' lines (``table_lines``) when already found,
    ``texts``: the lines' texts (``Line.text``, one per line) when already made."""
    if in_tables is None:
        in_tables = table_lines(lines_to_tables(lines, settings))
    outside = [i for i in range(len(lines)) if i not in in_tables]
    return measure(
        [lines[i] for i in outside],
        settings,
        None if texts is None else [texts[i] for i in outside],
    )


def lines_to_report(
    lines: Sequence[Line],
    source: Source,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    running: Sequence[Line] = (),
    surveyed: Survey | None = None,
) -> Report:
    """A report's lines -> a validated Report, read with the layout tolerances ``settings``
    (the parsers below get them with the measured ``Metrics``); ``running``: the running heads
    taken out of the lines, compared with the title. Pages repeating an earlier page are read
    once, and contradictions and undecoded text become notes (``parse/consistency.py``).
    ``surveyed``: the ``survey`` of these very ``lines`` with ``settings`` when already made
    (it is used as long as no page is dropped as a repeat; otherwise the kept lines are
    surveyed). Raises ``NotKompassError`` when the lines hold neither area headings nor
    overview tables."""
    known = surveyed is not None and surveyed.lines is lines
    texts = surveyed.texts if surveyed is not None and known else [ln.text for ln in lines]
    kept, repeats = drop_repeated_pages(lines, texts)
    if surveyed is None or not known or len(kept) != len(lines):
        surveyed = survey(kept, settings, texts if len(kept) == len(lines) else None)
    lines, tables, metrics = kept, surveyed.tables, surveyed.metrics
    sections = lines_to_sections(
        lines, metrics, surveyed.in_tables, surveyed.headings, surveyed.texts
    )
    if not sections.areas and not tables:
        raise NotKompassError(
            source.source_file,
            "found no 'Område N' area headings and no overview tables "
            "(Uppnått | Max | Procent): this does not look like a Kommunkompassen report",
        )
    report = sections_to_report(sections, tables, metrics, source)
    found = report_notes(report, sections, running, settings)
    return report.model_copy(update={"notes": (*repeats, *report.notes, *found)})


def sections_to_report(
    sections: Sections, tables: Sequence[Table], metrics: Metrics, source: Source
) -> Report:
    """Sections and overview tables -> a validated Report; what could not be read becomes a
    note in ``Report.notes``, never an exception."""
    notes: list[ParseNote] = []
    meta = lines_to_metadata(
        sections.front, sections.section_2, sections.lines, metrics.settings, sections.line_texts()
    )
    municipality, code = municipality_of(meta, notes)
    areas = blocks_to_areas(sections.areas, tables, metrics, notes)
    framework_name, areas = _framework(areas, meta.year, notes)
    return Report(
        report_id=report_id(municipality, meta.year, source.sha256),
        source_file=source.source_file,
        sha256=source.sha256,
        municipality=municipality,
        municipality_code=code,
        municipality_as_printed=meta.municipality_as_printed,
        evaluation_year=meta.year,
        evaluation_month=meta.month,
        framework=framework_name,
        evaluators=meta.evaluators,
        page_count=source.page_count,
        first_page=source.first_page,
        parser_version=PARSER_VERSION,
        areas=tuple(areas),
        overall_comments=_overall_comments(sections, metrics, notes),
        notes=tuple(notes),
    )


def report_id(municipality: str | None, year: int | None, sha256: str) -> str:
    """'Åmål', 2019, 'ab12...' -> 'amal-2019-ab12cd34'."""
    folded = unicodedata.normalize("NFKD", municipality or "unknown")
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    slug = regex.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "unknown"
    return f"{slug}-{year or 'unknown'}-{sha256[:8]}"


def _overall_comments(
    sections: Sections, metrics: Metrics, notes: list[ParseNote]
) -> Summary | None:
    if not sections.overall_comments:
        notes.append(note("no_overall_comments", "no 'Sammanfattande kommentarer' section found"))
        return None
    lines = sections.overall_comments
    return Summary(
        kind="overall_comments",
        text=lines_to_text(lines, metrics),
        page=lines[0].page,
        **box_fields(lines_extent(lines)),
    )


# --- framework --------------------------------------------------------------------------------


def _framework(
    areas: list[Area], year: int | None, notes: list[ParseNote]
) -> tuple[str, list[Area]]:
    match = recognise_framework([a.area_name for a in areas], year=year)
    if not match.recognised:
        notes.append(note("unknown_framework", match.message))
        return "unknown", areas
    if match.status != "exact":
        notes.append(note("partial_framework", match.message))
    framework = get_framework(match.name)
    updated = []
    for area, key in zip(areas, match.area_keys, strict=True):
        changes: dict[str, object] = {"area_key": key}
        if area.max_score is None and key is not None:
            known = framework.area_by_key(key)
            changes["max_score"] = known.max_points if known is not None else None
        updated.append(area.model_copy(update=changes))
    return match.name, updated
