"""A page's glyphs cleaned: turned upright, invisible copies and overprints dropped, text plain.

Pure functions over one page's ``Char`` list; ``clean_page`` runs them in order::

    upright_chars -> drop_invisible -> dedupe_overprint -> normalise_text -> dedupe_overprint

``undecodable_share`` diagnoses a text layer that cannot be read (``unreadable_text``).
"""

from __future__ import annotations

import operator
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

from kompass_extract.read.chars import REPLACEMENT, Char, Tenths
from kompass_extract.read.normalise import normalise_text
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

# Render modes that paint nothing (3: invisible, 7: clip only): OCR layers, hidden text.
INVISIBLE_MODES = frozenset({3, 7})
# Rows of this height (points) index glyphs for the overlap test of invisible text.
ROW_BAND = 10.0

_TEXT, _SIZE = operator.attrgetter("text"), operator.attrgetter("size")
_X0, _TOP = operator.attrgetter("x0"), operator.attrgetter("top")
_RENDER_MODE, _DIRECTION = operator.attrgetter("render_mode"), operator.attrgetter("direction")
_HALF = (1).__rrshift__  # k -> k >> 1


def dedupe_overprint(
    chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Char]:
    """Glyphs drawn again over themselves (fake bold, shadows) kept once, the first drawn.

    Two glyphs are one when text and size agree and their boxes are offset by at most
    ``settings.overprint`` em vertically and by at most min(that, ``overprint_width_share`` x
    glyph width) horizontally. Adjacent genuine letters ("tt" in "mått") are one advance
    (= the glyph's width) apart, so they never merge; a zero-width glyph merges with a
    copy within ``settings.overprint`` em (two identical marks on one letter do not occur).

    Glyphs are looked up in a grid of cells ``settings.overprint`` em wide (``overprint_cells``);
    only those with a twin (same text and size) in a neighbouring cell are compared
    (``keep_first_drawn``), the rest are kept at once (``near_twins``).
    """
    twins = _twins(*_cell_columns(chars, settings.overprint))
    if not twins:
        return list(chars)
    keep = [True] * len(chars)
    for index, kept in zip(
        twins, keep_first_drawn([chars[i] for i in twins], settings), strict=True
    ):
        keep[index] = kept
    return list(compress(chars, keep))


def overprint_cells(chars: Sequence[Char], tolerance: float) -> list[tuple[str, float, int, int]]:
    """Each glyph's grid cell for ``dedupe_overprint``: (text, size rounded to 0.1 pt, column,
    row), the cells ``tolerance`` em (of the rounded size, at least 0.1 pt) wide and high."""
    return list(zip(*_cell_columns(chars, tolerance), strict=True))


def _cell_columns(
    chars: Sequence[Char], tolerance: float
) -> tuple[list[str], list[float], list[int], list[int]]:
    sizes = list(map(Tenths().__getitem__, map(_SIZE, chars)))
    cell_of = {size: max(tolerance * size, 0.1) for size in set(sizes)}
    cells = list(map(cell_of.__getitem__, sizes))
    columns = list(map(int, map(operator.floordiv, map(_X0, chars), cells)))
    rows = list(map(int, map(operator.floordiv, map(_TOP, chars), cells)))
    return list(map(_TEXT, chars)), sizes, columns, rows


def near_twins(cells: Sequence[tuple[str, float, int, int]]) -> list[int]:
    """Positions (ascending) of the cells that share text and size with another one at most one
    column and one row away.

    Each cell becomes one integer, (text and size numbered) x rows x columns + row x columns
    + column, counted from the lowest row and column with one spare row and column, so that
    the neighbours of a cell are the integers 0, 1, columns - 1, columns and columns + 1 away
    and nothing else: a set of them answers for every cell at once."""
    return _twins(*zip(*cells, strict=True)) if cells else []


def _twins(
    texts: Sequence[str], sizes: Sequence[float], columns: Sequence[int], rows: Sequence[int]
) -> list[int]:
    if len(texts) < 2:
        return []
    styles = map(_Numbering().__getitem__, zip(texts, sizes, strict=True))
    low_column, low_row = min(columns), min(rows)
    width = max(columns) - low_column + 2  # the last column and row stay empty
    height = max(rows) - low_row + 2
    places = map(operator.add, map(width.__mul__, map((-low_row).__add__, rows)), columns)
    keys = list(map(operator.add, map((width * height).__mul__, styles), places))
    taken = set(keys)
    steps = (1, width - 1, width, width + 1)
    if len(taken) == len(keys) and not any(
        any(map(taken.__contains__, map(step.__add__, keys))) for step in steps
    ):
        return []
    counts = Counter(keys)
    twins = {i for i, key in enumerate(keys) if counts[key] > 1}
    for step in steps:
        for i, key in enumerate(keys):
            if key + step in taken or key - step in taken:
                twins.add(i)
    return sorted(twins)


class _Numbering(dict[tuple[str, float], int]):
    """Keys numbered 0, 1, 2 ... in the order first seen."""

    def __missing__(self, key: tuple[str, float]) -> int:
        number = self[key] = len(self)
        return number


def keep_first_drawn(
    chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[bool]:
    """Per glyph, in drawing order: kept (no glyph kept before it overprints it, looked up in
    the 3 x 3 grid cells around its own). ``dedupe_overprint`` without its shortcut: the
    glyphs it keeps are ``compress(chars, keep_first_drawn(chars))``."""
    keep = []
    grid: dict[tuple[str, float, int, int], list[Char]] = defaultdict(list)
    for char, (text, size, gx, gy) in zip(
        chars, overprint_cells(chars, settings.overprint), strict=True
    ):
        near = (
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in grid.get((text, size, gx + dx, gy + dy), ())
        )
        if any(_overprints(other, char, settings) for other in near):
            keep.append(False)
            continue
        grid[(text, size, gx, gy)].append(char)
        keep.append(True)
    return keep


def _overprints(first: Char, again: Char, settings: LayoutSettings) -> bool:
    tolerance = settings.overprint
    em = max(first.size, again.size)
    width = max(first.width, again.width)
    # zero-width glyphs (combining marks) never stand one advance apart: em tolerance only
    dx_limit = (
        min(tolerance * em, settings.overprint_width_share * width) if width > 0 else tolerance * em
    )
    return abs(first.x0 - again.x0) <= dx_limit and abs(first.top - again.top) <= tolerance * em


def drop_invisible(
    chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Char]:
    """Invisible text (render mode 3/7) read once.

    A page whose only text is invisible (an OCR'd scan) keeps it. Otherwise an invisible
    glyph is dropped when at least ``invisible_cover`` of its box lies on visible glyphs (an OCR
    or accessibility layer over the same text); invisible text elsewhere on the page (OCR of a
    scanned part next to a visible stamp or running header) is kept.
    """
    if INVISIBLE_MODES.isdisjoint(map(_RENDER_MODE, chars)):
        return list(chars)
    visible = [c for c in chars if c.render_mode not in INVISIBLE_MODES]
    if not any(c.text.strip() for c in visible):
        return list(chars)
    index = _row_index(visible)  # visible spaces too: an invisible space over one is a copy
    return [
        c
        for c in chars
        if c.render_mode not in INVISIBLE_MODES or _covered(c, index) < settings.invisible_cover
    ]


def _row_index(chars: Iterable[Char], band: float = ROW_BAND) -> dict[int, list[Char]]:
    index: dict[int, list[Char]] = defaultdict(list)
    for c in chars:
        for key in range(int(c.top // band), int(c.bottom // band) + 1):
            index[key].append(c)
    return index


def _covered(char: Char, index: Mapping[int, list[Char]], band: float = ROW_BAND) -> float:
    """Share of the glyph's box area that lies on visible glyph boxes (overlaps summed)."""
    area = max(char.width, 1e-6) * max(char.bottom - char.top, 1e-6)
    seen = {
        id(o): o
        for k in range(int(char.top // band), int(char.bottom // band) + 1)
        for o in index.get(k, ())
    }
    total = 0.0
    for o in seen.values():
        w = min(char.x1, o.x1) - max(char.x0, o.x0)
        h = min(char.bottom, o.bottom) - max(char.top, o.top)
        total += max(w, 0.0) * max(h, 0.0)
    return min(total / area, 1.0)


def is_undecodable(char: Char) -> bool:
    """A glyph whose text says nothing: no Unicode map, U+FFFD, a control/unassigned code
    point, or a letter of a script that cannot occur in a Swedish report (not Latin)."""
    if char.unmapped or "(cid:" in char.text:
        return True
    return any(is_undecodable_text(ch) for ch in char.text)


def is_undecodable_text(ch: str) -> bool:
    """One code point that says nothing: U+FFFD, a control or unassigned code point, or a
    letter of a script that cannot occur in a Swedish report (not Latin; µ ª º allowed)."""
    if ch == REPLACEMENT:
        return True
    category = unicodedata.category(ch)
    if category in {"Cc", "Cn", "Cs"}:
        return True
    if category in {"Lu", "Ll", "Lt", "Lo"}:  # modifier letters (Lm: ʼ ˆ) are punctuation
        name = unicodedata.name(ch, "")
        return not name.startswith("LATIN") and ch not in "\u00b5\u00aa\u00ba"
    return False


def undecodable_share(text: Iterable[str]) -> float:
    """Share of the non-space code points of ``text`` (pieces of a document's text, after
    bullets were named) that ``is_undecodable_text`` (0.0 for no text). Each distinct code
    point is judged once."""
    counts = Counter("".join(text))
    points = {ch: n for ch, n in counts.items() if not ch.isspace()}
    total = sum(points.values())
    return sum(n for ch, n in points.items() if is_undecodable_text(ch)) / total if total else 0.0


def unreadable(share: float, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """True for a document whose undecodable share exceeds ``settings.unreadable_share``."""
    return share > settings.unreadable_share


def reading_rotation(chars: Iterable[Char]) -> int:
    """The direction most non-space glyphs run in (0, 90, 180, 270): the turn to undo."""
    counts: dict[int, int] = defaultdict(int)
    for c in chars:
        if c.text.strip():
            counts[c.direction] += 1
    return max(counts, key=lambda d: (counts[d], d == 0)) if counts else 0


def upright_chars(chars: Sequence[Char], rotation: int, width: float, height: float) -> list[Char]:
    """Chars of a page whose text runs ``rotation`` degrees clockwise (as pdfminer delivers a
    page: /Rotate already applied, ``width`` x ``height`` as displayed), in the frame where
    that text runs left to right: a (height x width) page for 90 and 270.

    Boxes are turned with the page; ``direction`` is reduced by ``rotation``; a glyph that is
    now upright gets ``size`` from its box height (pdfminer gives a sideways glyph's advance).
    """
    rotation %= 360
    if rotation == 0:
        return list(chars)
    return [_turn(c, rotation, width, height) for c in chars]


def _turn(c: Char, rotation: int, width: float, height: float) -> Char:
    if rotation == 90:  # text runs down the page: new x = top, new top = width - x
        x0, x1, top, bottom = c.top, c.bottom, width - c.x1, width - c.x0
    elif rotation == 270:  # text runs up the page
        x0, x1, top, bottom = height - c.bottom, height - c.top, c.x0, c.x1
    elif rotation == 180:
        x0, x1, top, bottom = width - c.x1, width - c.x0, height - c.bottom, height - c.top
    else:
        raise ValueError(f"rotation must be a multiple of 90, not {rotation}")
    direction = (c.direction - rotation) % 360
    size = bottom - top if direction == 0 and rotation != 180 else c.size
    return c._replace(
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=size,
        direction=direction,
        upright=direction == 0,
    )


def upright_page_size(rotation: int, width: float, height: float) -> tuple[float, float]:
    """The page size in the frame of ``upright_chars``."""
    return (height, width) if rotation % 180 == 90 else (width, height)


def split_directions(chars: Iterable[Char]) -> dict[int, list[Char]]:
    """Chars grouped by ``direction``. After ``upright_chars`` the page's reading text is
    direction 0; another group (a rotated table header, a vertical margin note) is read on
    its own, turned with ``upright_chars(group, direction, w, h)``, never mixed into rows."""
    groups: dict[int, list[Char]] = defaultdict(list)
    for c in chars:
        groups[c.direction].append(c)
    return dict(groups)


@dataclass(frozen=True, slots=True)
class CleanPage:
    """A page's cleaned reading text (direction 0), its size in that frame, and the glyphs
    that run in other directions (by direction, same frame), left for the caller to read."""

    chars: list[Char]
    width: float
    height: float
    other_directions: dict[int, list[Char]]


def clean_page(
    chars: Sequence[Char], width: float, height: float, settings: LayoutSettings = DEFAULT_SETTINGS
) -> CleanPage:
    """Every char-level step for one page (see the module docstring for the order)."""
    if set(map(_DIRECTION, chars)) <= {0}:  # all upright, as on most pages: nothing to turn
        rotation, reading, groups = 0, list(chars), {}
    else:
        rotation = reading_rotation(chars)
        groups = split_directions(upright_chars(chars, rotation, width, height))
        reading = groups.pop(0, [])
    # dedupe before normalising (copies drawn glyph by glyph, marks apart) and after it
    # (copies whose glyphs were mapped differently but read the same once normalised); when
    # normalising changed no glyph, the second would keep every one (the first kept no copy)
    visible = dedupe_overprint(drop_invisible(reading, settings), settings)
    normalised = normalise_text(visible, settings)
    unchanged = len(normalised) == len(visible) and all(map(operator.is_, normalised, visible))
    cleaned = normalised if unchanged else dedupe_overprint(normalised, settings)
    return CleanPage(cleaned, *upright_page_size(rotation, width, height), groups)
