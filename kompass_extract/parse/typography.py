"""Lines -> paragraphs -> text, following the documented text conventions.

A paragraph break is a vertical gap clearly wider than the document's line pitch, or, across a
page break, a previous line that stopped short of the right margin.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kompass_extract.read.layout import Line, join_lines

# A pitch this many times the usual line pitch starts a new paragraph (Word's "space after"
# of 6 pt or more on 11-12 pt text gives 1.3 and up).
PARAGRAPH_GAP = 1.2
# A line ending this close (share of the text width) to the right margin was wrapped.
FULL_LINE = 0.12


@dataclass(frozen=True, slots=True)
class Metrics:
    """Document-wide typography, measured once: body size, line pitch, text column."""

    body_size: float
    pitch: float
    left: float
    right: float

    def is_heading(self, line: Line) -> bool:
        return line.bold or line.size >= self.body_size + 1.0

    def reaches_right(self, line: Line) -> bool:
        return line.x1 >= self.right - FULL_LINE * (self.right - self.left)


def measure(lines: Sequence[Line]) -> Metrics:
    sizes = Counter[float]()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 11.0
    body = [ln for ln in lines if abs(ln.size - body_size) < 0.6]
    lefts = sorted(ln.x0 for ln in body) or [0.0]
    rights = sorted(ln.x1 for ln in body) or [0.0]
    return Metrics(
        body_size,
        line_pitch(body, body_size),
        lefts[len(lefts) // 10],
        rights[int(len(rights) * 0.95)],
    )


def line_pitch(body: Sequence[Line], body_size: float) -> float:
    """The distance between consecutive lines of one paragraph.

    Paragraph and list spacing make larger pitches common too (in a report of short bullet
    items more common than the line pitch itself), so take the smallest pitch that recurs
    (at least 3 times and 5 % of all), and the median of the pitches within a point of it.
    """
    pitches = sorted(
        b.top - a.top
        for a, b in zip(body, body[1:], strict=False)
        if a.page == b.page and 0.9 * body_size <= b.top - a.top < 3 * body_size
    )
    if not pitches:
        return body_size * 1.2
    bins = Counter(round(p * 2) / 2 for p in pitches)
    floor = max(3, len(pitches) // 20)
    smallest = min((b for b, n in bins.items() if n >= floor), default=pitches[len(pitches) // 2])
    near = [p for p in pitches if abs(p - smallest) <= 1.0]
    return near[len(near) // 2]


def starts_paragraph(previous: Line, line: Line, metrics: Metrics) -> bool:
    if previous.page != line.page:
        return not metrics.reaches_right(previous)
    if previous.bold != line.bold:
        return True
    return line.top - previous.top > PARAGRAPH_GAP * max(metrics.pitch, previous.height)


def lines_to_paragraphs(lines: Sequence[Line], metrics: Metrics) -> list[list[Line]]:
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
