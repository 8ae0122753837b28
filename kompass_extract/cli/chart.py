"""``check --chart``: a report's eight area scores as a bar chart in the terminal.

Drawn with rich (its ``Bar``, in block characters, so a bar ends in eighths of a cell): one row
per area of the framework (1-8) with its number, name, bar and ``score / max``; an area without
a score, or not read at all, says "not read" (a missing area takes its name and maximum from
the revision, where it is known). Text only, so it reads the same on a terminal, in a pipe and in a log.
"""

from __future__ import annotations

import io

from rich.bar import Bar
from rich.console import Console
from rich.table import Table

from kompass_extract.models import AREA_COUNT, Area, Report
from kompass_extract.rules.frameworks import Framework, UnknownFrameworkError, get_framework

BAR_WIDTH = 40
NAME_WIDTH = 38


def chart_table(report: Report) -> Table:
    """The chart as a rich table: area, name, bar, score / max; one row per area 1-8."""
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(justify="right")
    table.add_column(max_width=NAME_WIDTH, no_wrap=True, overflow="ellipsis")
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    areas = {area.area_no: area for area in report.areas}
    framework = revision(report.framework)
    for number in sorted({*range(1, AREA_COUNT + 1), *areas}):
        area = areas.get(number)
        if area is not None and area.score is not None:
            maximum = area.max_score or 100
            bar = Bar(maximum, 0, min(max(area.score, 0), maximum), width=BAR_WIDTH)
            table.add_row(str(number), area.area_name or "", bar, f"{area.score:g} / {maximum:g}")
            continue
        name, maximum_text = area_name_and_max(number, area, framework)
        table.add_row(str(number), name, "not read", f"- / {maximum_text}")
    return table


def revision(name: str) -> Framework | None:
    """The framework revision ``name``, or None when no data file defines it."""
    try:
        return get_framework(name)
    except UnknownFrameworkError:
        return None


def area_name_and_max(
    number: int, area: Area | None, framework: Framework | None
) -> tuple[str, str]:
    """The name and maximum (as text) of an area without a score: as read, else the revision's,
    else blank and "?"."""
    known = next((a for a in framework.areas if a.number == number), None) if framework else None
    name = (area.area_name if area else None) or (known.name if known else "")
    maximum = (area.max_score if area else None) or (known.max_points if known else None)
    return name, f"{maximum:g}" if maximum is not None else "?"


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
