"""A source document as a layout prints it: the content changes a layout makes.

Some dimensions of a layout change what is printed, not only where: headings in capitals,
section headings renumbered, renamed or left out, tables moved to the end of their chapter,
other bullets, figures on a line of their own. ``apply_layout`` makes those changes on the
document, so that the expected file (``expected.py``) is built from exactly what is printed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .document import (
    AreaHeading,
    Block,
    Document,
    Findings,
    OverviewTable,
    Prose,
    ScoreBox,
    Section,
    SrcLine,
    SubHeading,
    Summary,
)
from .layouts import Layout

SECTION_NUMBER = re.compile(r"^(\d+)(\.?)\s+")
# Section titles a report may use instead of the usual ones (not in the vocabulary on purpose:
# a renamed section must be found by its number and place).
RENAMED_SECTIONS = {
    1: "Om utvärderingsmodellen",
    2: "Sammanfattande bild av kommunen",
    3: "Områdena ett och ett",
    4: "Resultat per fråga",
}
MAIN_SECTIONS = (1, 2, 3, 4)


def apply_layout(document: Document, layout: Layout) -> Document:
    """The document with the content changes of ``layout`` made."""
    blocks = list(document.blocks)
    blocks = sections_as(blocks, layout.section_numbers, layout.table_placement)
    if layout.table_placement == "chapter":
        blocks = tables_in_chapters(blocks)
    blocks = [restyle(block, layout) for block in blocks]
    blocks = [
        replace(b, new_page=layout.area_new_page and b.area_no > 1)
        if isinstance(b, AreaHeading)
        else b
        for b in blocks
    ]
    return Document(tuple(blocks))


def restyle(block: Block, layout: Layout) -> Block:
    """One block's headings, bullets and figure lines as the layout prints them."""
    upper = layout.heading_case == "upper"
    if isinstance(block, Section | AreaHeading | SubHeading) and upper:
        return replace(block, lines=cased(block.lines))
    if isinstance(block, Findings | Summary) and layout.part_case == "title":
        block = replace(block, heading=block.heading.capitalize())
    if isinstance(block, Findings) and layout.finding_bullet != "source":
        items = tuple(replace(item, bullet=layout.finding_bullet) for item in block.items)
        return replace(block, items=items)
    if isinstance(block, ScoreBox):
        items = tuple(replace(item, bullet=layout.box_bullet) for item in block.items)
        return replace(block, items=items)
    if isinstance(block, OverviewTable) and layout.figures_position != "source":
        rows = tuple(replace(row, align=layout.figures_position) for row in block.rows)
        return replace(block, rows=rows)
    return block


def cased(lines: tuple[SrcLine, ...]) -> tuple[SrcLine, ...]:
    return tuple(replace(line, text=line.text.upper()) for line in lines)


def sections_as(blocks: list[Block], numbering: str, placement: str) -> list[Block]:
    """Sections 1-4 numbered as written, without numbers, renamed, or left out (section 4
    with the paragraph that opens it). With tables in the chapters, section 4 is left out."""
    section_4_left_out = numbering == "missing" or placement == "chapter"
    out: list[Block] = []
    carry_page = False
    previous: Block | None = None
    for block in blocks:
        if is_main_section(block):
            drop = numbering == "missing" or (placement == "chapter" and block.number == 4)
        else:
            drop = isinstance(block, Prose) and opens_section_4(previous) and section_4_left_out
        previous = block
        if drop:
            carry_page = carry_page or block.new_page
            continue
        if is_main_section(block):
            block = renumbered(block, numbering)
        if carry_page:
            block = replace(block, new_page=True)
            carry_page = False
        out.append(block)
    return out


def is_main_section(block: Block) -> bool:
    return isinstance(block, Section) and block.number in MAIN_SECTIONS


def opens_section_4(block: Block | None) -> bool:
    return isinstance(block, Section) and block.number == 4


def renumbered(section: Section, numbering: str) -> Section:
    text = " ".join(line.text for line in section.lines)
    match = SECTION_NUMBER.match(text)
    if numbering == "unnumbered" and match:
        text = text[match.end() :]
    elif numbering == "renamed":
        dot = match.group(2) if match else "."
        text = f"{section.number}{dot} {RENAMED_SECTIONS[section.number]}"
    return replace(section, lines=(SrcLine(text),))


def tables_in_chapters(blocks: list[Block]) -> list[Block]:
    """Each overview table moved to the end of its area's chapter (before the next area or
    section heading)."""
    tables = {table_area(b): b for b in blocks if isinstance(b, OverviewTable)}
    out: list[Block] = []
    area: int | None = None
    for block in blocks:
        if isinstance(block, OverviewTable):
            continue
        if isinstance(block, AreaHeading | Section) and area in tables:
            out.append(tables.pop(area))
        if isinstance(block, AreaHeading):
            area = block.area_no
        elif isinstance(block, Section):
            area = None
        out.append(block)
    if area in tables:
        out.append(tables.pop(area))
    return out + list(tables.values())


def table_area(table: OverviewTable) -> int:
    return int(" ".join(line.text for line in table.header.lines).split(".")[0])
