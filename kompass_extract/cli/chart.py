"""``check --chart``: a report's eight area scores as a bar chart in the terminal.

Drawn with rich (its ``Bar``, in block characters, so a bar ends in eighths of a cell): one row
per area with its number, name, bar and ``score / max``; an area without a score says "not
read". Text only, so it reads the same on a terminal, in a pipe and in a log.
"""

from __future__ import annotations

import io

from rich.bar import Bar
from rich.console import Console
from rich.table import Table

from kompass_extract.models import Report

BAR_WIDTH = 40
NAME_WIDTH = 38


def chart_table(report: Report) -> Table:
    """The chart as a rich table: area, name, bar, score / max."""
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(justify="right")
    table.add_column(max_width=NAME_WIDTH, no_wrap=True, overflow="ellipsis")
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for area in sorted(report.areas, key=lambda a: a.area_no):
        maximum = area.max_score or 100
        if area.score is None:
            bar: Bar | str = "not read"
            figure = f"- / {maximum:g}"
        else:
            bar = Bar(maximum, 0, min(max(area.score, 0), maximum), width=BAR_WIDTH)
            figure = f"{area.score:g} / {maximum:g}"
        table.add_row(str(area.area_no), area.area_name or "", bar, figure)
    return table


def area_chart(report: Report) -> str:
    """The chart as plain text, headed by the report (``Åmål 2019: area scores``)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=BAR_WIDTH + NAME_WIDTH + 20, color_system=None)
    who = " ".join(str(p) for p in (report.municipality, report.evaluation_year) if p)
    console.print(f"{who or report.report_id}: area scores", markup=False, highlight=False)
    console.print(chart_table(report))
    return "\n".join(
        "  " + line.rstrip() if line else line for line in buffer.getvalue().splitlines()
    )
