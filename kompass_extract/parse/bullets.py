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


@dataclass(frozen=True, slots=True)
class Item:
    """One bulleted item: its wrapped lines joined, bullet dropped; the page where it starts."""

    text: str
    page: int


def split_bullet(line: Line) -> Line | None:
    """The line without its leading bullet glyph, or None when it does not start with one.

    A bullet is a word of its own ("• text") or, except for the dash-like ``bullets_alone``
    (a dash glued to a word is a hyphen), glued to the first word ("•text"). A bullet with no
    text after it gives None.
    """
    vocab = vocabulary()
    first = line.words[0].text
    for bullet in vocab.bullets:
        if first == bullet:
            return line.with_words(line.words[1:]) if len(line.words) > 1 else None
        glued = bullet not in vocab.bullets_alone and len(first) > len(bullet)
        if glued and first.startswith(bullet):
            head = line.words[0]
            rest = type(head)(
                first[len(bullet) :], head.x0, head.x1, head.top, head.bottom, head.space_after
            )
            return line.with_words((rest, *line.words[1:]))
    return None


def lines_to_items(lines: Sequence[Line], metrics: Metrics) -> tuple[list[Item], list[Line]]:
    """Bulleted items in order, and the lines that belong to none (text before the list, or
    after it past a paragraph break and left of the items' text by ``item_indent_slack``,
    one of ``metrics.settings``).

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
    if line.x0 >= text_left - metrics.settings.item_indent_slack:
        return True
    return not starts_paragraph(item[-1], line, metrics)


def _item(lines: Sequence[Line]) -> Item:
    return Item(join_lines(lines), lines[0].page)
