"""PDF -> Report, as one chain of conversions:
pdf_to_pages -> pages_to_lines -> lines_to_sections -> sections_to_report.

Everything after ``pdf_to_pages`` is pure: a test can feed lines built from text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from kompass_extract.errors import NoTextLayerError, NotKompassError
from kompass_extract.models import (
    Area,
    Finding,
    FindingKind,
    ParseNote,
    Question,
    Report,
    ReportPart,
    SubArea,
    Summary,
)
from kompass_extract.parse.box import parse_box
from kompass_extract.parse.bullets import lines_to_items, split_bullet
from kompass_extract.parse.consistency import drop_repeated_pages, report_notes
from kompass_extract.parse.metadata import lines_to_metadata, municipality_of
from kompass_extract.parse.overview import Row, Table, lines_to_tables, parse_number
from kompass_extract.parse.segment import AreaBlock, Sections, lines_to_sections
from kompass_extract.parse.typography import Metrics, lines_to_text, measure
from kompass_extract.read.files import path_text, read_input_file
from kompass_extract.read.layout import Line, Page, join_lines, join_wrapped
from kompass_extract.read.pages import DEFAULT_ENGINE, check_decodable, pdf_to_pages
from kompass_extract.read.precheck import Limits, check_data
from kompass_extract.rules.doubt import make_note
from kompass_extract.rules.frameworks import get_framework
from kompass_extract.rules.recognition import recognise_framework
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings
from kompass_extract.version import PARSER_VERSION


@dataclass(frozen=True, slots=True)
class Source:
    """Where a report came from: path as given, file hash, page count."""

    source_file: str
    sha256: str
    page_count: int


def extract_report(
    path: str | Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    sha256: str | None = None,
    data: bytes | None = None,
    engine: str = DEFAULT_ENGINE,
) -> Report:
    """Read one Kommunkompassen report PDF into a validated Report.

    The file is read once into memory (only a regular file, at most ``limits.max_size``
    bytes), and those bytes are both hashed and parsed. ``data`` gives bytes already read
    (then ``path`` only names the file) and ``sha256`` their hash, when the caller has them.
    Cheap byte checks (``precheck``: size and page caps, PDF header, end marker) run before
    any PDF parsing. Raises a ``KompassError`` subclass (with a stable ``code``) when the file
    cannot be read; ``UnreadableError`` when it does not exist; ``UnreadableTextError`` when
    too much of its text cannot be decoded. ``engine`` names the reading engine
    (``kompass_extract.read.pages.ENGINES``).
    """
    limits = limits or Limits()
    source = path_text(path)
    if data is None:
        data = read_input_file(path, limits.max_size)
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    check_data(path, data, limits)
    pages = pdf_to_pages(path, password, data, engine=engine)
    if not any(page.char_count for page in pages):
        raise NoTextLayerError(
            source,
            f"none of the {len(pages)} pages has a text layer (a scan?); "
            "run OCR on it first (e.g. ocrmypdf) and extract the result",
        )
    check_decodable(source, pages)
    running = [line for page in pages for line in page.running]
    return lines_to_report(
        pages_to_lines(pages), Source(source, sha256, len(pages)), running=running
    )


def pages_to_lines(pages: Sequence[Page]) -> list[Line]:
    """Every page's lines in reading order: page by page, top to bottom."""
    return [line for page in pages for line in page.lines]


def lines_to_report(
    lines: Sequence[Line],
    source: Source,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    running: Sequence[Line] = (),
) -> Report:
    """A report's lines -> a validated Report, read with the layout tolerances ``settings``
    (the parsers below get them with the measured ``Metrics``); ``running``: the running heads
    taken out of the lines, compared with the title. Pages repeating an earlier page are read
    once, and contradictions and undecoded text become notes (``parse/consistency.py``).
    Raises ``NotKompassError`` when the lines hold neither area headings nor overview tables."""
    lines, repeats = drop_repeated_pages(lines)
    metrics = measure(lines, settings)
    sections = lines_to_sections(lines, metrics)
    tables = lines_to_tables(sections.overview, settings)
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
    meta = lines_to_metadata(sections.front, sections.section_2, sections.lines, metrics.settings)
    municipality, code = municipality_of(meta, notes)
    areas = _areas(sections.areas, tables, metrics, notes)
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


note = make_note  # something the parser could not read, or read with doubt


def _overall_comments(
    sections: Sections, metrics: Metrics, notes: list[ParseNote]
) -> Summary | None:
    if not sections.overall_comments:
        notes.append(note("no_overall_comments", "no 'Sammanfattande kommentarer' section found"))
        return None
    lines = sections.overall_comments
    return Summary(kind="overall_comments", text=lines_to_text(lines, metrics), page=lines[0].page)


# --- areas ------------------------------------------------------------------------------------


def _areas(
    blocks: Sequence[AreaBlock], tables: Sequence[Table], metrics: Metrics, notes: list[ParseNote]
) -> list[Area]:
    by_number = {t.area_no: t for t in tables}
    numbers = sorted({b.number for b in blocks} | set(by_number))
    block_by_number = {}
    for block in blocks:
        if block.number in block_by_number:
            notes.append(
                note(
                    "duplicate_area",
                    f"a second 'Område {block.number}' heading; kept the first",
                    page=block.page,
                    area_no=block.number,
                )
            )
            continue
        block_by_number[block.number] = block
    return [_area(n, block_by_number.get(n), by_number.get(n), metrics, notes) for n in numbers]


def _area(
    number: int,
    block: AreaBlock | None,
    table: Table | None,
    metrics: Metrics,
    notes: list[ParseNote],
) -> Area:
    fields: dict[str, object] = {"area_no": number}
    if block is not None:
        fields.update(_block_fields(block, metrics, notes))
    else:
        assert table is not None  # every number comes from a block or a table
        name = table.area_name or vocabulary().unnamed_area.format(number=number)
        fields.update(area_name=name, page=table.page)
        notes.append(
            note(
                "no_area_block",
                f"area {number} has an overview table but no 'Område {number}' section",
                area_no=number,
            )
        )
    if table is not None:
        fields.update(_table_fields(table, notes))
    else:
        notes.append(
            note("no_overview_table", f"no overview table found for area {number}", area_no=number)
        )
    return Area.model_validate(fields)


def _block_fields(block: AreaBlock, metrics: Metrics, notes: list[ParseNote]) -> dict[str, object]:
    box = parse_box(block.lines, metrics)
    fields: dict[str, object] = {"area_name": block.name, "page": block.page}
    if box is None:
        notes.append(
            note("no_score_box", "no 'Rubriker | Poäng' box", page=block.page, area_no=block.number)
        )
    else:
        fields["score"] = box.score
        fields["subareas"] = tuple(
            SubArea(position=i, heading=item.text, page=item.page)
            for i, item in enumerate(box.subareas, start=1)
        )
        notes += [note("score_box", p, page=box.page, area_no=block.number) for p in box.problems]
    strengths, improvements, summary = _block_parts(block, metrics, notes)
    fields["findings"] = _findings("strength", strengths, metrics, block.number, notes) + _findings(
        "improvement", improvements, metrics, block.number, notes
    )
    if summary:
        fields["summary"] = Summary(
            kind="area_summary",
            area_no=block.number,
            text=lines_to_text(summary, metrics),
            page=summary[0].page,
        )
    return fields


def _is_part_heading(line: Line, pattern: regex.Pattern[str], metrics: Metrics) -> bool:
    """STYRKOR, FÖRBÄTTRINGSOMRÅDEN or the summary heading: styled as a heading or in capitals,
    so that a wrapped line reading "förbättringsområden" is not taken for one."""
    return bool(pattern.match(line.text)) and (metrics.is_heading(line) or line.text.isupper())


def _block_parts(
    block: AreaBlock, metrics: Metrics, notes: list[ParseNote]
) -> tuple[list[Line], list[Line], list[Line]]:
    """The lines under STYRKOR, FÖRBÄTTRINGSOMRÅDEN and the summary heading of one area."""
    vocab = vocabulary()
    markers = {
        "strengths": vocab.strengths,
        "improvements": vocab.improvements,
        "summary": vocab.area_summary,
    }
    found = {
        name: next(
            (i for i, ln in enumerate(block.lines) if _is_part_heading(ln, p, metrics)), None
        )
        for name, p in markers.items()
    }
    for name, index in found.items():
        if index is None:
            notes.append(
                note(
                    f"no_{name}",
                    f"area {block.number}: no {name} heading found",
                    page=block.page,
                    area_no=block.number,
                )
            )
    starts = sorted(i for i in found.values() if i is not None)

    def part(name: str) -> list[Line]:
        index = found[name]
        if index is None:
            return []
        end = next((s for s in starts if s > index), len(block.lines))
        return list(block.lines[index + 1 : end])

    return part("strengths"), part("improvements"), part("summary")


def _findings(
    kind: FindingKind, lines: Sequence[Line], metrics: Metrics, area_no: int, notes: list[ParseNote]
) -> tuple[Finding, ...]:
    items, stray = lines_to_items(lines, metrics)
    part: tuple[ReportPart] = ("strengths" if kind == "strength" else "improvements",)
    if stray:
        text = join_lines(stray)
        notes.append(
            note(
                "stray_text",
                f"text under the {kind} heading outside any bulleted item "
                f"was not taken as a finding: {text[:200]!r}",
                page=stray[0].page,
                area_no=area_no,
                parts=part,
            )
        )
    if items and not any(split_bullet(line) for line in lines):
        notes.append(
            note(
                "items_without_bullets",
                f"area {area_no}: no bullet starts a {kind} item; the {len(items)} item(s) "
                "were split at paragraph breaks, so items printed without a gap are merged",
                page=lines[0].page,
                area_no=area_no,
                parts=part,
            )
        )
    return tuple(
        Finding(kind=kind, position=i, text=item.text, page=item.page)
        for i, item in enumerate((it for it in items if it.text), start=1)
    )


def _table_fields(table: Table, notes: list[ParseNote]) -> dict[str, object]:
    notes += [note("overview_table", p, area_no=table.area_no) for p in table.problems]
    fields: dict[str, object] = {
        "overview_page": table.total.page if table.total is not None else table.page,
        "questions": tuple(_question(table.area_no, row) for row in table.rows),
    }
    if table.total is not None:
        figures = table.total.figures
        fields.update(
            overview_total=parse_number(figures.get(0, "")),
            overview_max=parse_number(figures.get(1, "")),
            overview_percent=parse_number(figures.get(2, "")),
        )
        maximum = parse_number(figures.get(1, ""))
        if maximum is not None and maximum == int(maximum):
            fields["max_score"] = int(maximum)
    else:
        notes.append(
            note(
                "no_total_row",
                f"area {table.area_no}: no total row in its overview table",
                area_no=table.area_no,
            )
        )
    return fields


def _question(area_no: int, row: Row) -> Question:
    return Question(
        area_no=area_no,
        question_id=row.question_id or "",
        question_text=join_wrapped(row.text),
        points=parse_number(row.figures.get(0, "")),
        max_points=parse_number(row.figures.get(1, "")),
        percent=parse_number(row.figures.get(2, "")),
        page=row.page,
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
