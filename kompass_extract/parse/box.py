"""An area's score and sub-area headings, in whichever form its "box" takes.

- A "Rubriker | Poäng" table (ruled or not): bullets on the left, the score in the right-hand
  column, usually centred vertically so that it may share a line with a bullet or stand
  alone. Words are split into the two columns by the x position of the "Poäng" header.
- No header: the area's text opens with the list of sub-areas, followed by the score on a
  line of its own, with a label ("Poäng: 53", "53 poäng") or without ("53").
- The score on the area's heading line ("Område 3 Politisk styrning 60 poäng"), the list
  below it.

Where several figures could be the score, the one that equals the area's overview total
(rounded) is taken; the others are named in a problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from kompass_extract.parse.bullets import Item, lines_to_items, split_bullet
from kompass_extract.parse.extent import Extent, lines_extent, words_extent
from kompass_extract.parse.typography import Metrics
from kompass_extract.read.layout import Line, Word
from kompass_extract.rules.vocabulary import vocabulary

SCORE = regex.compile(r"^\d{1,3}$")


@dataclass(frozen=True, slots=True)
class Box:
    """An area's box: its sub-area headings, its score (None if unread) and where it was read
    (None: not known), and what was doubtful."""

    page: int
    subareas: list[Item]
    score: int | None
    end: int  # index of the first line after the box
    problems: list[str] = field(default_factory=list)
    score_extent: Extent | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """A number that may be an area's score, and the box of the word it was read from."""

    value: int
    extent: Extent | None = None


def find_box_header(lines: Sequence[Line]) -> int | None:
    """Index of the first "Rubriker Poäng" header line, or None."""
    pattern = vocabulary().box_header
    return next((i for i, ln in enumerate(lines) if pattern.match(ln.text)), None)


def parse_box(
    lines: Sequence[Line],
    metrics: Metrics,
    heading_score: int | None = None,
    overview_total: float | None = None,
    heading_score_extent: Extent | None = None,
) -> Box | None:
    """The box at the start of an area block (see the module docstring), or None when the
    block has neither a box header, nor an opening list, nor a score on its heading line.

    ``heading_score`` is a score printed on the area's heading line (``heading_score_extent``:
    where); ``overview_total`` the total of its overview table, used to choose among several
    candidate scores. A box without
    a score is returned with a problem, never raised. The tolerances are ``metrics.settings``.
    """
    header = find_box_header(lines)
    box = table_box(lines, header, metrics) if header is not None else list_box(lines, metrics)
    if box is None:
        if heading_score is None:
            return None
        page = lines[0].page if lines else 1
        return Box(page, [], heading_score, 0, score_extent=heading_score_extent)
    heading = [Score(heading_score, heading_score_extent)] if heading_score is not None else []
    candidates = heading + box.scores
    return choose_score(box, candidates, overview_total)


@dataclass(frozen=True, slots=True)
class RawBox:
    """A box's list and the numbers that may be its score, before one is chosen."""

    page: int
    items: list[Item]
    scores: list[Score]
    end: int


def table_box(lines: Sequence[Line], start: int, metrics: Metrics) -> RawBox:
    """A "Rubriker | Poäng" table from its header line at ``start``.

    Words starting right of the "Poäng" header less ``box_column_slack`` points are the score
    column. The box ends at the first line that is neither a bullet, nor a wrapped bullet
    (indented more than ``box_wrap_indent``), nor a lone score. A bullet alone on the line of
    a score (the score's baseline drew it there) goes with the line below it.
    """
    header = lines[start]
    settings = metrics.settings
    split_x = header.words[-1].x0 - settings.box_column_slack
    left: list[Line] = []
    scores: list[Score] = []
    lone_bullet: list[Word] = []  # a bullet that a score on its baseline drew onto its line
    end = len(lines)
    for index in range(start + 1, len(lines)):
        line = lines[index]
        text_words = lone_bullet + [w for w in line.words if w.x0 < split_x]
        right_words = [w for w in line.words if w.x0 >= split_x]
        lone_bullet = []
        if right_words and len(text_words) == 1 and is_bullet_word(text_words[0]):
            lone_bullet, text_words = text_words, []
        text = line.with_words(text_words) if text_words else None
        if not _inside_box(text, left, right_words, settings.box_wrap_indent):
            end = index
            break
        scores += [
            Score(int(w.text), words_extent(line.page, [w]))
            for w in right_words
            if SCORE.match(w.text)
        ]
        if text is not None:
            left.append(text)
    items, _ = lines_to_items(left, metrics)
    return RawBox(header.page, items, scores, end)


def list_box(lines: Sequence[Line], metrics: Metrics) -> RawBox | None:
    """The list that opens an area's text, and the score on the line after it, if any."""
    if not lines or split_bullet(lines[0]) is None:
        return None
    end = 1
    indent = metrics.settings.box_wrap_indent
    while end < len(lines) and (
        split_bullet(lines[end]) is not None or lines[end].x0 > lines[0].x0 + indent
    ):
        end += 1
    items, _ = lines_to_items(lines[:end], metrics)
    scores = []
    if end < len(lines):
        match = vocabulary().box_score_line.match(lines[end].text)
        if match is not None:
            scores.append(Score(int(match["score"]), number_extent(lines[end], match["score"])))
            end += 1
    return RawBox(lines[0].page, items, scores, end)


def number_extent(line: Line, digits: str) -> Extent | None:
    """The box of the one word of ``line`` that holds the number ``digits`` ("53" in
    "Poäng: 53p"); the whole line when no single word does (the number is in it)."""
    holding = [w for w in line.words if digits in w.text]
    if len(holding) == 1:
        return words_extent(line.page, holding)
    return lines_extent([line])


def is_bullet_word(word: Word) -> bool:
    """A word that is a bullet and nothing else."""
    vocab = vocabulary()
    match = vocab.bullet_glyph.match(word.text)
    return word.text in vocab.bullets or (match is not None and match.end() == len(word.text))


def _inside_box(
    text: Line | None, left: list[Line], right_words: list[Word], wrap_indent: float
) -> bool:
    if text is None:
        return bool(right_words) and all(SCORE.match(w.text) for w in right_words)
    if split_bullet(text) is not None:
        return True
    # a wrapped bullet continues at the indentation of the bullet's text
    return bool(left) and text.x0 > left[0].x0 + wrap_indent


def choose_score(box: RawBox, candidates: list[Score], overview_total: float | None) -> Box:
    """The box with its score: the only candidate, else the one equal to the overview total
    (rounded half up), else the first, with a problem naming the others; the score's box is
    that of the first candidate with its value."""
    problems = []
    if not candidates:
        problems.append("no score found in the area's box, after its list or on its heading")
        return Box(box.page, box.items, None, box.end, problems)
    values = [c.value for c in candidates]
    score = values[0]
    if len(set(values)) > 1:
        total = int(overview_total + 0.5) if overview_total is not None else None
        score = total if total in values else values[0]
        problems.append(
            f"the box holds {len(values)} numbers that could be its score "
            f"({', '.join(map(str, values))}); took {score}"
            + (" (the overview total)" if score == total else "")
        )
    extent = candidates[values.index(score)].extent
    return Box(box.page, box.items, score, box.end, problems, extent)
