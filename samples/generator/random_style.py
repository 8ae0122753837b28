"""Style "layout": a report typeset by fpdf2 in any point of the layout space (layouts.py).

The page set-up, fonts, headings, paragraphs, lists, score boxes and running heads follow the
``Layout``; the overview tables are drawn by ``random_tables.py``. ``render_layout`` returns
where each block and item landed (``Pages``, as ``expected.py`` reads them) and the page count.
"""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import reportlab
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
    ScoreBox,
    Section,
    SubHeading,
    Summary,
)
from .expected import Pages
from .layouts import Layout
from .marks import LAYOUT_FAMILY, build_layout_symbols, disc_png
from .textjoin import join_src

FIXED_DATE = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
PT = 25.4 / 72  # mm per point
CORE_ENCODING = "windows-1252"
BULLET_X, TEXT_X = 5.0, 11.0  # mm from the left margin
VERA = Path(reportlab.__file__).parent / "fonts"
DRAWN = ("drawn_disc", "drawn_square", "image")
UNMARKED = ("none_spaced", "none_hanging")
# points per heading level: section, area, subheading, list heading
HEADING_SIZES = {
    "bold_large": (16, 14, 0, 0),
    "bold": (0, 0, 0, 0),
    "large": (16, 14, 2, 1),
    "plain": (0, 0, 0, 0),
    "small": (-1, -1, -1, -1),
}


class LayoutPdf(FPDF):
    def __init__(self, meta: dict[str, Any], layout: Layout) -> None:
        super().__init__(orientation="P", unit="mm", format=layout.page_format)
        self.meta = meta
        self.layout = layout
        self.core_fonts_encoding = CORE_ENCODING
        self.set_margins(left=26, top=26, right=22)
        self.set_auto_page_break(auto=True, margin=24)
        self.set_creation_date(FIXED_DATE)
        self.alias_nb_pages()
        self.line_mm = layout.body_size * 1.3 * PT
        self.box_scores: dict[int, str] = {}
        self.table_open = False  # one table for all areas: its header row is drawn
        self.previous: Block | None = None

    # --- fonts ----------------------------------------------------------------------------

    @property
    def body(self) -> str:
        return self.layout.body_font

    def heading_family(self) -> str:
        return self.body if self.layout.heading_font == "body" else "helvetica"

    def use_body(self, bold: bool = False, size: float | None = None) -> None:
        self.set_font(self.body, style="B" if bold else "", size=size or self.layout.body_size)

    def use_heading(self, level: int) -> None:
        style = self.layout.heading_style
        size = self.layout.body_size + HEADING_SIZES[style][level]
        if HEADING_SIZES[style][level] > 2:
            size = HEADING_SIZES[style][level]
        self.set_font(
            self.heading_family(), style="B" if style.startswith("bold") else "", size=size
        )

    def encodable(self, text: str) -> bool:
        if self.body == "vera":
            return all(ord(c) < 0x2000 or c in "–—•" for c in text)
        try:
            text.encode(CORE_ENCODING)
        except UnicodeEncodeError:
            return False
        return True

    # --- running heads --------------------------------------------------------------------

    def header(self) -> None:
        form = self.layout.running
        if self.page_no() == 1 or form not in ("sida_footer", "number_top", "header_n_of_m"):
            return
        self.set_font("helvetica", size=8)
        self.set_y(12)
        if form == "number_top":
            self.cell(0, 4, str(self.page_no() - 1), align="R")
        elif form == "header_n_of_m":
            self.cell(0, 4, self.running_text("header"), align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"{self.page_no()} ({{nb}})", align="R")
        else:
            self.cell(0, 4, self.running_text("header"), align="R")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        form = self.layout.running
        if self.page_no() == 1 or form not in ("sida_footer", "number_bottom"):
            return
        self.set_y(-16)
        if form == "number_bottom":
            self.set_font("times", size=10)
            self.cell(0, 4, str(self.page_no() - 1), align="C")
            return
        self.set_font("helvetica", size=8)
        self.cell(0, 4, self.running_text("footer"), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Sida {self.page_no()} ({{nb}})", align="R")

    def running_text(self, which: str) -> str:
        running = self.meta.get("running", {})
        report = self.meta["report"]
        default = {
            "header": "Sveriges Kommuner och Regioner",
            "footer": f"{report['municipality']} – KommunKompassen {report['evaluation_year']}",
        }
        return running.get(which) or default[which]

    # --- flow -----------------------------------------------------------------------------

    def orientation(self) -> str:
        """ "P" or "L": the orientation of the current page."""
        return str(getattr(self.cur_orientation, "value", self.cur_orientation))

    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def start(self, needed: float) -> int:
        """Break the page first when ``needed`` mm do not fit; the page the item starts on."""
        if self.will_page_break(needed):
            self.add_page(orientation=self.orientation())
        return self.page_no()


def write_heading(pdf: LayoutPdf, text: str, level: int, gap: float, after: str = "") -> int:
    pdf.ln(gap)
    page = pdf.start(3 * pdf.line_mm + 4)  # a heading keeps with what follows
    pdf.use_heading(level)
    height = pdf.font_size * 1.35
    if after:
        while pdf.get_string_width(text) > pdf.width() - 40 and pdf.font_size_pt > 8:
            pdf.set_font_size(pdf.font_size_pt - 1)
        pdf.cell(pdf.width() - 35, height, text)
        pdf.cell(35, height, after, align="R", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    return page


def write_paragraph(pdf: LayoutPdf, text: str, gap: float = 2.0) -> int:
    """A paragraph wrapped by fpdf2; where a line ends in a dash that a space followed in the
    text, drawn line by line with that space kept, as Word keeps it (else the text layer could
    not tell "synpunkts- och" from "synpunkts-och")."""
    pdf.ln(gap)
    page = pdf.start(pdf.line_mm)
    pdf.use_body()
    lines = broken_lines(text, wrapped(pdf, text, pdf.width()))
    if not any(line.endswith("- ") for line in lines):
        align = pdf.layout.text_align
        pdf.multi_cell(0, pdf.line_mm, text, align=align, new_x="LMARGIN", new_y="NEXT")
        return page
    for n, line in enumerate(lines):
        if n:
            pdf.start(pdf.line_mm)
        pdf.cell(0, pdf.line_mm, line, new_x="LMARGIN", new_y="NEXT")
    return page


def broken_lines(text: str, lines: list[str]) -> list[str]:
    """The wrapped lines, a line that ends in "-" keeping the space that followed it."""
    out, position = [], 0
    for line in lines:
        position = text.find(line, position) + len(line)
        dash_space = line.endswith("-") and text[position : position + 1] == " "
        out.append(line + " " if dash_space else line)
    return out


def draw_bullet(pdf: LayoutPdf, bullet: str, x: float, y: float) -> None:
    """A bullet at (x, y), the top of its line: a glyph, a shape or a picture."""
    size = pdf.layout.body_size * PT
    middle = y + pdf.line_mm / 2
    if bullet == "drawn_disc":
        pdf.set_fill_color(0)
        pdf.ellipse(x, middle - size * 0.18, size * 0.36, size * 0.36, style="F")
    elif bullet == "drawn_square":
        pdf.set_fill_color(0)
        pdf.rect(x, middle - size * 0.16, size * 0.32, size * 0.32, style="F")
    elif bullet == "image":
        pdf.image(io.BytesIO(disc_png()), x=x, y=middle - size * 0.2, w=size * 0.4, h=size * 0.4)
    else:
        family = pdf.body if pdf.encodable(bullet) else LAYOUT_FAMILY
        pdf.set_font(family, size=pdf.layout.body_size)
        pdf.set_xy(x, y)
        pdf.cell(TEXT_X - BULLET_X, pdf.line_mm, bullet)


def item_lines(pdf: LayoutPdf, text: str, first: float, rest: float) -> list[str]:
    """The text wrapped at ``first`` mm on its first line and ``rest`` mm after."""
    pdf.use_body()
    lines = wrapped(pdf, text, first)
    if len(lines) <= 1 or first == rest:
        return lines
    return lines[:1] + wrapped(pdf, text[len(lines[0]) :].strip(), rest)


def wrapped(pdf: LayoutPdf, text: str, width: float) -> list[str]:
    lines = pdf.multi_cell(width, pdf.line_mm, text, dry_run=True, output="LINES")
    if pdf.body == "vera":
        return list(lines)
    return [line.encode("latin-1").decode(CORE_ENCODING) for line in lines]


def write_item(pdf: LayoutPdf, item: Item, gap: float = 1.0) -> int:
    """One list item: its bullet (unless none) and its text, wrapped under its first word,
    or with a hanging indent for an unmarked list."""
    bullet = item.bullet
    pdf.ln(gap if bullet != "none_spaced" else max(gap, 1.2))
    page = pdf.start(pdf.line_mm)
    text = join_src(item.lines)
    left = pdf.l_margin
    first_x = left + (BULLET_X if bullet == "none_hanging" else TEXT_X)
    lines = broken_lines(
        text, item_lines(pdf, text, pdf.w - pdf.r_margin - first_x, pdf.width() - TEXT_X)
    )
    if bullet not in UNMARKED:
        draw_bullet(pdf, bullet, left + BULLET_X, pdf.get_y())
    pdf.use_body()
    for n, line in enumerate(lines):
        if n:
            pdf.start(pdf.line_mm)
        x = first_x if n == 0 else left + TEXT_X
        pdf.set_xy(x, pdf.get_y())
        pdf.cell(pdf.w - pdf.r_margin - x, pdf.line_mm, line)
        pdf.ln(pdf.line_mm)
    return page


def write_part(pdf: LayoutPdf, part: Paragraph | Item) -> int:
    if isinstance(part, Item):
        return write_item(pdf, part)
    return write_paragraph(pdf, join_src(part.lines))


def write_box(pdf: LayoutPdf, box: ScoreBox) -> int:
    """The area score and the sub-area list in the layout's box form."""
    form = pdf.layout.box_form
    if form in ("grid", "plain"):
        return write_table_box(pdf, box, ruled=form == "grid")
    pdf.ln(2)
    page = pdf.start((len(box.items) + 2) * pdf.line_mm)
    for item in box.items:
        write_item(pdf, item, gap=0.5)
    if form == "list_label":
        pdf.ln(1.5)
        pdf.use_body(bold=True)
        pdf.cell(0, pdf.line_mm, f"Poäng: {box.score}", new_x="LMARGIN", new_y="NEXT")
    elif form == "list_bare":
        pdf.ln(1.5)
        pdf.use_body(bold=True)
        pdf.cell(0, pdf.line_mm, box.score, new_x="LMARGIN", new_y="NEXT")
    return page


def write_table_box(pdf: LayoutPdf, box: ScoreBox, *, ruled: bool) -> int:
    """A 'Rubriker | Poäng' box: framed with the score at the foot, or unruled with the score
    beside the list, centred."""
    pdf.ln(3)
    line = pdf.line_mm
    height = (len(box.items) + (2 if ruled else 1)) * line + 2
    page = pdf.start(height)
    top, left, right = pdf.get_y(), pdf.width() - 40, 40.0
    if ruled:
        pdf.set_draw_color(0)
        pdf.rect(pdf.l_margin, top, left + right, height)
        pdf.line(pdf.l_margin + left, top, pdf.l_margin + left, top + height)
        pdf.line(pdf.l_margin, top + line, pdf.l_margin + left + right, top + line)
    pdf.set_font(pdf.heading_family(), style="B", size=pdf.layout.body_size - 1)
    pdf.set_x(pdf.l_margin + 1)
    pdf.cell(left - 1, line, box.header[0])
    pdf.cell(right, line, box.header[1], align="C", new_x="LMARGIN", new_y="NEXT")
    for item in box.items:
        write_item(pdf, item, gap=0)
    score_y = top + height - line - 1 if ruled else top + line + (height - line) / 2 - line / 2
    pdf.set_xy(pdf.l_margin + left, score_y)
    pdf.set_font(pdf.heading_family(), style="B", size=pdf.layout.body_size + 1)
    pdf.cell(right, line, box.score, align="C")
    pdf.set_xy(pdf.l_margin, top + height + 1)
    return page


def write_chart(pdf: LayoutPdf, values: tuple[int, ...]) -> int:
    height = 45.0
    pdf.ln(3)
    page = pdf.start(height)
    top = pdf.get_y()
    slot = pdf.width() / max(len(values), 1)
    pdf.set_fill_color(90, 120, 160)
    for n, value in enumerate(values):
        bar = max((height - 5) * value / 100, 6.0)
        pdf.rect(pdf.l_margin + n * slot + slot * 0.25, top + height - bar, slot * 0.5, bar, "F")
    pdf.set_y(top + height + 2)
    return page


def write_facts(pdf: LayoutPdf, facts: FactsTable) -> int:
    pdf.ln(3)
    page = pdf.start(2 * pdf.line_mm)
    pdf.use_body()
    for label, value in facts.rows:
        pdf.start(pdf.line_mm)
        pdf.cell(90, pdf.line_mm, label)
        pdf.cell(40, pdf.line_mm, value, align="R", new_x="LMARGIN", new_y="NEXT")
    return page


def turn_page(pdf: LayoutPdf, block: Block) -> None:
    """A new page before the block where the source asks for one, and to turn the page to
    landscape for the overview (section 4) or back to portrait after it."""
    if pdf.layout.landscape_overview and isinstance(block, Section) and block.number == 4:
        pdf.add_page(orientation="L")
        return
    opens_overview = isinstance(pdf.previous, Section) and pdf.previous.number == 4
    stays = isinstance(block, Prose) and opens_overview
    if block.new_page or (pdf.orientation() == "L" and not stays):
        pdf.add_page(orientation="P")


def write_block(pdf: LayoutPdf, block: Block, index: int, pages: Pages) -> None:
    from .random_tables import write_overview_block

    if isinstance(block, OverviewTable):
        write_overview_block(pdf, block, index, pages)
        return
    pdf.table_open = False
    turn_page(pdf, block)
    start = (index, -1)
    if isinstance(block, Section):
        pages[start] = write_heading(pdf, join_src(block.lines), 0, 4)
    elif isinstance(block, AreaHeading):
        score = pdf.box_scores.get(index, "")
        after = f"{score} poäng" if score else ""
        pages[start] = write_heading(pdf, join_src(block.lines), 1, 3, after)
    elif isinstance(block, SubHeading):
        pages[start] = write_heading(pdf, join_src(block.lines), 2, 3)
    elif isinstance(block, ScoreBox):
        pages[start] = write_box(pdf, block)
    elif isinstance(block, FactsTable):
        pages[start] = write_facts(pdf, block)
    elif isinstance(block, Prose):
        for n, part in enumerate(block.parts):
            pages[(index, n)] = write_part(pdf, part)
    elif isinstance(block, Findings | Summary):
        pages[start] = write_heading(pdf, block.heading, 3, 4)
        parts = block.items if isinstance(block, Findings) else block.paragraphs
        for n, part in enumerate(parts):
            pages[(index, n)] = write_part(pdf, part)
    elif isinstance(block, Chart):
        pages[start] = write_chart(pdf, block.values)


def write_title_page(pdf: LayoutPdf, title: dict[str, Any]) -> None:
    pdf.add_page()
    pdf.set_y(70)
    sizes = title.get("sizes", [])
    for n, line in enumerate(title["lines"]):
        size = sizes[n] if n < len(sizes) else (24 if n < 2 else 16)
        pdf.set_font("helvetica", style="B", size=size)
        pdf.cell(0, 14, line, align="C", new_x="LMARGIN", new_y="NEXT")
    if title.get("note"):
        pdf.set_y(200)
        pdf.set_font("helvetica", style="I", size=11)
        pdf.cell(0, 8, title["note"], align="C")


def write_contents_page(pdf: LayoutPdf, entries: list[tuple[str, int]]) -> None:
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=16)
    pdf.cell(0, 10, "Innehåll", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.use_body()
    for text, page in entries:
        pdf.cell(pdf.width() - 15, pdf.line_mm * 1.5, text)
        pdf.cell(15, pdf.line_mm * 1.5, str(page), align="R", new_x="LMARGIN", new_y="NEXT")


def write_evaluators_page(pdf: LayoutPdf, page: dict[str, Any]) -> None:
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=14)
    pdf.cell(0, 10, page["heading"], new_x="LMARGIN", new_y="NEXT")
    pdf.use_body()
    for line in page["lines"]:
        pdf.cell(0, pdf.line_mm * 1.4, line, new_x="LMARGIN", new_y="NEXT")


def heading_scores(document: Document) -> dict[int, str]:
    """For the 'heading_line' box form: each area heading's index -> its box's score."""
    scores = {}
    for index, block in enumerate(document.blocks):
        if isinstance(block, AreaHeading):
            box = next((b for b in document.blocks[index + 1 :] if isinstance(b, ScoreBox)), None)
            if box is not None:
                scores[index] = box.score
    return scores


def typeset(
    document: Document, meta: dict[str, Any], layout: Layout, workdir: Path, contents: list
) -> tuple[LayoutPdf, Pages]:
    pdf = LayoutPdf(meta, layout)
    pdf.add_font(LAYOUT_FAMILY, fname=str(build_layout_symbols(workdir / "symbols.ttf")))
    if layout.body_font == "vera":
        pdf.add_font("vera", fname=str(VERA / "Vera.ttf"))
        pdf.add_font("vera", style="B", fname=str(VERA / "VeraBd.ttf"))
    if layout.box_form == "heading_line":
        pdf.box_scores = heading_scores(document)
    write_title_page(pdf, meta["title"])
    if layout.contents:
        write_contents_page(pdf, contents)
    if "evaluators_page" in meta:
        write_evaluators_page(pdf, meta["evaluators_page"])
    pdf.add_page()
    pages: Pages = {}
    for index, block in enumerate(document.blocks):
        write_block(pdf, block, index, pages)
        pdf.previous = block
    return pdf, pages


def contents_entries(document: Document, pages: Pages) -> list[tuple[str, int]]:
    return [
        (join_src(block.lines), pages[(index, -1)])
        for index, block in enumerate(document.blocks)
        if isinstance(block, Section)
    ]


def render_layout(
    document: Document, meta: dict[str, Any], layout: Layout, out_path: Path
) -> tuple[Pages, int]:
    with tempfile.TemporaryDirectory() as workdir:
        contents: list[tuple[str, int]] = []
        if layout.contents:
            _, probe_pages = typeset(document, meta, layout, Path(workdir), [])
            contents = contents_entries(document, probe_pages)
        pdf, pages = typeset(document, meta, layout, Path(workdir), contents)
        pdf.output(str(out_path))
    return pages, pdf.page_no()
