"""The "Rubriker | Poäng" box under an area heading: sub-area headings and the area score.

The box is a two-column table (bordered or not): bullets on the left, the score on the right,
usually centred vertically so that it may share a line with a bullet or stand alone. Words are
split into the two columns by the x position of the "Poäng" header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from kompass_extract.parse.bullets import Item, lines_to_items, split_bullet
from kompass_extract.parse.typography import Metrics
from kompass_extract.read.layout import Line, Word
from kompass_extract.rules.vocabulary import vocabulary

SCORE = regex.compile(r"^\d{1,3}$")


@dataclass(frozen=True, slots=True)
class Box:
    """An area's box: its sub-area headings, its score (None if unread) and what was doubtful."""

    page: int
    subareas: list[Item]
    score: int | None
    end: int  # index of the first line after the box
    problems: list[str] = field(default_factory=list)


def find_box_header(lines: Sequence[Line]) -> int | None:
    """Index of the first "Rubriker Poäng" header line, or None."""
    pattern = vocabulary().box_header
    return next((i for i, ln in enumerate(lines) if pattern.match(ln.text)), None)


def parse_box(lines: Sequence[Line], metrics: Metrics) -> Box | None:
    """The box at the start of an area block, or None when the block has no box header.

    Words starting right of the "Poäng" header less ``box_column_slack`` points are the score
    column. The box ends at the first line that is neither a bullet, nor a wrapped bullet
    (indented more than ``box_wrap_indent``), nor a lone score. A box without a score, or with
    several numbers in the score column, is returned with a problem, never raised. The
    tolerances are ``metrics.settings``.
    """
    start = find_box_header(lines)
    if start is None:
        return None
    header = lines[start]
    settings = metrics.settings
    split_x = header.words[-1].x0 - settings.box_column_slack
    left: list[Line] = []
    scores: list[Word] = []
    end = start + 1
    for end in range(start + 1, len(lines)):
        line = lines[end]
        text_words = [w for w in line.words if w.x0 < split_x]
        right_words = [w for w in line.words if w.x0 >= split_x]
        text = line.with_words(text_words) if text_words else None
        if not _inside_box(text, left, right_words, settings.box_wrap_indent):
            break
        scores += [w for w in right_words if SCORE.match(w.text)]
        if text_words:
            left.append(line.with_words(text_words))
    else:
        end = len(lines)
    items, _ = lines_to_items(left, metrics)
    return _box(header.page, items, scores, end)


def _inside_box(
    text: Line | None, left: list[Line], right_words: list[Word], wrap_indent: float
) -> bool:
    if text is None:
        return bool(right_words) and all(SCORE.match(w.text) for w in right_words)
    if split_bullet(text) is not None:
        return True
    # a wrapped bullet continues at the indentation of the bullet's text
    return bool(left) and text.x0 > left[0].x0 + wrap_indent


def _box(page: int, items: list[Item], scores: list[Word], end: int) -> Box:
    problems = []
    if len(scores) > 1:
        problems.append(f"the box holds {len(scores)} numbers in the score column; took the first")
    if not scores:
        problems.append("no score found in the 'Poäng' column of the box")
    score = int(scores[0].text) if scores else None
    return Box(page, items, score, end, problems)
