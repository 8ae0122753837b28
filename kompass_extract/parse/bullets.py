"""Bulleted lists: STYRKOR and FÖRBÄTTRINGSOMRÅDEN items, and the bullets of the score box.

An item starts at a line whose first glyph is a bullet (any of the vocabulary's bullets) and
takes the following lines that continue it: lines without a bullet that are indented like the
item's text or follow it without a paragraph gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kompass_extract.parse.typography import Metrics, lines_to_paragraphs, starts_paragraph
from kompass_extract.read.layout import Line, join_lines
from kompass_extract.rules.vocabulary import vocabulary

# How far left of the item's text a continuation line may start (points).
INDENT_SLACK = 3.0


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    page: int


def split_bullet(line: Line) -> Line | None:
    """The line without its leading bullet glyph, or None when it does not start with one."""
    first = line.words[0].text
    for bullet in vocabulary().bullets:
        if first == bullet:
            return line.with_words(line.words[1:]) if len(line.words) > 1 else None
        if first.startswith(bullet) and bullet not in "-–—*" and len(first) > len(bullet):
            head = line.words[0]
            rest = type(head)(
                first[len(bullet) :], head.x0, head.x1, head.top, head.bottom, head.space_after
            )
            return line.with_words((rest, *line.words[1:]))
    return None


def lines_to_items(lines: Sequence[Line], metrics: Metrics) -> tuple[list[Item], list[Line]]:
    """Bulleted items, and the lines that belong to none (text before or after the list).

    Without any bullet in the lines, each paragraph is taken as one item (lists typed as
    plain paragraphs).
    """
    if not any(split_bullet(ln) for ln in lines):
        return [_item(p) for p in lines_to_paragraphs(lines, metrics)], []
    items: list[list[Line]] = []
    stray: list[Line] = []
    for line in lines:
        body = split_bullet(line)
        if body is not None:
            items.append([body])
        elif items and _continues(items[-1], line, metrics):
            items[-1].append(line)
        else:
            stray.append(line)
    return [_item(lines_) for lines_ in items], stray


def _continues(item: list[Line], line: Line, metrics: Metrics) -> bool:
    text_left = item[0].x0
    if line.x0 >= text_left - INDENT_SLACK:
        return True
    return not starts_paragraph(item[-1], line, metrics)


def _item(lines: Sequence[Line]) -> Item:
    return Item(join_lines(lines), lines[0].page)
