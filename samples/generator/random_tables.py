"""The overview tables of style "layout": per area or as one table, ruled or not, on portrait
or landscape pages, figures aligned and placed as the ``Layout`` says, broken across pages with
or without the header row repeated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .document import OverviewTable, Row
from .expected import Pages
from .textjoin import join_src

if TYPE_CHECKING:
    from .random_style import LayoutPdf

FIGURE_COLUMN = {"P": 24.0, "L": 32.0}  # mm per figure column, by page orientation
ALIGN = {"right": "R", "centre": "C", "left": "L"}
FORCED_BREAK_AREAS = (2, 5)  # tables broken after their second row with table_break="forced"
SINGLE_HEADER = "Fråga"


def columns(pdf: LayoutPdf) -> tuple[float, float, float, float]:
    figure = FIGURE_COLUMN[pdf.orientation()]
    return (pdf.width() - 3 * figure, figure, figure, figure)


def table_font(pdf: LayoutPdf, bold: bool = False) -> None:
    family = pdf.heading_family() if bold else pdf.body
    pdf.set_font(family, style="B" if bold else "", size=pdf.layout.body_size - 1)


def cell_lines(pdf: LayoutPdf, text: str) -> list[str]:
    from .random_style import broken_lines, wrapped

    return broken_lines(text, wrapped(pdf, text, columns(pdf)[0] - 2)) if text else []


def row_height(pdf: LayoutPdf, row: Row, bold: bool = False) -> float:
    table_font(pdf, bold)
    lines = max(len(cell_lines(pdf, join_src(row.lines))), 1)
    return (lines + (1 if row.align == "below" and row.values else 0)) * pdf.line_mm + 2


def write_row(pdf: LayoutPdf, row: Row, bold: bool = False) -> None:
    cols = columns(pdf)
    height = row_height(pdf, row, bold)
    top = pdf.get_y()
    rules = pdf.layout.table_rules
    if bold and rules == "grid":
        pdf.set_fill_color(225)
        pdf.rect(pdf.l_margin, top, sum(cols), height, style="F")
    table_font(pdf, bold)
    lines = cell_lines(pdf, join_src(row.lines))
    for n, line in enumerate(lines):
        pdf.set_xy(pdf.l_margin + 1, top + 1 + n * pdf.line_mm)
        pdf.cell(cols[0] - 2, pdf.line_mm, line)
    value_line = {"below": len(lines), "middle": (height - 2 - pdf.line_mm) / 2 / pdf.line_mm}.get(
        row.align, max(len(lines) - 1, 0)
    )
    x = pdf.l_margin + cols[0]
    align = "C" if bold else ALIGN[pdf.layout.number_align]
    for value, width in zip(row.values, cols[1:], strict=False):
        pdf.set_xy(x + 1, top + 1 + value_line * pdf.line_mm)
        pdf.cell(width - 2, pdf.line_mm, value, align=align)
        x += width
    draw_rules(pdf, top, height, cols)
    pdf.set_xy(pdf.l_margin, top + height)


def draw_rules(pdf: LayoutPdf, top: float, height: float, cols: tuple[float, ...]) -> None:
    rules = pdf.layout.table_rules
    if rules == "none":
        return
    pdf.set_draw_color(90)
    left, right = pdf.l_margin, pdf.l_margin + sum(cols)
    pdf.line(left, top + height, right, top + height)
    if rules == "grid":
        pdf.line(left, top, right, top)
        x = left
        for width in (0.0, *cols):
            x += width
            pdf.line(x, top, x, top + height)


def header_row(table: OverviewTable, single: bool) -> Row:
    if single:
        return Row((), table.header.values, "middle")
    return table.header


def start_overview_page(pdf: LayoutPdf) -> None:
    """Landscape overview pages: a new landscape page unless on one already."""
    if pdf.layout.landscape_overview and pdf.orientation() != "L":
        pdf.add_page(orientation="L")


def write_overview_block(pdf: LayoutPdf, table: OverviewTable, index: int, pages: Pages) -> None:
    """One area's table; with ``table_placement="single"`` the part of the one table that
    holds the area (a row naming it, its questions and total)."""
    single = pdf.layout.table_placement == "single"
    if table.new_page:
        pdf.add_page(orientation="L" if pdf.layout.landscape_overview else "P")
    start_overview_page(pdf)
    shared = header_row(table, True)
    if not (single and pdf.table_open):
        pdf.ln(4)
    first_row = table.rows[0] if table.rows else table.total
    if single:
        needed = row_height(pdf, table.header, True) + row_height(pdf, first_row)
        if not pdf.table_open:
            needed += row_height(pdf, shared, True)
        pdf.start(needed)
        if not pdf.table_open:
            write_row(pdf, with_text(shared, SINGLE_HEADER), bold=True)
        pages[(index, -1)] = pdf.page_no()
        write_row(pdf, Row(table.header.lines, (), "bottom"), bold=True)
        repeated = with_text(shared, SINGLE_HEADER)
    else:
        pdf.start(row_height(pdf, table.header, True) + row_height(pdf, first_row))
        pages[(index, -1)] = pdf.page_no()
        write_row(pdf, table.header, bold=True)
        repeated = table.header
    write_rows(pdf, table, index, pages, repeated)
    pdf.table_open = single


def with_text(row: Row, text: str) -> Row:
    from .document import SrcLine

    return Row((SrcLine(text),), row.values, row.align)


def write_rows(pdf: LayoutPdf, table: OverviewTable, index: int, pages: Pages, header: Row) -> None:
    forced = pdf.layout.table_break == "forced" and area_of(table) in FORCED_BREAK_AREAS
    for number, row in enumerate((*table.rows, table.total)):
        breaks = pdf.will_page_break(row_height(pdf, row))
        if breaks or (forced and number == 2 and len(table.rows) > 3):
            pdf.add_page(orientation=pdf.orientation())
            if pdf.layout.repeat_header:
                write_row(pdf, header, bold=True)
        pages[(index, number)] = pdf.page_no()
        write_row(pdf, row)


def area_of(table: OverviewTable) -> int:
    return int(join_src(table.header.lines).split(".")[0])
