"""A page's cleaned glyphs -> visual lines of words, top to bottom, words left to right.

Pure. Rows are glyphs whose bottoms lie within ``settings.line_tolerance`` em of each other;
within a row glyphs are ordered by their box centre (a zero-width glyph, such as a soft hyphen
or a mark, shares its x0 with the next glyph up to float noise). Each row is fixed
(``words.resolve_soft_hyphens``, ``words.recognise_bullet``) and split into words by gaps
(``words.is_word_gap``) and space characters.

The rules are those of ``words``; here they run row by row in one pass each, with what a
page's few distinct texts and fonts decide (blank or not, bold or not) worked out once per
page, since a page holds thousands of glyphs.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat

import regex

from kompass_extract.read.chars import SOFT_HYPHEN, Char, Tenths
from kompass_extract.read.glyphs import is_undecodable
from kompass_extract.read.layout import Line, Word
from kompass_extract.read.words import (
    letter_gap_baseline,
    private_use,
    recognise_bullet,
    resolve_soft_hyphens,
)
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)

_TEXT, _X0, _X1 = operator.attrgetter("text"), operator.attrgetter("x0"), operator.attrgetter("x1")
_BOTTOM, _SIZE = operator.attrgetter("bottom"), operator.attrgetter("size")
_FONTNAME, _TOP = operator.attrgetter("fontname"), operator.attrgetter("top")
Style = tuple[str, float]


def chars_to_rows(
    chars: Iterable[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[list[Char]]:
    """Visual rows: glyphs grouped by bottom (sorted by bottom rounded to 0.1 pt, then x0; a
    glyph joins the current row when its bottom is within its tolerance of the row's first
    glyph's), each row ordered by box centre.

    Glyphs of one rounded bottom (a bucket, sorted by x0) are taken together where the rule
    takes them all into one row (their bottoms all within the smallest tolerance among them
    of the row's first), and one by one, as the rule says, elsewhere."""
    chars = list(chars)
    rounded = Tenths()
    buckets: dict[float, list[Char]] = {}
    for char, key in zip(chars, map(rounded.__getitem__, map(_BOTTOM, chars)), strict=True):
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = [char]
        else:
            bucket.append(char)
    rows: list[list[Char]] = []
    row: list[Char] = []
    first = 0.0
    for key in sorted(buckets):
        bucket = buckets[key]
        bucket.sort(key=_X0)
        bottoms = list(map(_BOTTOM, bucket))
        low, high = min(bottoms), max(bottoms)
        least = _tolerance(min(map(_SIZE, bucket)), settings)  # the rule's, monotone in size
        if row and max(abs(low - first), abs(high - first)) <= least:
            row.extend(bucket)
            continue
        lead = bottoms[0]
        opens = not row or abs(lead - first) > _tolerance(bucket[0].size, settings)
        if opens and max(high - lead, lead - low) <= least:
            row, first = bucket, lead
            rows.append(row)
            continue
        for char, bottom in zip(bucket, bottoms, strict=True):
            if row and abs(bottom - first) <= _tolerance(char.size, settings):
                row.append(char)
            else:
                row, first = [char], bottom
                rows.append(row)
    return [_by_centre(row) for row in rows]


def _tolerance(size: float, settings: LayoutSettings) -> float:
    """How far (points) a glyph of ``size`` may sit from a row's first glyph's bottom."""
    return max(settings.line_tolerance_min, settings.line_tolerance * size)


def _by_centre(row: list[Char]) -> list[Char]:
    if len(row) < 2:
        return row
    centres = list(map(operator.add, map(_X0, row), map(_X1, row)))
    return [row[i] for i in sorted(range(len(row)), key=centres.__getitem__)]


def pair_gaps(row: Sequence[Char]) -> list[float]:
    """``words.gap_em`` of each two neighbours of a row, left to right (len(row) - 1 values)."""
    sizes = list(map(_SIZE, row))
    blanks = map(operator.sub, map(_X0, row[1:]), map(_X1, row))
    return list(map(operator.truediv, blanks, map(max, sizes, sizes[1:], repeat(1e-6))))


class _Lookup(dict[str, bool]):
    """A predicate's answers by text (or font name), each worked out on first use."""

    def __init__(self, predicate: Callable[[str], bool]) -> None:
        super().__init__()
        self.predicate = predicate

    def __missing__(self, key: str) -> bool:
        answer = self[key] = self.predicate(key)
        return answer


class _PageTexts:
    """What the rules ask of a page's distinct texts and fonts, each worked out once."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self.glyph = _Lookup(lambda text: bool(text.strip()))  # not blank (spaces, empty)
        self.space = _Lookup(str.isspace)  # splits words
        self.bold = _Lookup(lambda font: bool(BOLD_FONT.search(font)))
        self.tenths = Tenths()
        self.soft_hyphens = any(SOFT_HYPHEN in t for t in set(map(_TEXT, chars)))

    def profile(self, row: Sequence[Char]) -> tuple[Style, list[float], list[float]]:
        """``words.row_style`` and ``words.row_gaps`` of a row, and its ``pair_gaps``."""
        glyph = list(map(self.glyph.__getitem__, map(_TEXT, row)))
        pairs = pair_gaps(row)
        gaps = list(compress(pairs, map(operator.and_, glyph, glyph[1:])))
        glyphs = list(compress(row, glyph))
        if not glyphs:
            return ("", 0.0), gaps, pairs
        fonts = list(map(_FONTNAME, glyphs))
        sizes = list(map(self.tenths.__getitem__, map(_SIZE, glyphs)))
        if fonts.count(fonts[0]) == len(fonts) and sizes.count(sizes[0]) == len(sizes):
            return (fonts[0], sizes[0]), gaps, pairs  # one style: the most common
        counts = Counter(zip(fonts, sizes, strict=True))
        return max(counts, key=counts.__getitem__), gaps, pairs


def fixed_rows(
    chars: Iterable[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[tuple[list[Char], float]]:
    """A page's rows, each with soft hyphens resolved and unnamed bullets named, and its
    letter-gap baseline (em) for the word-gap rule: the row's own (``letter_gap_baseline``)
    when it has ``tracking_min_gaps`` gaps, else its style's (``words.style_baselines``)."""
    chars = list(chars)
    return [(row, baseline) for row, baseline, _ in _fixed_rows(chars, _PageTexts(chars), settings)]


def _fixed_rows(
    chars: list[Char], page: _PageTexts, settings: LayoutSettings
) -> list[tuple[list[Char], float, list[float]]]:
    """``fixed_rows``, each row with its ``pair_gaps`` (a named bullet keeps its box)."""
    rows = chars_to_rows(chars, settings)
    profiles = [page.profile(row) for row in rows]
    pooled: dict[Style, list[float]] = {}
    for style, gaps, _ in profiles:
        pooled.setdefault(style, []).extend(gaps)
    styles = {style: letter_gap_baseline(gaps, settings) for style, gaps in pooled.items()}
    fixed = []
    for row, (style, gaps, pairs) in zip(rows, profiles, strict=True):
        if page.soft_hyphens and any(SOFT_HYPHEN in c.text for c in row):
            row = resolve_soft_hyphens(row)
            style, gaps, pairs = page.profile(row)
        own = len(gaps) >= settings.tracking_min_gaps
        # a row left without glyphs (a lone soft hyphen) has a style no row had: no words
        baseline = letter_gap_baseline(gaps, settings) if own else styles.get(style, 0.0)
        fixed.append((_named_bullet(row, baseline, page, settings), baseline, pairs))
    return fixed


def _named_bullet(
    row: list[Char], baseline: float, page: _PageTexts, settings: LayoutSettings
) -> list[Char]:
    """``words.recognise_bullet``, asked only of a row whose first glyph is undecodable or
    private-use (it leaves every other row as it is)."""
    first = next((c for c in row if page.glyph[c.text]), None)
    if first is None or not (is_undecodable(first) or private_use(first.text)):
        return row
    return recognise_bullet(row, baseline, settings)


def chars_to_lines(
    chars: Iterable[Char], page_number: int, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Line]:
    """Group a page's cleaned glyphs into lines, top to bottom, words left to right."""
    chars = list(chars)
    page = _PageTexts(chars)
    lines = []
    for row, baseline, pairs in _fixed_rows(chars, page, settings):
        line = _row_to_line(row, baseline, pairs, page_number, page, settings)
        if line is not None:
            lines.append(line)
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def row_to_line(
    row: Sequence[Char], baseline: float, page_number: int, settings: LayoutSettings
) -> Line | None:
    """One row as a Line (None for a row of spaces): its words, main font size, bold or not."""
    return _row_to_line(row, baseline, pair_gaps(row), page_number, _PageTexts(row), settings)


def _row_to_line(
    row: Sequence[Char],
    baseline: float,
    pairs: list[float],
    page_number: int,
    page: _PageTexts,
    settings: LayoutSettings,
) -> Line | None:
    texts = list(map(_TEXT, row))
    space = list(map(page.space.__getitem__, texts))
    words = _row_to_words(row, baseline, pairs, texts, space, settings)
    if not words:
        return None
    glyphs = list(compress(row, map(operator.not_, space)))
    sizes = list(map(page.tenths.__getitem__, map(_SIZE, glyphs)))
    size = sizes[0] if sizes.count(sizes[0]) == len(sizes) else _most_common(sizes)
    bold = sum(map(page.bold.__getitem__, map(_FONTNAME, glyphs))) * 2 > len(glyphs)
    return Line(page_number, tuple(words), size, bold)


def _most_common(values: list[float]) -> float:
    """The value most frequent in ``values``, the first seen among equals."""
    return Counter(values).most_common(1)[0][0]


def row_to_words(row: Sequence[Char], baseline: float, settings: LayoutSettings) -> list[Word]:
    """A row's words: split at space characters and at word gaps (``words.is_word_gap``);
    ``space_after`` records that the PDF put a space character after the word."""
    texts = list(map(_TEXT, row))
    space = list(map(_PageTexts(row).space.__getitem__, texts))
    return _row_to_words(row, baseline, pair_gaps(row), texts, space, settings)


def _row_to_words(
    row: Sequence[Char],
    baseline: float,
    pairs: list[float],
    texts: list[str],
    space: list[bool],
    settings: LayoutSettings,
) -> list[Word]:
    """Words are the runs of non-space glyphs between space characters, cut where the gap to
    the next glyph is a word gap (``gap_em >= baseline + word_gap``); a word followed by a
    space character has ``space_after``. ``texts``/``space``: each glyph's text and whether
    it is a space character."""
    if not row:
        return []
    cut = map((baseline + settings.word_gap).__le__, pairs)
    # a run ends after glyph i when glyph i or i + 1 is a space or the gap between them is cut
    ends = compress(range(1, len(row)), map(operator.or_, map(operator.or_, space, space[1:]), cut))
    tops, bottoms = list(map(_TOP, row)), list(map(_BOTTOM, row))
    words: list[Word] = []
    start = 0
    for end in (*ends, len(row)):
        if not space[start]:
            followed = end < len(row) and space[end]
            words.append(
                Word(
                    "".join(texts[start:end]),
                    row[start].x0,
                    row[end - 1].x1,
                    min(tops[start:end]),
                    max(bottoms[start:end]),
                    followed,
                )
            )
        start = end
    return words


def make_word(chars: Sequence[Char], *, space_after: bool) -> Word:
    """A Word spanning ``chars`` (left to right)."""
    return Word(
        "".join(map(_TEXT, chars)),
        chars[0].x0,
        chars[-1].x1,
        min(map(_TOP, chars)),
        max(map(_BOTTOM, chars)),
        space_after,
    )
