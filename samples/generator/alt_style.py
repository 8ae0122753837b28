"""Style "alt": a second house style (fpdf2), text wrapped by the renderer, pages found by it.

Differs from "word" on purpose: US Letter, other margins, core Helvetica headings and Times body,
a running header and a "Sida N (M)" footer, an unbordered score box, overview tables with
horizontal rules only, a shaded header row repeated after a page break, and numbers that may
sit on a line of their own below a wrapped question.

Options in the sample's ``[layout]`` table vary it further (defaults give the look above):
``page_format`` ("Letter", "A4"); ``header_page_numbers`` (the running header left and
"N (M)" right on one line); ``footer`` ("sida": running footer and "Sida N (M)", "number": a bare
page number centred, "none"); ``box`` ("plain": unbordered, score beside the bullets;
"bordered": framed, the score on a line of its own below the bullets);
``repeat_table_header``; ``table_columns`` (mm). A ``[contents]`` table adds a contents page,
an ``[evaluators_page]`` table a page listing the evaluators after it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from .document import (
    AreaHeading,
    Block,
    Chart,
    Document,
    FactsTable,
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
CORE_ENCODING = "windows-1252"


@dataclass(frozen=True)
class Layout:
    page_format: str = "Letter"
    header_page_numbers: bool = False
    footer: str = "sida"
    box: str = "plain"
    repeat_table_header: bool = True
    table_columns: tuple[float, ...] = TABLE_COLUMNS


def layout_of(meta: dict[str, Any]) -> Layout:
    options = dict(meta.get("layout", {}))
    known = {field.name for field in fields(Layout)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ValueError(
            f"sample {meta['sample']}: unknown [layout] options {unknown}; known: {sorted(known)}"
        )
    if "table_columns" in options:
        options["table_columns"] = tuple(float(width) for width in options["table_columns"])
    return Layout(**options)


class AltPdf(FPDF):
    def __init__(self, meta: dict[str, Any]) -> None:
        self.layout = layout_of(meta)
        super().__init__(orientation="P", unit="mm", format=self.layout.page_format)
        self.meta = meta
        self.core_fonts_encoding = CORE_ENCODING
        self.set_margins(left=28, top=26, right=22)
        self.set_auto_page_break(auto=True, margin=24)
        self.set_creation_date(FIXED_DATE)
        self.alias_nb_pages()

    def header(self) -> None:
        text = self.meta.get("running", {}).get("header")
        if self.page_no() == 1 or not text:
            return
        self.set_font("helvetica", size=8)
        self.set_y(12)
        if self.layout.header_page_numbers:
            self.cell(0, 4, text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"{self.page_no()} ({{nb}})", align="R")
        else:
            self.cell(0, 4, text, align="R")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1 or self.layout.footer == "none":
            return
        if self.layout.footer == "number":
            self.set_y(-16)
            self.set_font("times", size=10)
            self.cell(0, 4, str(self.page_no()), align="C")
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


def bullet_font(bullet: str) -> str:
    """The body font where its encoding has the glyph (•, -, –), else the symbol font."""
    if bullet == ROUND_BULLET:
        return "times"
    try:
        bullet.encode(CORE_ENCODING)
    except UnicodeEncodeError:
        return FAMILY
    return "times"


def write_bullet(pdf: FPDF, item: Item, gap: float = 1.0) -> int:
    pdf.ln(gap)
    page = start_page(pdf, LINE)
    pdf.set_font(bullet_font(item.bullet), size=BODY_SIZE)
    pdf.set_x(pdf.l_margin + BULLET_X)
    pdf.cell(TEXT_X - BULLET_X, LINE, item.bullet)
    pdf.set_font("times", size=BODY_SIZE)
    pdf.multi_cell(
        text_width(pdf) - TEXT_X, LINE, join_src(item.lines), new_x="LMARGIN", new_y="NEXT"
    )
    return page


def write_part(pdf: FPDF, part: Paragraph | Item) -> int:
    if isinstance(part, Item):
        return write_bullet(pdf, part)
    return write_paragraph(pdf, join_src(part.lines))


def write_bordered_box(pdf: FPDF, box: ScoreBox) -> int:
    """A framed box: header row, bullets, then the score on a line of its own, right column."""
    pdf.ln(3)
    height = (len(box.items) + 2) * LINE + 2
    page = start_page(pdf, height)
    top = pdf.get_y()
    left, right = 120.0, 30.0
    pdf.set_draw_color(0)
    pdf.rect(pdf.l_margin, top, left + right, height)
    pdf.line(pdf.l_margin + left, top, pdf.l_margin + left, top + height)
    pdf.line(pdf.l_margin, top + LINE, pdf.l_margin + left + right, top + LINE)
    pdf.set_font("helvetica", style="B", size=10)
    pdf.set_x(pdf.l_margin + 1)
    pdf.cell(left - 1, LINE, box.header[0])
    pdf.cell(right, LINE, box.header[1], align="C", new_x="LMARGIN", new_y="NEXT")
    for item in box.items:
        write_bullet(pdf, item, gap=0)
    pdf.set_xy(pdf.l_margin + left, top + height - LINE - 1)
    pdf.set_font("helvetica", style="B", size=12)
    pdf.cell(right, LINE, box.score, align="C")
    pdf.set_xy(pdf.l_margin, top + height + 1)
    return page


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
    first_column = pdf.layout.table_columns[0]
    lines = pdf.multi_cell(first_column - 2, LINE, text, dry_run=True, output="LINES")
    return [line.encode("latin-1").decode(pdf.core_fonts_encoding) for line in lines]


def row_height(pdf: FPDF, row: Row) -> float:
    lines = max(len(cell_lines(pdf, join_src(row.lines))), 1) if row.lines else 1
    return (lines + (1 if row.align == "below" else 0)) * LINE + 2


def write_row(pdf: FPDF, row: Row, bold: bool = False, fill: bool = False) -> None:
    columns = pdf.layout.table_columns
    pdf.set_font("helvetica" if bold else "times", style="B" if bold else "", size=10)
    height = row_height(pdf, row)
    top = pdf.get_y()
    if fill:
        pdf.set_fill_color(HEADER_FILL)
        pdf.rect(pdf.l_margin, top, sum(columns), height, style="F")
    lines = cell_lines(pdf, join_src(row.lines)) if row.lines else []
    for n, line in enumerate(lines):
        pdf.set_xy(pdf.l_margin + 1, top + 1 + n * LINE)
        pdf.cell(columns[0] - 2, LINE, line)
    value_line = {"below": len(lines), "middle": (height - 2 - LINE) / 2 / LINE}.get(
        row.align, max(len(lines) - 1, 0)
    )
    x = pdf.l_margin + columns[0]
    for value, width in zip(row.values, columns[1:], strict=False):
        pdf.set_xy(x, top + 1 + value_line * LINE)
        pdf.cell(width, LINE, value, align="R" if not bold else "C")
        x += width
    pdf.set_draw_color(120)
    pdf.line(pdf.l_margin, top + height, pdf.l_margin + sum(columns), top + height)
    pdf.set_xy(pdf.l_margin, top + height)


def write_table(pdf: FPDF, table: OverviewTable, index: int, pages: Pages) -> None:
    pdf.ln(4)
    start_page(pdf, row_height(pdf, table.header) + row_height(pdf, table.rows[0]))
    pages[(index, -1)] = pdf.page_no()
    write_row(pdf, table.header, bold=True, fill=True)
    for number, row in enumerate((*table.rows, table.total)):
        if pdf.will_page_break(row_height(pdf, row)):
            pdf.add_page()
            if pdf.layout.repeat_table_header:
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
        pdf.rect(
            pdf.l_margin + n * slot + slot * 0.25, top + height - bar, slot * 0.5, bar, style="F"
        )
    pdf.set_y(top + height + 2)
    return page


def write_facts(pdf: FPDF, facts: FactsTable) -> int:
    """Label and figure per line, ruled below: population, tax rate and the like, not scores."""
    pdf.ln(3)
    page = start_page(pdf, 2 * LINE)
    pdf.set_font("times", size=BODY_SIZE)
    for label, value in facts.rows:
        start_page(pdf, LINE)
        top = pdf.get_y()
        pdf.cell(90, LINE, label)
        pdf.cell(40, LINE, value, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(160)
        pdf.line(pdf.l_margin, top + LINE, pdf.l_margin + 130, top + LINE)
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
        boxed = pdf.layout.box == "bordered"
        pages[start] = write_bordered_box(pdf, block) if boxed else write_box(pdf, block)
    elif isinstance(block, FactsTable):
        pages[start] = write_facts(pdf, block)
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
    sizes = title.get("sizes", [])  # points per line; default: 26 for two lines, then 16
    for n, line in enumerate(title["lines"]):
        size = sizes[n] if n < len(sizes) else (26 if n < 2 else 16)
        pdf.set_font("helvetica", style="B", size=size)
        pdf.cell(0, 14, line, align="C", new_x="LMARGIN", new_y="NEXT")
    if title.get("note"):
        pdf.set_y(200)
        pdf.set_font("helvetica", style="I", size=11)
        pdf.cell(0, 8, title["note"], align="C")


def write_contents_page(pdf: FPDF, heading: str, entries: list[tuple[str, int]]) -> None:
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=16)
    pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("times", size=BODY_SIZE)
    for text, page in entries:
        pdf.cell(text_width(pdf) - 15, LINE * 1.5, text)
        pdf.cell(15, LINE * 1.5, str(page), align="R", new_x="LMARGIN", new_y="NEXT")


def write_evaluators_page(pdf: FPDF, page: dict[str, Any]) -> None:
    """A page of its own after the contents: the heading, then one evaluator per line."""
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=14)
    pdf.cell(0, 10, page["heading"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("times", size=BODY_SIZE)
    for line in page["lines"]:
        pdf.cell(0, LINE * 1.4, line, new_x="LMARGIN", new_y="NEXT")


def contents_entries(document: Document, pages: Pages) -> list[tuple[str, int]]:
    return [
        (join_src(block.lines), pages[(index, -1)])
        for index, block in enumerate(document.blocks)
        if isinstance(block, Section)
    ]


def typeset(
    document: Document, meta: dict[str, Any], workdir: Path, contents: list[tuple[str, int]]
) -> tuple[AltPdf, Pages]:
    pdf = AltPdf(meta)
    pdf.set_title(meta.get("pdf_title", ""))
    pdf.add_font(FAMILY, fname=str(build_symbol_font(workdir / "symbols.ttf")))
    write_title_page(pdf, meta["title"])
    if "contents" in meta:
        write_contents_page(pdf, meta["contents"]["heading"], contents)
    if "evaluators_page" in meta:
        write_evaluators_page(pdf, meta["evaluators_page"])
    pdf.add_page()
    pages: Pages = {}
    for index, block in enumerate(document.blocks):
        write_block(pdf, block, index, pages)
    return pdf, pages


def render_alt(document: Document, meta: dict[str, Any], out_path: Path) -> tuple[Pages, int]:
    with tempfile.TemporaryDirectory() as workdir:
        contents: list[tuple[str, int]] = []
        if "contents" in meta:  # a first pass learns the section pages the contents lists
            probe, probe_pages = typeset(document, meta, Path(workdir), [])
            contents = contents_entries(document, probe_pages)
        pdf, pages = typeset(document, meta, Path(workdir), contents)
        pdf.output(str(out_path))
    return pages, pdf.page_no()
