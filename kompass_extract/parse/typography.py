"""Lines -> paragraphs -> text, following the documented text conventions.

A paragraph break is a vertical gap clearly wider than the document's line pitch, or, across a
page break, a previous line that stopped short of the right margin. The tolerances are
``LayoutSettings`` fields (``paragraph_gap``, ``full_line``, the ``pitch_*`` group ...); a
``Metrics`` carries the settings it was measured with, so every parser that reads the measured
typography reads the same tolerances.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from kompass_extract.read.layout import Line, join_lines
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

_WORD_TOP = attrgetter("top")


@dataclass(frozen=True, slots=True)
class Metrics:
    """Document-wide typography, measured once: body size and line pitch, and the text
    column's left and right edges, all in PDF points; and the layout tolerances to read the
    document with (``settings``: those it was measured with)."""

    body_size: float
    pitch: float
    left: float
    right: float
    settings: LayoutSettings = DEFAULT_SETTINGS

    def is_heading(self, line: Line) -> bool:
        """Bold, or at least ``heading_size_step`` points larger than the body text."""
        return line.bold or line.size >= self.body_size + self.settings.heading_size_step

    def reaches_right(self, line: Line) -> bool:
        """The line ends within ``full_line`` of the text width from the right edge (wrapped)."""
        return line.x1 >= self.right - self.settings.full_line * (self.right - self.left)


def measure(
    lines: Sequence[Line],
    settings: LayoutSettings = DEFAULT_SETTINGS,
    texts: Sequence[str] | None = None,
) -> Metrics:
    """The typography of a document's lines (any order of pages, top to bottom within one);
    ``texts``: the lines' texts (``Line.text``, one per line) when already made.

    The body size is the size whose neighbourhood (sizes within half ``size_tolerance``)
    carries the most characters, so that sizes that wander a little (an OCR layer's, taken
    from word boxes) still count as one; the edges are quantiles (``text_left_quantile``,
    ``text_right_quantile``) of the body lines' ends. No lines give ``default_body_size`` and
    edges at 0.
    """
    sizes = Counter[float]()
    texts = [ln.text for ln in lines] if texts is None else texts
    for line, text in zip(lines, texts, strict=True):
        sizes[line.size] += len(text)
    body_size = body_size_of(sizes, settings) if sizes else settings.default_body_size
    body = [ln for ln in lines if abs(ln.size - body_size) < settings.size_tolerance]
    lefts = sorted(ln.x0 for ln in body) or [0.0]
    rights = sorted(ln.x1 for ln in body) or [0.0]
    return Metrics(
        body_size,
        line_pitch(body, body_size, settings),
        lefts[int(len(lefts) * settings.text_left_quantile)],
        rights[int(len(rights) * settings.text_right_quantile)],
        settings,
    )


def body_size_of(sizes: Counter[float], settings: LayoutSettings) -> float:
    """The size (points) with the most characters within half ``size_tolerance`` of it; among
    equals, the one that carries most characters itself."""
    reach = settings.size_tolerance / 2 + 1e-9

    def near(size: float) -> int:
        return sum(n for other, n in sizes.items() if abs(other - size) <= reach)

    return max(sizes, key=lambda size: (near(size), sizes[size]))


def line_pitch(
    body: Sequence[Line], body_size: float, settings: LayoutSettings = DEFAULT_SETTINGS
) -> float:
    """The distance in points between consecutive lines of one paragraph.

    Paragraph and list spacing make larger pitches common too (in a report of short bullet
    items more common than the line pitch itself), so take the smallest pitch that recurs
    (at least ``pitch_min_count`` times and ``pitch_min_share`` of all), and the median of the
    pitches within ``pitch_near`` of it. Only distances between ``pitch_min`` and
    ``pitch_max`` em count; with none, the pitch is ``default_pitch`` em.
    """
    tops = [min(map(_WORD_TOP, line.words)) for line in body]  # each ``line.top``
    low, high = settings.pitch_min * body_size, settings.pitch_max * body_size
    steps = (
        tops[i + 1] - tops[i] for i in range(len(body) - 1) if body[i].page == body[i + 1].page
    )
    pitches = sorted(step for step in steps if low <= step < high)
    if not pitches:
        return body_size * settings.default_pitch
    bins = Counter(round(p / settings.pitch_bin) * settings.pitch_bin for p in pitches)
    floor = max(settings.pitch_min_count, int(len(pitches) * settings.pitch_min_share))
    smallest = min((b for b, n in bins.items() if n >= floor), default=pitches[len(pitches) // 2])
    near = [p for p in pitches if abs(p - smallest) <= settings.pitch_near]
    return near[len(near) // 2]


def starts_paragraph(previous: Line, line: Line, metrics: Metrics) -> bool:
    """Whether ``line`` starts a new paragraph after ``previous``.

    On a new page: when ``previous`` stopped short of the right margin. On one page: when the
    weight changes, or the gap exceeds ``paragraph_gap`` line pitches (or ``previous``'s height).
    """
    if previous.page != line.page:
        return not metrics.reaches_right(previous)
    if previous.bold != line.bold:
        return True
    top = previous.top
    gap = metrics.settings.paragraph_gap * max(metrics.pitch, previous.bottom - top)
    return line.top - top > gap


def lines_to_paragraphs(lines: Sequence[Line], metrics: Metrics) -> list[list[Line]]:
    """Consecutive lines grouped into paragraphs, in order; no lines give no paragraphs."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and not starts_paragraph(paragraphs[-1][-1], line, metrics):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def lines_to_text(lines: Sequence[Line], metrics: Metrics) -> str:
    """Paragraphs joined by a blank line, each paragraph's wrapped lines joined."""
    return "\n\n".join(join_lines(p) for p in lines_to_paragraphs(lines, metrics))
