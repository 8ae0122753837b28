"""Area blocks and overview tables -> the report's areas: box, findings, summary, questions.

Pure: what ``lines_to_sections`` and ``lines_to_tables`` found, in; validated ``Area`` records
and parse notes (``note``) out. What cannot be read becomes a note, never an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from kompass_extract.models import (
    Area,
    Finding,
    FindingKind,
    ParseNote,
    Question,
    ReportPart,
    SubArea,
    Summary,
)
from kompass_extract.parse.box import parse_box
from kompass_extract.parse.bullets import UNMARKED_CUES, lines_to_list
from kompass_extract.parse.extent import box_fields, lines_extent
from kompass_extract.parse.overview import Row, Table, parse_number
from kompass_extract.parse.segment import AreaBlock, stands_alone
from kompass_extract.parse.typography import Metrics, lines_to_text
from kompass_extract.read.layout import Line, join_lines, join_wrapped
from kompass_extract.rules.doubt import make_note
from kompass_extract.rules.vocabulary import compile_pattern, vocabulary

note = make_note  # something the parser could not read, or read with doubt


def blocks_to_areas(
    blocks: Sequence[AreaBlock], tables: Sequence[Table], metrics: Metrics, notes: list[ParseNote]
) -> list[Area]:
    """One Area per area number found in a block or a table, in number order; a second block
    of the same number is left out with a ``duplicate_area`` note. Notes go to ``notes``."""
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
        fields.update(_block_fields(block, metrics, notes, overview_total(table)))
    else:
        assert table is not None  # every number comes from a block or a table
        name = table.area_name or vocabulary().unnamed_area.format(number=number)
        fields.update(area_name=name, page=table.page)  # a name not read from a heading: no box
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


def overview_total(table: Table | None) -> float | None:
    """The points of a table's total row, None without one."""
    if table is None or table.total is None:
        return None
    return parse_number(table.total.figures.get(0, ""))


def _block_fields(
    block: AreaBlock, metrics: Metrics, notes: list[ParseNote], total: float | None
) -> dict[str, object]:
    box = parse_box(block.lines, metrics, block.heading_score, total, block.score_extent)
    fields: dict[str, object] = {"area_name": block.name, "page": block.page}
    fields.update(box_fields(block.extent))
    if box is None:
        notes.append(
            note("no_score_box", "no 'Rubriker | Poäng' box", page=block.page, area_no=block.number)
        )
    else:
        fields["score"] = box.score
        if box.score_extent is not None:
            fields.update(box_fields(box.score_extent, "score_"), score_page=box.score_extent.page)
        fields["subareas"] = tuple(
            SubArea(position=i, heading=item.text, page=item.page, **box_fields(item.extent))
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
            **box_fields(lines_extent(summary)),
        )
    return fields


def _is_part_heading(
    lines: Sequence[Line], index: int, pattern: regex.Pattern[str], metrics: Metrics
) -> bool:
    """STYRKOR, FÖRBÄTTRINGSOMRÅDEN or the summary heading: its words, styled as a heading, in
    capitals or standing alone, so that a wrapped line reading "förbättringsområden" is not
    taken for one."""
    line = lines[index]
    if not pattern.match(line.text):
        return False
    return metrics.is_heading(line) or line.text.isupper() or stands_alone(lines, index, metrics)


@cache
def part_heading_words() -> regex.Pattern[str]:
    """The vocabulary's patterns of the strengths, improvements and summary headings joined
    into one, which matches a text where any of them does (they refer to no group by number,
    which the join would shift); compiled once."""
    vocab = vocabulary()
    patterns = (vocab.strengths, vocab.improvements, vocab.area_summary)
    return compile_pattern("|".join(f"(?:{p.pattern})" for p in patterns))


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
    texts = block.line_texts()  # each line's text made once, not per marker
    # only the lines that read as one of the headings (one pattern for the three) are looked at
    worded = [(i, text) for i, text in enumerate(texts) if part_heading_words().match(text)]
    found = {
        name: next(
            (
                i
                for i, text in worded
                if p.match(text) and _is_part_heading(block.lines, i, p, metrics)
            ),
            None,
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
    found = lines_to_list(lines, metrics)
    part: tuple[ReportPart] = ("strengths" if kind == "strength" else "improvements",)
    if found.stray:
        text = join_lines(found.stray)
        notes.append(
            note(
                "stray_text",
                f"text under the {kind} heading outside any bulleted item "
                f"was not taken as a finding: {text[:200]!r}",
                page=found.stray[0].page,
                area_no=area_no,
                parts=part,
            )
        )
    if found.split_by in UNMARKED_CUES:
        notes.append(
            note(
                "items_without_bullets",
                f"area {area_no}: the {kind} list has no bullets; its {len(found.items)} items "
                f"were split by {UNMARKED_WORDS[found.split_by]}",
                page=lines[0].page,
                area_no=area_no,
                parts=part,
            )
        )
    return tuple(
        Finding(kind=kind, position=i, text=item.text, page=item.page, **box_fields(item.extent))
        for i, item in enumerate((it for it in found.items if it.text), start=1)
    )


UNMARKED_WORDS = {
    "spacing": "the space between them",
    "indent": "their hanging or first-line indent",
    "line_ends": "lines that stop short followed by a capital",
}


def _table_fields(table: Table, notes: list[ParseNote]) -> dict[str, object]:
    notes += [note("overview_table", p, area_no=table.area_no) for p in table.problems]
    fields: dict[str, object] = {
        "overview_page": table.total.page if table.total is not None else table.page,
        "questions": tuple(_question(table.area_no, row) for row in table.rows),
    }
    if table.total is not None:
        figures = table.total.figures
        fields.update(box_fields(table.total.extent, "overview_"))
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
        **box_fields(row.extent),
    )
