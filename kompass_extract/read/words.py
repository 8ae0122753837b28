"""Words from geometry, and the row-level fixes: soft hyphens at line ends, unnamed bullets.

A gap between two glyphs of a row is a word space when it is ``settings.word_gap`` em wider
than the row's letter gap (its tracking), so text without space characters still comes out
in words across fonts; a space character always separates words.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from kompass_extract.read.chars import BULLET, SOFT_HYPHEN, Char
from kompass_extract.read.glyphs import is_undecodable
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings


def letter_gap_baseline(
    gaps_em: Sequence[float], settings: LayoutSettings = DEFAULT_SETTINGS
) -> float:
    """A row's letter gap (tracking), em: its lower-median glyph gap, in [0, ``settings.tracking_max``].

    Rows with fewer than ``settings.tracking_min_gaps`` gaps have no reliable baseline: 0.
    """
    if len(gaps_em) < settings.tracking_min_gaps:
        return 0.0
    ordered = sorted(gaps_em)
    return min(max(ordered[(len(ordered) - 1) // 2], 0.0), settings.tracking_max)


def gap_em(left: Char, right: Char) -> float:
    """Blank between two glyphs of a row, in em of the larger of the two."""
    return (right.x0 - left.x1) / max(left.size, right.size, 1e-6)


def is_word_gap(
    left: Char, right: Char, baseline_em: float = 0.0, settings: LayoutSettings = DEFAULT_SETTINGS
) -> bool:
    """A word boundary from geometry alone (space characters split words anyway)."""
    return gap_em(left, right) >= baseline_em + settings.word_gap


def row_gaps(row: Sequence[Char]) -> list[float]:
    """Gaps (em) between consecutive glyphs of a row sorted by x0, none bordering a space."""
    gaps, prev = [], None
    for char in row:
        if not char.text.strip():
            prev = None
            continue
        if prev is not None:
            gaps.append(gap_em(prev, char))
        prev = char
    return gaps


def row_style(row: Sequence[Char]) -> tuple[str, float]:
    """The (font, size) most of a row's glyphs are set in."""
    counts: dict[tuple[str, float], int] = defaultdict(int)
    for c in row:
        if c.text.strip():
            counts[(c.fontname, round(c.size, 1))] += 1
    return max(counts, key=counts.__getitem__) if counts else ("", 0.0)


def style_baselines(
    rows: Iterable[Sequence[Char]], settings: LayoutSettings = DEFAULT_SETTINGS
) -> dict[tuple[str, float], float]:
    """Letter-gap baseline per (font, size) over a page: tracking belongs to a text style, so
    a short row (a heading's last word) borrows it from its style's other rows."""
    pooled: dict[tuple[str, float], list[float]] = defaultdict(list)
    for row in rows:
        pooled[row_style(row)] += row_gaps(row)
    return {style: letter_gap_baseline(gaps, settings) for style, gaps in pooled.items()}


def row_baseline(
    row: Sequence[Char], style_baseline: float = 0.0, settings: LayoutSettings = DEFAULT_SETTINGS
) -> float:
    """A row's letter-gap baseline: its own when it has ``tracking_min_gaps`` gaps, else its
    style's (``style_baselines``)."""
    gaps = row_gaps(row)
    return (
        letter_gap_baseline(gaps, settings)
        if len(gaps) >= settings.tracking_min_gaps
        else style_baseline
    )


def resolve_soft_hyphens(row: Sequence[Char]) -> list[Char]:
    """Soft hyphens of one row (sorted by x0): the row's last glyph stays, as the line
    joiner's marker, when it follows a letter; every other one (mid-line) disappears."""
    glyphs = [c for c in row if c.text.strip()]
    marker = None
    # at the end geometrically too: a zero-width one inside a word may sort after the letter
    # it precedes when their x0 differ by float noise
    if (
        len(glyphs) >= 2
        and glyphs[-1].text == SOFT_HYPHEN
        and glyphs[-2].text[-1:].isalpha()
        and glyphs[-1].x0 >= glyphs[-2].x1 - 0.01 * glyphs[-2].size
    ):
        marker = glyphs[-1]
    out = []
    for c in row:
        if c is marker:  # zero width at its word's end: never a word of its own
            out.append(c._replace(x0=glyphs[-2].x1, x1=glyphs[-2].x1))
        elif SOFT_HYPHEN not in c.text:
            out.append(c)
        elif c.text.replace(SOFT_HYPHEN, ""):
            out.append(c._replace(text=c.text.replace(SOFT_HYPHEN, "")))
    return out


def recognise_bullet(
    row: Sequence[Char], baseline_em: float = 0.0, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Char]:
    """A row (sorted by x0) whose first glyph is a bullet the text layer cannot name.

    The first glyph becomes U+2022 when it is undecodable or private-use, stands alone (a
    space char or a word gap follows) and is in a font other than the next glyph's: a bullet
    drawn from a symbol font without a Unicode map. A letter lost to the same fault ("Å andra
    sidan") is in the text's own font and is left alone.
    """
    glyphs = [c for c in row if c.text.strip()]
    if len(glyphs) < 2:
        return list(row)
    first, nxt = glyphs[0], glyphs[1]
    symbolic = is_undecodable(first) or private_use(first.text)
    apart = _space_between(row, first, nxt) or gap_em(first, nxt) >= baseline_em + settings.word_gap
    if not (symbolic and apart and first.fontname != nxt.fontname):
        return list(row)
    bullet = first._replace(text=BULLET, unmapped=False)
    return [bullet if c is first else c for c in row]


def _space_between(row: Sequence[Char], a: Char, b: Char) -> bool:
    return any(not c.text.strip() and a.x1 - 0.01 <= c.x0 <= b.x0 for c in row)


def private_use(text: str) -> bool:
    """One private-use code point (a symbol font's bullet, U+F0B7)."""
    return len(text) == 1 and unicodedata.category(text) == "Co"
