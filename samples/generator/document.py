"""The semantic content of a sample report, shared by every source form and every style.

Text is kept as source lines. A style with fixed lines draws each line as it is; a style that
wraps text joins them first. ``new_page`` asks for a page break before the line or block.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SrcLine:
    text: str
    new_page: bool = False


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[SrcLine, ...]


@dataclass(frozen=True)
class Item:
    """A bulleted item: of a findings list, a prose list or a score box."""

    bullet: str
    lines: tuple[SrcLine, ...]


Part = Paragraph | Item


@dataclass(frozen=True)
class Block:
    new_page: bool = field(default=False, kw_only=True)


@dataclass(frozen=True)
class Section(Block):
    number: int
    lines: tuple[SrcLine, ...]


@dataclass(frozen=True)
class AreaHeading(Block):
    area_no: int
    lines: tuple[SrcLine, ...]


@dataclass(frozen=True)
class ScoreBox(Block):
    header: tuple[str, str]
    items: tuple[Item, ...]
    score: str


@dataclass(frozen=True)
class SubHeading(Block):
    lines: tuple[SrcLine, ...]
    role: str = ""  # "overall-comments" marks the heading of the overall comments


@dataclass(frozen=True)
class Prose(Block):
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Findings(Block):
    kind: str  # "strength" or "improvement"
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Summary(Block):
    heading: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Chart(Block):
    """A bar chart drawn with shapes only: in real reports it is an image without text."""

    values: tuple[int, ...]


@dataclass(frozen=True)
class Row:
    lines: tuple[SrcLine, ...]
    values: tuple[str, ...]
    align: str = "bottom"  # "bottom": values on the last text line; "middle": centred in the
    # cell; "below": on a line of their own under the text
    unrounded: float | None = None  # the assessed points before rounding, where the source has them


@dataclass(frozen=True)
class OverviewTable(Block):
    header: Row
    rows: tuple[Row, ...]
    total: Row


@dataclass(frozen=True)
class FactsTable(Block):
    """A small two-column table of facts (label, value): figures that are not scores."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]


def line_texts(lines: tuple[SrcLine, ...]) -> list[str]:
    return [line.text for line in lines]
