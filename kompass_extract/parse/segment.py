"""Lines -> sections: front matter, overall comments, area blocks.

A heading is found by its words (the vocabulary's patterns) together with either its style
(bold or larger than the body text) or its place (a line that opens a paragraph, standing alone
or short, where a text layer has no bold and odd sizes), never by position alone, so that a
sentence that happens to start with "Område 5" is not taken for a heading. A section known
only by its number ("4. Resultat per fråga") counts too. Overview tables are found apart
(``parse/overview.py``) wherever they stand; an area block ends where its table starts.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress

import regex

from kompass_extract.parse.extent import Extent, lines_extent, words_extent
from kompass_extract.parse.typography import Metrics, starts_paragraph
from kompass_extract.read.layout import Line
from kompass_extract.rules.vocabulary import compile_pattern, vocabulary

MAIN_SECTIONS = ("section_1", "section_2", "section_3", "section_4")
FIRST_NUMBER = regex.compile(r"\D*(\d+)")


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
    """One area of section 3: its number and name as printed, the score printed on its heading
    line (None when there is none), and the lines under its heading; the boxes of its heading
    and of the score on it (None: not known); ``texts``: the lines' texts (``Line.text``, one
    per line) when made with them, else ()."""

    number: int
    name: str
    page: int
    lines: tuple[Line, ...]  # after the heading, up to the next area, section or its table
    heading_score: int | None = None
    extent: Extent | None = None
    score_extent: Extent | None = None
    texts: tuple[str, ...] = ()

    def line_texts(self) -> Sequence[str]:
        """The texts of ``lines``, one per line: ``texts`` when they were made, else made now."""
        return _texts_of(self.lines, self.texts)


def _texts_of(lines: Sequence[Line], texts: Sequence[str]) -> Sequence[str]:
    """``texts`` when they are the lines' (one per line), else the lines' texts made now."""
    return texts if len(texts) == len(lines) else [line.text for line in lines]


@dataclass(frozen=True, slots=True)
class Sections:
    """A report's lines cut into the parts the parsers read; a part not found is empty.
    ``texts``: the texts of ``lines`` (``Line.text``, one per line) when made with them, else
    ()."""

    lines: tuple[Line, ...]
    front: tuple[Line, ...]
    section_2: tuple[Line, ...]
    overall_comments: tuple[Line, ...]
    areas: tuple[AreaBlock, ...]
    texts: tuple[str, ...] = ()

    def line_texts(self) -> Sequence[str]:
        """The texts of ``lines``, one per line: ``texts`` when they were made, else made now."""
        return _texts_of(self.lines, self.texts)


def is_marker(line: Line) -> bool:
    """A line that is a structural marker of its own: it neither continues a heading nor is
    continued (an area heading may wrap, so it is not one)."""
    return _is_marker_text(line.text)


def _is_marker_text(text: str) -> bool:
    vocab = vocabulary()
    return any(
        p.match(text)
        for p in (vocab.box_header, vocab.strengths, vocab.improvements, vocab.area_summary)
    )


def has_heading_words(line: Line) -> bool:
    """Whether the line reads like a heading of the report's structure: an area, a section
    (by its words, or by its number and a capitalised title), a box header, a list heading."""
    return _has_heading_text(line.text)


def _has_heading_text(text: str) -> bool:
    return bool(heading_words().match(text)) or _section_number_of(text) is not None


@cache
def heading_words() -> regex.Pattern[str]:
    """The vocabulary's patterns of a heading's words (area heading, sections, box header,
    markers: ``is_marker``) joined into one, which matches a text where any of them does (they
    refer to no group by number, which the join would shift); compiled once."""
    vocab = vocabulary()
    patterns = (
        vocab.area_heading,
        *vocab.sections.values(),
        vocab.box_header,
        vocab.strengths,
        vocab.improvements,
        vocab.area_summary,
    )
    return compile_pattern("|".join(f"(?:{p.pattern})" for p in patterns))


def section_number(line: Line) -> int | None:
    """The number of a heading known by its number only ("4. Resultat per fråga"), else None."""
    return _section_number_of(line.text)


def _section_number_of(text: str) -> int | None:
    match = vocabulary().numbered_section.match(text)
    if match is None or not match["title"][:1].isupper():
        return None
    return int(match["no"])


def paragraph_end(lines: Sequence[Line], index: int, metrics: Metrics) -> int:
    """Index after the last line of the paragraph that the line at ``index`` is in or opens
    (lines on one page without a paragraph gap between them)."""
    end = index + 1
    while (
        end < len(lines)
        and lines[end].page == lines[end - 1].page
        and not starts_paragraph(lines[end - 1], lines[end], metrics)
    ):
        end += 1
    return end


def stands_alone(lines: Sequence[Line], index: int, metrics: Metrics) -> bool:
    """The line opens a paragraph (first on its page, or after a paragraph gap or a change of
    weight) that is at most ``heading_max_lines`` long, or stops short of the right margin."""
    line = lines[index]
    before = lines[index - 1] if index else None
    opens = before is None or before.page != line.page or starts_paragraph(before, line, metrics)
    if not opens:
        return False
    short = paragraph_end(lines, index, metrics) - index <= metrics.settings.heading_max_lines
    return short or not metrics.reaches_right(line)


def is_heading_at(
    lines: Sequence[Line], index: int, metrics: Metrics, text: str | None = None
) -> bool:
    """A heading line: styled as one, or with a heading's words in a heading's place;
    ``text``: the line's text (``Line.text``) when already made."""
    line = lines[index]
    if metrics.is_heading(line):
        return True
    words = _has_heading_text(line.text if text is None else text)
    return words and stands_alone(lines, index, metrics)


@dataclass(frozen=True, slots=True)
class HeadingLines:
    """Where a run of lines may hold headings, found once for every reader of the same lines
    read with the same metrics: ``at[i]`` is ``is_heading_at(lines, i, metrics)`` for every
    index, ``contents`` the run's ``contents_pages``."""

    at: tuple[bool, ...]
    contents: frozenset[int]


def heading_lines(
    lines: Sequence[Line], metrics: Metrics, texts: Sequence[str] | None = None
) -> HeadingLines:
    """The ``HeadingLines`` of ``lines`` read with ``metrics``; ``texts``: the lines' texts
    (``Line.text``, one per line) when already made."""
    texts = [ln.text for ln in lines] if texts is None else texts
    at = tuple(is_heading_at(lines, i, metrics, text) for i, text in enumerate(texts))
    return HeadingLines(at, frozenset(contents_pages(lines, texts)))


def find_headings(
    lines: Sequence[Line],
    metrics: Metrics,
    skip: Collection[int] = (),
    known: HeadingLines | None = None,
) -> list[Heading]:
    """Headings in order: heading lines (``is_heading_at``) of one size joined while wrapped.

    Lines join when they are on one page, of one size (within ``size_tolerance``) and closer
    than ``heading_join_gap`` line pitches, both styled as headings, and neither is a
    structural marker (tolerances: ``metrics.settings``); a heading found by its place takes
    the rest of its paragraph of at most ``heading_max_lines`` lines. Lines whose index is in
    ``skip`` (an overview table's) are no headings. ``known``: the ``heading_lines`` of these
    lines and metrics when already found (else each line is looked at here).
    """
    at = (
        known.at
        if known is not None
        else [is_heading_at(lines, i, metrics) for i in range(len(lines))]
    )
    headings: list[Heading] = []
    end = 0
    for i in compress(range(len(lines)), at):  # the heading lines, in order
        if i < end or i in skip:  # in the heading before, or an overview table's
            continue
        end = i + 1
        while end < len(lines) and _continues_heading(lines[end - 1], lines[end], metrics):
            end += 1
        if end == i + 1 and not metrics.is_heading(lines[i]):
            end = _wrapped_end(lines, i, metrics)
        text = " ".join(ln.text for ln in lines[i:end])
        headings.append(Heading(i, end, text, lines[i].size, lines[i].page))
    return headings


def _wrapped_end(lines: Sequence[Line], index: int, metrics: Metrics) -> int:
    """A heading found by its place takes the rest of its short paragraph (it wrapped)."""
    end = paragraph_end(lines, index, metrics)
    if end - index > metrics.settings.heading_max_lines:
        return index + 1
    return next((j for j in range(index + 1, end) if has_heading_words(lines[j])), end)


def _continues_heading(previous: Line, line: Line, metrics: Metrics) -> bool:
    settings = metrics.settings
    return (
        metrics.is_heading(line)
        and metrics.is_heading(previous)
        and line.page == previous.page
        and abs(line.size - previous.size) < settings.size_tolerance
        and line.top - previous.top
        <= settings.heading_join_gap * max(metrics.pitch, previous.height)
        and not is_marker(line)
        and not is_marker(previous)
        and not vocabulary().area_heading.match(line.text)
    )


def contents_pages(lines: Sequence[Line], texts: Sequence[str] | None = None) -> set[int]:
    """Pages holding a contents heading ("Innehåll"): their headings are not the report's.
    ``texts``: the lines' texts (``Line.text``, one per line) when already made."""
    pattern = vocabulary().section("contents")
    texts = [ln.text for ln in lines] if texts is None else texts
    return {ln.page for ln, text in zip(lines, texts, strict=True) if pattern.match(text)}


def section_name(heading: Heading) -> str | None:
    """The vocabulary's name of a section heading ("section_3", "facts" ...), else None; a
    heading known by its number 1-4 only is that main section."""
    for name, pattern in vocabulary().sections.items():
        if pattern.match(heading.text):
            return name
    match = vocabulary().numbered_section.match(heading.text)
    if match and match["title"][:1].isupper() and 1 <= int(match["no"]) <= len(MAIN_SECTIONS):
        return MAIN_SECTIONS[int(match["no"]) - 1]
    return None


def area_number_and_name(heading: Heading) -> tuple[int, str, int | None] | None:
    """``(number, name, score on the heading line)`` of an area heading, else None: "Område N"
    and a name that starts with a capital (a sentence "Område 5 är …" is no heading)."""
    vocab = vocabulary()
    match = vocab.area_heading.match(heading.text)
    if match is None:
        return None
    name = " ".join(match["name"].split())
    score = vocab.area_heading_score.search(name)
    if score is not None:
        name = name[: score.start()].rstrip(" –-:")
    if not name[:1].isupper():
        return None
    return int(match["no"]), name, int(score["score"]) if score else None


def lines_to_sections(
    lines: Sequence[Line],
    metrics: Metrics,
    tables: Collection[int] = (),
    known: HeadingLines | None = None,
    texts: Sequence[str] | None = None,
) -> Sections:
    """A report's lines (in reading order) cut at its section and area headings.

    Front matter runs up to the first of sections 1-3 (else the first area); areas are the
    "Område N" headings before section 4, each ending at the next area or section heading or
    where its overview table starts. ``tables`` are the indices of the overview tables' lines
    (``table_lines``): they belong to no section. Headings are found with ``metrics`` and its
    tolerances (``known``: the ``heading_lines`` of these lines and metrics, when already
    found; ``texts``: the lines' texts, one per line, when already made, kept with the
    sections and their area blocks). Never raises: what is not found is empty.
    """
    skip = known.contents if known is not None else contents_pages(lines)
    headings = [h for h in find_headings(lines, metrics, tables, known) if h.page not in skip]
    named = [(section_name(h), h) for h in headings]

    def first(name: str) -> Heading | None:
        return next((h for n, h in named if n == name), None)

    s1, s2, s3 = (first(f"section_{n}") for n in (1, 2, 3))
    area_heads = [h for h in headings if area_number_and_name(h) is not None]
    later = ("section_1", "section_2", None)
    stops = sorted({h.start for n, h in named if n not in later} | set(tables))
    s4 = first("section_4")
    area_heads = [h for h in area_heads if s4 is None or h.start < s4.start]
    areas_start = area_heads[0].start if area_heads else (s3.start if s3 else len(lines))
    body_start = min((h.start for h in (s1, s2, s3) if h), default=areas_start)
    comments = first("overall_comments")
    comments_end = s3.start if s3 and s3.start < areas_start else areas_start
    return Sections(
        lines=tuple(lines),
        front=tuple(lines[:body_start]),
        section_2=tuple(lines[s2.start : comments_end]) if s2 else (),
        overall_comments=tuple(lines[comments.end : comments_end])
        if comments and comments.start < areas_start
        else (),
        areas=tuple(_area_blocks(lines, area_heads, stops, texts)),
        texts=() if texts is None else tuple(texts),
    )


def _area_blocks(
    lines: Sequence[Line],
    heads: Sequence[Heading],
    stops: Sequence[int],
    texts: Sequence[str] | None = None,
) -> list[AreaBlock]:
    """Each area heading's block: up to the next area heading or the first stop after it (a
    later section's heading, an overview table's first line); ``texts``: the lines' texts
    when made (else the blocks carry none)."""
    blocks = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(lines)
        end = min(end, next((s for s in stops if s >= head.end), end))
        found = area_number_and_name(head)
        assert found is not None  # heads were selected by it
        number, name, score = found
        heading = lines[head.start : head.end]
        blocks.append(
            AreaBlock(
                number,
                name,
                head.page,
                tuple(lines[head.end : end]),
                heading_score=score,
                extent=lines_extent(heading),
                score_extent=None if score is None else heading_score_extent(heading, score),
                texts=() if texts is None else tuple(texts[head.end : end]),
            )
        )
    return blocks


def heading_score_extent(heading: Sequence[Line], score: int) -> Extent | None:
    """The box of the score printed on a heading: its last word whose first number is the
    score ("60", "60p", "(60", "60/100"); None when no word's is (never a guess)."""
    for line in reversed(heading):
        for word in reversed(line.words):
            number = FIRST_NUMBER.match(word.text)
            if number is not None and int(number[1]) == score:
                return words_extent(line.page, [word])
    return None
