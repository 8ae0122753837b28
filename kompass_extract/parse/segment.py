"""Lines -> sections: front matter, overall comments, area blocks, overview tables.

Headings are found by their style (bold or larger than the body text) and their words (the
vocabulary's patterns), never by position alone, so a sentence that happens to start with
"Område 5" is not taken for a heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kompass_extract.parse.typography import Metrics
from kompass_extract.read.layout import Line
from kompass_extract.rules.vocabulary import vocabulary


@dataclass(frozen=True, slots=True)
class Heading:
    """One heading, possibly wrapped over several lines: the indices of its lines."""

    start: int  # index of the first line
    end: int  # index after the last line
    text: str
    size: float
    page: int


@dataclass(frozen=True, slots=True)
class AreaBlock:
    """One area of section 3: its number and name as printed, and the lines under its heading."""

    number: int
    name: str
    page: int
    lines: tuple[Line, ...]  # everything after the heading up to the next area or section


@dataclass(frozen=True, slots=True)
class Sections:
    """A report's lines cut into the parts the parsers read; a part not found is empty."""

    lines: tuple[Line, ...]
    front: tuple[Line, ...]
    section_2: tuple[Line, ...]
    overall_comments: tuple[Line, ...]
    areas: tuple[AreaBlock, ...]
    overview: tuple[Line, ...]


def is_marker(line: Line) -> bool:
    """A line that is a structural marker of its own: it neither continues a heading nor is
    continued (an area heading may wrap, so it is not one)."""
    vocab = vocabulary()
    text = line.text
    return any(
        p.match(text)
        for p in (vocab.box_header, vocab.strengths, vocab.improvements, vocab.area_summary)
    )


def find_headings(lines: Sequence[Line], metrics: Metrics) -> list[Heading]:
    """Runs of heading-styled lines of one size, joined into one heading each, in order.

    Lines join when they are on one page, of one size (within ``size_tolerance``) and closer
    than ``heading_join_gap`` line pitches, and neither is a structural marker (tolerances:
    ``metrics.settings``).
    """
    headings: list[Heading] = []
    i = 0
    while i < len(lines):
        if not metrics.is_heading(lines[i]):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and _continues_heading(lines[end - 1], lines[end], metrics):
            end += 1
        text = " ".join(ln.text for ln in lines[i:end])
        headings.append(Heading(i, end, text, lines[i].size, lines[i].page))
        i = end
    return headings


def _continues_heading(previous: Line, line: Line, metrics: Metrics) -> bool:
    settings = metrics.settings
    join_gap = settings.heading_join_gap * max(metrics.pitch, previous.height)
    return (
        metrics.is_heading(line)
        and line.page == previous.page
        and abs(line.size - previous.size) < settings.size_tolerance
        and line.top - previous.top <= join_gap
        and not is_marker(line)
        and not is_marker(previous)
        and not vocabulary().area_heading.match(line.text)
    )


def contents_pages(lines: Sequence[Line]) -> set[int]:
    """Pages holding a contents heading ("Innehåll"): their headings are not the report's."""
    pattern = vocabulary().section("contents")
    return {ln.page for ln in lines if pattern.match(ln.text)}


def lines_to_sections(lines: Sequence[Line], metrics: Metrics) -> Sections:
    """A report's lines (in reading order) cut at its section and area headings.

    Front matter runs up to the first of sections 1-3 (else the first area); areas are the
    "Område N" headings before section 4; the overview runs from section 4 to "Kortfakta om"
    or the end. Headings are found with ``metrics`` and its tolerances (``metrics.settings``).
    Never raises: what is not found is empty.
    """
    vocab = vocabulary()
    skip = contents_pages(lines)
    headings = [h for h in find_headings(lines, metrics) if h.page not in skip]

    def first(name: str) -> Heading | None:
        return next((h for h in headings if vocab.section(name).match(h.text)), None)

    s1, s2, s3, s4 = (first(f"section_{n}") for n in (1, 2, 3, 4))
    facts, comments = first("facts"), first("overall_comments")
    s4_start = s4.start if s4 else len(lines)
    overview_start = s4.end if s4 else len(lines)
    overview_end = facts.start if facts and facts.start > overview_start else len(lines)
    area_heads = [h for h in headings if vocab.area_heading.match(h.text) and h.start < s4_start]
    body_start = min((h.start for h in (s1, s2, s3) if h), default=None)
    if body_start is None:
        body_start = area_heads[0].start if area_heads else overview_start
    areas_start = area_heads[0].start if area_heads else (s3.start if s3 else s4_start)
    return Sections(
        lines=tuple(lines),
        front=tuple(lines[:body_start]),
        section_2=tuple(lines[s2.start : (s3.start if s3 else areas_start)]) if s2 else (),
        overall_comments=tuple(lines[comments.end : (s3.start if s3 else areas_start)])
        if comments and comments.start < areas_start
        else (),
        areas=tuple(_area_blocks(lines, area_heads, s4_start)),
        overview=tuple(lines[overview_start:overview_end]),
    )


def _area_blocks(lines: Sequence[Line], heads: Sequence[Heading], stop: int) -> list[AreaBlock]:
    vocab = vocabulary()
    blocks = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else stop
        match = vocab.area_heading.match(head.text)
        assert match is not None  # heads were selected by this pattern
        blocks.append(
            AreaBlock(
                number=int(match["no"]),
                name=" ".join(match["name"].split()),
                page=head.page,
                lines=tuple(lines[head.end : end]),
            )
        )
    return blocks
