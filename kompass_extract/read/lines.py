"""A page's cleaned glyphs -> visual lines of words, top to bottom, words left to right.

Pure. Rows are glyphs whose bottoms lie within ``settings.line_tolerance`` em of each other;
within a row glyphs are ordered by their box centre (a zero-width glyph, such as a soft hyphen
or a mark, shares its x0 with the next glyph up to float noise). Each row is fixed
(``words.resolve_soft_hyphens``, ``words.recognise_bullet``) and split into words by gaps
(``words.is_word_gap``) and space characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import regex

from kompass_extract.read.chars import Char
from kompass_extract.read.layout import Line, Word
from kompass_extract.read.words import (
    is_word_gap,
    recognise_bullet,
    resolve_soft_hyphens,
    row_baseline,
    row_style,
    style_baselines,
)
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)


def chars_to_rows(
    chars: Iterable[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[list[Char]]:
    """Visual rows: glyphs grouped by bottom, each row ordered by box centre."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        tolerance = max(settings.line_tolerance_min, settings.line_tolerance * char.size)
        if rows and abs(char.bottom - rows[-1][0].bottom) <= tolerance:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [sorted(row, key=lambda c: c.x0 + c.x1) for row in rows]


def fixed_rows(
    chars: Iterable[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[tuple[list[Char], float]]:
    """A page's rows, each with soft hyphens resolved and unnamed bullets named, and its
    letter-gap baseline (em) for the word-gap rule."""
    rows = chars_to_rows(chars, settings)
    styles = style_baselines(rows, settings)
    fixed = []
    for row in rows:
        row = resolve_soft_hyphens(row)
        baseline = row_baseline(row, styles[row_style(row)], settings)
        fixed.append((recognise_bullet(row, baseline, settings), baseline))
    return fixed


def chars_to_lines(
    chars: Iterable[Char], page_number: int, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Line]:
    """Group a page's cleaned glyphs into lines, top to bottom, words left to right."""
    lines = []
    for row, baseline in fixed_rows(chars, settings):
        line = row_to_line(row, baseline, page_number, settings)
        if line is not None:
            lines.append(line)
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def row_to_line(
    row: Sequence[Char], baseline: float, page_number: int, settings: LayoutSettings
) -> Line | None:
    """One row as a Line (None for a row of spaces): its words, main font size, bold or not."""
    words = row_to_words(row, baseline, settings)
    if not words:
        return None
    glyphs = [c for c in row if not c.text.isspace()]
    sizes = Counter(round(c.size, 1) for c in glyphs)
    bold = sum(1 for c in glyphs if BOLD_FONT.search(c.fontname)) * 2 > len(glyphs)
    return Line(page_number, tuple(words), sizes.most_common(1)[0][0], bold)


def row_to_words(row: Sequence[Char], baseline: float, settings: LayoutSettings) -> list[Word]:
    """A row's words: split at space characters and at word gaps; ``space_after`` records
    that the PDF put a space character after the word."""
    words: list[Word] = []
    current: list[Char] = []
    for char in row:
        if char.text.isspace():
            if current:
                words.append(make_word(current, space_after=True))
                current = []
            elif words and not words[-1].space_after:
                last = words[-1]
                words[-1] = Word(last.text, last.x0, last.x1, last.top, last.bottom, True)
            continue
        if current and is_word_gap(current[-1], char, baseline, settings):
            words.append(make_word(current, space_after=False))
            current = []
        current.append(char)
    if current:
        words.append(make_word(current, space_after=False))
    return words


def make_word(chars: Sequence[Char], *, space_after: bool) -> Word:
    """A Word spanning ``chars`` (left to right)."""
    return Word(
        "".join(c.text for c in chars),
        chars[0].x0,
        chars[-1].x1,
        min(c.top for c in chars),
        max(c.bottom for c in chars),
        space_after,
    )
