"""Bullets drawn as shapes or pictures: a small mark at a line's start becomes a bullet word.

A browser's list markers, or a bullet whose glyph the producer drew as a vector disc or square
or as a tiny picture, leave nothing in the text layer. The reader hands over each page's small
marks (``Page.marks``); here a mark that stands just left of a line's first word, within the
line's height and no taller or wider than its type, becomes a word of its own holding the
vocabulary's ``drawn_bullet``, so that the list parsers see the bullet as if it were text.
"""

from __future__ import annotations

from collections.abc import Sequence

from kompass_extract.parse.bullets import split_bullet
from kompass_extract.read.layout import Line, Mark, Page, Word
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings


def page_to_lines(page: Page, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Line]:
    """The page's lines, top to bottom, with a bullet word before each line that a drawn mark
    starts (see the module docstring); lines that already start with a bullet are kept."""
    if not page.marks:
        return list(page.lines)
    return [with_drawn_bullet(line, page.marks, settings) for line in page.lines]


def with_drawn_bullet(
    line: Line, marks: Sequence[Mark], settings: LayoutSettings = DEFAULT_SETTINGS
) -> Line:
    """``line`` with the bullet word in front when one of ``marks`` is its bullet."""
    if split_bullet(line) is not None:
        return line
    mark = next((m for m in marks if is_bullet_of(m, line, settings)), None)
    if mark is None:
        return line
    bullet = Word(vocabulary().drawn_bullet, mark.x0, mark.x1, mark.top, mark.bottom, True)
    return line.with_words((bullet, *line.words))


def is_bullet_of(mark: Mark, line: Line, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """A mark is a line's bullet when it ends left of the first word, at most ``mark_gap`` em
    before it, its middle lies within the line's height, and it is no larger than the type."""
    first = line.words[0]
    gap = first.x0 - mark.x1
    middle = (mark.top + mark.bottom) / 2
    return (
        -settings.word_gap * line.size <= gap <= settings.mark_gap * line.size
        and line.top <= middle <= line.bottom
        and mark.x1 - mark.x0 <= line.size
        and mark.bottom - mark.top <= line.size
    )
