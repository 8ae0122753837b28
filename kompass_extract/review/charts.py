"""The profile chart, drawn by matplotlib as an SVG to put inside a page.

Bars are the report's eight area scores; the mean of its revision's reports is a line of
diamonds, and each earlier evaluation of the municipality a dashed line. Text stays text in the
SVG (searchable, and small), ids are salted so the same profile gives the same bytes, and no
date is written. matplotlib's object API is used (no pyplot), so no window or global state is
involved.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from kompass_extract.review.profiles import AREA_NUMBERS, Profile

REPORT_COLOUR = "#2f6f9f"
MEAN_COLOUR = "#222222"
EARLIER_COLOURS = ("#c0792b", "#6b8e23", "#8e44ad", "#7f7f7f")
# Any: matplotlib's stubs type the rc keys as literals
SVG_SETTINGS: Any = {"svg.fonttype": "none", "svg.hashsalt": "kompass-extract", "font.size": 9}


def profile_figure(profile: Profile) -> Figure:
    """The chart of ``profile`` as a matplotlib figure (7 x 3.4 inches)."""
    figure = Figure(figsize=(7, 3.4))
    axes = figure.add_subplot()
    report, *others = profile.series
    positions = list(AREA_NUMBERS)
    heights = [score if score is not None else 0 for score in report.scores]
    axes.bar(positions, heights, width=0.6, color=REPORT_COLOUR, label=report.label)
    for position, score in zip(positions, report.scores, strict=True):
        if score is None:
            axes.text(position, 1, "not read", rotation=90, ha="center", va="bottom", size=7)
    earlier = 0
    for series in others:
        if series.role == "mean":
            style = {"color": MEAN_COLOUR, "marker": "D", "markersize": 4, "linewidth": 1}
        else:
            colour = EARLIER_COLOURS[earlier % len(EARLIER_COLOURS)]
            style = {"color": colour, "marker": "o", "markersize": 3, "linestyle": "--"}
            earlier += 1
        values = [score if score is not None else float("nan") for score in series.scores]
        axes.plot(positions, values, label=series.label, **style)  # type: ignore[arg-type]
    axes.set_xticks(positions, [str(n) for n in positions])
    axes.set_xlabel("area")
    axes.set_ylabel("score (points)")
    axes.set_ylim(0, profile.max_score)
    axes.grid(axis="y", linewidth=0.4, alpha=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    figure.subplots_adjust(left=0.09, right=0.98, top=0.96, bottom=0.36)
    return figure


def figure_svg(figure: Figure) -> str:
    """A figure as an SVG element (no XML prolog), to put inline in an HTML page."""
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_SETTINGS):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def profile_svg(profile: Profile) -> str:
    """The profile chart as an inline SVG element."""
    with matplotlib.rc_context(SVG_SETTINGS):
        return figure_svg(profile_figure(profile))
