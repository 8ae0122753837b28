"""Style "word": fixed source lines typeset like SKR's Word-exported reports (reportlab).

Every source line becomes one PDF line, drawn as is (trailing spaces included), and pages break
only where the source says. Layout runs in two steps: blocks -> flow items, flow items -> pages.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .document import (
    AreaHeading,
    Block,
    Chart,
    Document,
    Findings,
    Item,
    OverviewTable,
    Paragraph,
    Prose,
    Row,
    ScoreBox,
    Section,
    SrcLine,
    SubHeading,
    Summary,
)
from .expected import Pages
from .symbols import FAMILY, build_symbol_font

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 72.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BODY, BOLD, SYMBOLS = "Times-Roman", "Times-Bold", FAMILY
BODY_SIZE = 12.0
LEADING = 13.8  # Word's single line spacing for a 12 pt serif
PARAGRAPH_GAP = 6.0
BULLET_INDENT, TEXT_INDENT = 18.0, 36.0
TABLE_COLUMNS = (270.0, 61.0, 61.0, 59.0)
CELL_PAD = 2.0
BOX_COLUMNS = (330.0, 121.0)
CHART_HEIGHT = 160.0

Draw = Callable[[Canvas, float], None]  # draws an item whose top edge is at the given y


class LayoutError(ValueError):
    """The source does not fit the page layout; the message says where and what to change."""


@dataclass
class FlowItem:
    height: float
    draw: Draw
    space_before: float = 0.0
    key: tuple[int, int] | None = None
    new_page: bool = False


@dataclass
class PageLayout:
    items: list[FlowItem] = field(default_factory=list)

    def height(self) -> float:
        return sum(item.height + item.space_before for item in self.items)

    def gap_scale(self, available: float) -> float:
        """How much the gaps between items shrink so that a full page still fits."""
        gaps = sum(item.space_before for item in self.items[1:])
        room = available - sum(item.height for item in self.items)
        return 1.0 if gaps <= room else max(room, 0.0) / gaps


def text_draw(runs: list[tuple[float, str, float, str]], leading: float) -> Draw:
    """runs: (x offset, font, size, text); the baseline sits at 80 % of the leading."""

    def draw(canvas: Canvas, top: float) -> None:
        for x, font, size, text in runs:
            canvas.setFont(font, size)
            canvas.drawString(MARGIN + x, top - leading * 0.8, text)

    return draw


def text_item(
    text: str,
    *,
    font: str = BODY,
    size: float = BODY_SIZE,
    x: float = 0.0,
    space_before: float = 0.0,
    key: tuple[int, int] | None = None,
    new_page: bool = False,
) -> FlowItem:
    leading = size * LEADING / BODY_SIZE
    return FlowItem(
        leading, text_draw([(x, font, size, text)], leading), space_before, key, new_page
    )


def heading_items(
    lines: tuple[SrcLine, ...], size: float, space_before: float, key: tuple[int, int]
) -> list[FlowItem]:
    return [
        text_item(
            line.text,
            font=BOLD,
            size=size,
            space_before=space_before if i == 0 else 0,
            key=key if i == 0 else None,
            new_page=line.new_page,
        )
        for i, line in enumerate(lines)
    ]


def bullet_items(item: Item, space_before: float, key: tuple[int, int] | None) -> list[FlowItem]:
    """A bullet with a hanging indent: the bullet glyph, then the text at the indent."""
    result = []
    for i, line in enumerate(item.lines):
        runs = [(TEXT_INDENT, BODY, BODY_SIZE, line.text)]
        if i == 0:
            runs.insert(0, (BULLET_INDENT, SYMBOLS, BODY_SIZE, item.bullet))
        result.append(
            FlowItem(
                LEADING,
                text_draw(runs, LEADING),
                space_before if i == 0 else 0,
                key if i == 0 else None,
                line.new_page,
            )
        )
    return result


def paragraph_items(
    paragraph: Paragraph, space_before: float, key: tuple[int, int] | None
) -> list[FlowItem]:
    return [
        text_item(
            line.text,
            space_before=space_before if i == 0 else 0,
            key=key if i == 0 else None,
            new_page=line.new_page,
        )
        for i, line in enumerate(paragraph.lines)
    ]


def part_items(part: Paragraph | Item, index: int, key: tuple[int, int]) -> list[FlowItem]:
    gap = PARAGRAPH_GAP if index > 0 else 0.0
    if isinstance(part, Item):
        return bullet_items(part, gap / 2, key)
    return paragraph_items(part, gap, key)


# ---- score box, overview table rows, chart: drawn shapes with text ---------------------------


def box_draw(box: ScoreBox, height: float) -> Draw:
    left_width, right_width = BOX_COLUMNS

    def draw(canvas: Canvas, top: float) -> None:
        canvas.setLineWidth(0.5)
        canvas.rect(MARGIN, top - height, left_width + right_width, height)
        canvas.line(MARGIN + left_width, top, MARGIN + left_width, top - height)
        baseline = top - CELL_PAD - LEADING * 0.8
        canvas.setFont(BOLD, BODY_SIZE)
        canvas.drawString(MARGIN + CELL_PAD, baseline, box.header[0] + " ")
        canvas.drawString(MARGIN + left_width + CELL_PAD, baseline, box.header[1] + " ")
        for item in box.items:
            baseline -= LEADING
            canvas.setFont(SYMBOLS, BODY_SIZE)
            canvas.drawString(MARGIN + BULLET_INDENT, baseline, item.bullet)
            canvas.setFont(BODY, BODY_SIZE)
            canvas.drawString(MARGIN + TEXT_INDENT, baseline, item.lines[0].text)
        centre = top - height / 2 - BODY_SIZE * 0.3
        canvas.drawCentredString(MARGIN + left_width + right_width / 2, centre, box.score + " ")

    return draw


def box_item(box: ScoreBox, key: tuple[int, int]) -> FlowItem:
    height = (len(box.items) + 1) * LEADING + 2 * CELL_PAD
    return FlowItem(height, box_draw(box, height), PARAGRAPH_GAP * 2, key)


def row_slots(row: Row) -> int:
    """Text line slots of a cell; a cell with centred numbers holds an even count (as Word's
    trailing empty paragraph does), so the numbers sit between two text lines."""
    lines = max(len(row.lines), 1)
    return lines + 1 if row.align == "middle" and lines % 2 else lines


def row_draw(row: Row, height: float, font: str) -> Draw:
    def draw(canvas: Canvas, top: float) -> None:
        canvas.setLineWidth(0.5)
        x = MARGIN
        canvas.rect(MARGIN, top - height, sum(TABLE_COLUMNS), height)
        for width in TABLE_COLUMNS[:-1]:
            x += width
            canvas.line(x, top, x, top - height)
        canvas.setFont(font, BODY_SIZE)
        first_baseline = top - CELL_PAD - LEADING * 0.8
        for i, line in enumerate(row.lines):
            canvas.drawString(MARGIN + CELL_PAD, first_baseline - i * LEADING, line.text)
        if row.align == "middle":
            values_baseline = top - height / 2 - BODY_SIZE * 0.3
        else:
            values_baseline = first_baseline - (max(len(row.lines), 1) - 1) * LEADING
        x = MARGIN + TABLE_COLUMNS[0]
        for value, width in zip(row.values, TABLE_COLUMNS[1:], strict=False):
            canvas.drawCentredString(x + width / 2, values_baseline, value)
            x += width

    return draw


def row_item(
    row: Row, font: str, key: tuple[int, int] | None, new_page: bool, space_before: float = 0.0
) -> FlowItem:
    height = row_slots(row) * LEADING + 2 * CELL_PAD
    return FlowItem(height, row_draw(row, height, font), space_before, key, new_page)


def table_items(table: OverviewTable, index: int) -> list[FlowItem]:
    first_page = table.new_page or bool(table.header.lines and table.header.lines[0].new_page)
    items = [row_item(table.header, BOLD, (index, -1), first_page, PARAGRAPH_GAP * 2)]
    for number, row in enumerate(table.rows):
        items.append(row_item(row, BODY, (index, number), bool(row.lines[0].new_page)))
    items.append(row_item(table.total, BODY, (index, len(table.rows)), False))
    return items


def chart_draw(values: tuple[int, ...]) -> Draw:
    def draw(canvas: Canvas, top: float) -> None:
        bottom = top - CHART_HEIGHT + 10
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN + 30, bottom, MARGIN + TEXT_WIDTH - 30, bottom)
        slot = (TEXT_WIDTH - 60) / max(len(values), 1)
        for i, value in enumerate(values):
            canvas.setFillColorRGB(0.25, 0.45, 0.7)
            bar_height = (CHART_HEIGHT - 30) * value / 100
            canvas.rect(
                MARGIN + 30 + i * slot + slot * 0.2,
                bottom,
                slot * 0.6,
                bar_height,
                stroke=0,
                fill=1,
            )
        canvas.setFillColorRGB(0, 0, 0)

    return draw


# ---- blocks -> flow ---------------------------------------------------------------------------


def block_items(block: Block, index: int) -> list[FlowItem]:
    start = (index, -1)
    if isinstance(block, Section):
        items = heading_items(block.lines, 16.0, 12.0, start)
    elif isinstance(block, AreaHeading):
        items = heading_items(block.lines, 14.0, 6.0, start)
    elif isinstance(block, SubHeading):
        items = heading_items(block.lines, BODY_SIZE, 10.0, start)
    elif isinstance(block, ScoreBox):
        items = [box_item(block, start)]
    elif isinstance(block, Prose):
        items = [
            flow for n, part in enumerate(block.parts) for flow in part_items(part, n, (index, n))
        ]
        if items:
            items[0].key = items[0].key if items[0].key else start
    elif isinstance(block, Findings):
        items = [text_item(block.heading, font=BOLD, space_before=12.0, key=start)]
        for n, item in enumerate(block.items):
            items += bullet_items(item, 4.0 if n else 2.0, (index, n))
    elif isinstance(block, Summary):
        items = [text_item(block.heading, font=BOLD, space_before=12.0, key=start)]
        for n, paragraph in enumerate(block.paragraphs):
            items += paragraph_items(paragraph, PARAGRAPH_GAP, (index, n))
    elif isinstance(block, Chart):
        items = [FlowItem(CHART_HEIGHT, chart_draw(block.values), PARAGRAPH_GAP, start)]
    elif isinstance(block, OverviewTable):
        items = table_items(block, index)
    else:
        raise LayoutError(f"style 'word' cannot typeset a {type(block).__name__} block")
    if items and block.new_page:
        items[0].new_page = True
    return items


def paginate(items: list[FlowItem], source: str) -> list[PageLayout]:
    available = PAGE_HEIGHT - 2 * MARGIN
    pages = [PageLayout()]
    for item in items:
        if item.new_page and pages[-1].items:
            pages.append(PageLayout())
        pages[-1].items.append(item)
    for number, page in enumerate(pages, start=1):
        lines_height = sum(item.height for item in page.items)
        if lines_height > available:
            raise LayoutError(
                f"{source}: page {number} of the body holds {lines_height:.0f} pt "
                f"of lines, more than the {available:.0f} pt that fit; "
                f"add a @@newpage earlier"
            )
    return pages


def draw_page(canvas: Canvas, page: PageLayout, page_no: int, pages: Pages) -> None:
    scale = page.gap_scale(PAGE_HEIGHT - 2 * MARGIN)
    top = PAGE_HEIGHT - MARGIN
    for n, item in enumerate(page.items):
        top -= item.space_before * scale if n else 0.0
        item.draw(canvas, top)
        if item.key is not None:
            pages.setdefault(item.key, page_no)
        top -= item.height
    if page_no >= 2:
        canvas.setFont(BODY, 10)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 40, str(page_no))
    canvas.showPage()


# ---- front matter -----------------------------------------------------------------------------


def title_page(canvas: Canvas, lines: list[str]) -> None:
    y = PAGE_HEIGHT * 0.62
    for line in lines:
        canvas.setFont(BOLD, 28)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= 44
    canvas.showPage()


def contents_page(canvas: Canvas, heading: str, entries: list[tuple[str, int]]) -> None:
    y = PAGE_HEIGHT - MARGIN - 16
    canvas.setFont(BOLD, 16)
    canvas.drawString(MARGIN, y, heading)
    y -= 30
    canvas.setFont(BODY, BODY_SIZE)
    for text, page in entries:
        canvas.drawString(MARGIN, y, text)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, str(page))
        y -= LEADING * 1.5
    canvas.setFont(BODY, 10)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 40, "2")
    canvas.showPage()


def contents_entries(document: Document, pages: Pages) -> list[tuple[str, int]]:
    entries = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Section):
            title = " ".join(" ".join(line.text.split()) for line in block.lines)
            entries.append((title, pages[(index, -1)]))
    return entries


def register_fonts(workdir: Path) -> None:
    symbol_path = build_symbol_font(workdir / "symbols.ttf")
    pdfmetrics.registerFont(TTFont(SYMBOLS, str(symbol_path)))


def render_word(document: Document, meta: dict, out_path: Path) -> tuple[Pages, int]:
    """Typesets the document; returns where each item went and the page count."""
    items = [
        flow for index, block in enumerate(document.blocks) for flow in block_items(block, index)
    ]
    body_pages = paginate(items, str(meta.get("source", "source")))
    front_pages = 2
    with tempfile.TemporaryDirectory() as workdir:
        register_fonts(Path(workdir))
        canvas = Canvas(str(out_path), pagesize=A4, invariant=1, pageCompression=1)
        canvas.setTitle(meta.get("pdf_title", ""))
        canvas.setAuthor(meta.get("pdf_author", ""))
        pages: Pages = {}
        title_page(canvas, meta["title"]["lines"])
        probe = Canvas(str(Path(workdir) / "probe.pdf"), pagesize=A4, invariant=1)
        for number, page in enumerate(body_pages, start=front_pages + 1):
            draw_page(probe, page, number, pages)  # learns the section pages for the contents
        contents_page(canvas, meta["contents"]["heading"], contents_entries(document, pages))
        pages = {}
        for number, page in enumerate(body_pages, start=front_pages + 1):
            draw_page(canvas, page, number, pages)
        canvas.save()
    return pages, front_pages + len(body_pages)
