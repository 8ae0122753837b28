"""Style "alt": a second house style (fpdf2), text wrapped by the renderer, pages found by it.

Differs from "word" on purpose: US Letter, other margins, core Helvetica headings and Times body,
a running header and a "Sida N (M)" footer, an unbordered score box, overview tables with
horizontal rules only, a shaded header row repeated after a page break, and numbers that may
sit on a line of their own below a wrapped question.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

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
    SubHeading,
    Summary,
)
from .expected import Pages
from .symbols import FAMILY, ROUND_BULLET, build_symbol_font
from .textjoin import join_src

FIXED_DATE = datetime(2021, 3, 19, 12, 0, tzinfo=UTC)
LINE = 5.6  # mm, body line height
BODY_SIZE = 11
BULLET_X, TEXT_X = 6.0, 12.0  # mm from the left margin
TABLE_COLUMNS = (112.0, 22.0, 22.0, 22.0)  # mm
HEADER_FILL = 220  # grey level of the table header row


class AltPdf(FPDF):
    def __init__(self, meta: dict[str, Any]) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.meta = meta
        self.core_fonts_encoding = "windows-1252"
        self.set_margins(left=28, top=26, right=22)
        self.set_auto_page_break(auto=True, margin=24)
        self.set_creation_date(FIXED_DATE)
        self.alias_nb_pages()

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("helvetica", size=8)
        self.set_y(12)
        self.cell(0, 4, self.meta["running"]["header"], align="R")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-16)
        self.set_font("helvetica", size=8)
        self.cell(0, 4, self.meta["running"]["footer"], align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Sida {self.page_no()} ({{nb}})", align="R")


def text_width(pdf: FPDF) -> float:
    return pdf.w - pdf.l_margin - pdf.r_margin


def start_page(pdf: FPDF, needed: float) -> int:
    """Breaks the page first when ``needed`` mm do not fit; returns the page the item starts on."""
    if pdf.will_page_break(needed):
        pdf.add_page()
    return pdf.page_no()


def write_heading(pdf: FPDF, text: str, size: int, gap: float) -> int:
    pdf.ln(gap)
    page = start_page(pdf, size * 0.5 + 2 * LINE)  # keep a heading with what follows
    pdf.set_font("helvetica", style="B", size=size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    return page


def write_paragraph(pdf: FPDF, text: str, gap: float = 2.0) -> int:
    pdf.ln(gap)
    page = start_page(pdf, LINE)
    pdf.set_font("times", size=BODY_SIZE)
    pdf.multi_cell(0, LINE, text, new_x="LMARGIN", new_y="NEXT")
    return page


def write_bullet(pdf: FPDF, item: Item, gap: float = 1.0) -> int:
    pdf.ln(gap)
    page = start_page(pdf, LINE)
    pdf.set_font(FAMILY if item.bullet != ROUND_BULLET else "times", size=BODY_SIZE)
    pdf.set_x(pdf.l_margin + BULLET_X)
    pdf.cell(TEXT_X - BULLET_X, LINE, item.bullet)
    pdf.set_font("times", size=BODY_SIZE)
    pdf.multi_cell(text_width(pdf) - TEXT_X, LINE, join_src(item.lines), new_x="LMARGIN",
                   new_y="NEXT")
    return page


def write_part(pdf: FPDF, part: Paragraph | Item) -> int:
    if isinstance(part, Item):
        return write_bullet(pdf, part)
    return write_paragraph(pdf, join_src(part.lines))


def write_box(pdf: FPDF, box: ScoreBox) -> int:
    """No borders: headers in bold, bullets below, the score centred beside them."""
    pdf.ln(3)
    height = (len(box.items) + 1) * LINE
    page = start_page(pdf, height)
    top = pdf.get_y()
    pdf.set_font("helvetica", style="B", size=10)
    pdf.cell(120, LINE, box.header[0])
    pdf.cell(30, LINE, box.header[1], align="C", new_x="LMARGIN", new_y="NEXT")
    for item in box.items:
        write_bullet(pdf, item, gap=0)
    pdf.set_xy(pdf.l_margin + 120, top + LINE + (height - LINE) / 2 - LINE / 2)
    pdf.set_font("helvetica", style="B", size=12)
    pdf.cell(30, LINE, box.score, align="C")
    pdf.set_xy(pdf.l_margin, top + height + 1)
    return page


def cell_lines(pdf: FPDF, text: str) -> list[str]:
    """The wrapped lines of a table cell; fpdf2 returns them in the core-font byte encoding."""
    lines = pdf.multi_cell(TABLE_COLUMNS[0] - 2, LINE, text, dry_run=True, output="LINES")
    return [line.encode("latin-1").decode(pdf.core_fonts_encoding) for line in lines]


def row_height(pdf: FPDF, row: Row) -> float:
    lines = max(len(cell_lines(pdf, join_src(row.lines))), 1) if row.lines else 1
    return (lines + (1 if row.align == "below" else 0)) * LINE + 2


def write_row(pdf: FPDF, row: Row, bold: bool = False, fill: bool = False) -> None:
    pdf.set_font("helvetica" if bold else "times", style="B" if bold else "", size=10)
    height = row_height(pdf, row)
    top = pdf.get_y()
    if fill:
        pdf.set_fill_color(HEADER_FILL)
        pdf.rect(pdf.l_margin, top, sum(TABLE_COLUMNS), height, style="F")
    lines = cell_lines(pdf, join_src(row.lines)) if row.lines else []
    for n, line in enumerate(lines):
        pdf.set_xy(pdf.l_margin + 1, top + 1 + n * LINE)
        pdf.cell(TABLE_COLUMNS[0] - 2, LINE, line)
    value_line = {"below": len(lines), "middle": (height - 2 - LINE) / 2 / LINE}.get(
        row.align, max(len(lines) - 1, 0))
    x = pdf.l_margin + TABLE_COLUMNS[0]
    for value, width in zip(row.values, TABLE_COLUMNS[1:], strict=False):
        pdf.set_xy(x, top + 1 + value_line * LINE)
        pdf.cell(width, LINE, value, align="R" if not bold else "C")
        x += width
    pdf.set_draw_color(120)
    pdf.line(pdf.l_margin, top + height, pdf.l_margin + sum(TABLE_COLUMNS), top + height)
    pdf.set_xy(pdf.l_margin, top + height)


def write_table(pdf: FPDF, table: OverviewTable, index: int, pages: Pages) -> None:
    pdf.ln(4)
    start_page(pdf, row_height(pdf, table.header) + row_height(pdf, table.rows[0]))
    pages[(index, -1)] = pdf.page_no()
    write_row(pdf, table.header, bold=True, fill=True)
    for number, row in enumerate((*table.rows, table.total)):
        if pdf.will_page_break(row_height(pdf, row)):
            pdf.add_page()
            write_row(pdf, table.header, bold=True, fill=True)  # repeated header row
        pages[(index, number)] = pdf.page_no()
        write_row(pdf, row)


def write_chart(pdf: FPDF, values: tuple[int, ...]) -> int:
    height = 50.0
    pdf.ln(3)
    page = start_page(pdf, height)
    top = pdf.get_y()
    slot = text_width(pdf) / max(len(values), 1)
    pdf.set_fill_color(90, 120, 160)
    for n, value in enumerate(values):
        bar = (height - 5) * value / 100
        pdf.rect(pdf.l_margin + n * slot + slot * 0.25, top + height - bar, slot * 0.5, bar,
                 style="F")
    pdf.set_y(top + height + 2)
    return page


def write_block(pdf: FPDF, block: Block, index: int, pages: Pages) -> None:
    if block.new_page:
        pdf.add_page()
    start = (index, -1)
    if isinstance(block, Section):
        pages[start] = write_heading(pdf, join_src(block.lines), 16, 4)
    elif isinstance(block, AreaHeading):
        pages[start] = write_heading(pdf, join_src(block.lines), 14, 2)
    elif isinstance(block, SubHeading):
        pages[start] = write_heading(pdf, join_src(block.lines), 11, 3)
    elif isinstance(block, ScoreBox):
        pages[start] = write_box(pdf, block)
    elif isinstance(block, Prose):
        for n, part in enumerate(block.parts):
            pages[(index, n)] = write_part(pdf, part)
    elif isinstance(block, Findings | Summary):
        pages[start] = write_heading(pdf, block.heading, 11, 5)
        parts = block.items if isinstance(block, Findings) else block.paragraphs
        for n, part in enumerate(parts):
            pages[(index, n)] = write_part(pdf, part)
    elif isinstance(block, Chart):
        pages[start] = write_chart(pdf, block.values)
    elif isinstance(block, OverviewTable):
        write_table(pdf, block, index, pages)


def write_title_page(pdf: FPDF, title: dict[str, Any]) -> None:
    pdf.add_page()
    pdf.set_y(70)
    for n, line in enumerate(title["lines"]):
        pdf.set_font("helvetica", style="B", size=26 if n < 2 else 16)
        pdf.cell(0, 14, line, align="C", new_x="LMARGIN", new_y="NEXT")
    if title.get("note"):
        pdf.set_y(200)
        pdf.set_font("helvetica", style="I", size=11)
        pdf.cell(0, 8, title["note"], align="C")


def render_alt(document: Document, meta: dict[str, Any], out_path: Path) -> tuple[Pages, int]:
    pdf = AltPdf(meta)
    pdf.set_title(meta.get("pdf_title", ""))
    with tempfile.TemporaryDirectory() as workdir:
        pdf.add_font(FAMILY, fname=str(build_symbol_font(Path(workdir) / "symbols.ttf")))
        write_title_page(pdf, meta["title"])
        pdf.add_page()
        pages: Pages = {}
        for index, block in enumerate(document.blocks):
            write_block(pdf, block, index, pages)
        pdf.output(str(out_path))
    return pages, pdf.page_no()
