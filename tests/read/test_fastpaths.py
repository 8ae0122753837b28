"""The reader's shortcuts change nothing: over generated glyph lists, each step with its
page-level shortcuts gives what the plain per-glyph rule gives.

The plain rules are the documented ones: ``keep_first_drawn`` (every glyph looked up in the
overprint grid), ``normalise_every_glyph`` (every normalising step on every glyph) and, for
``chars_to_lines``, the row rules of ``words`` applied glyph by glyph (``_lines_by_the_rules``
below). The glyph lists mix what makes the shortcuts step aside: overprinted copies at and
around the tolerance, invisible text, turned text, ligatures, marks and accents, soft
hyphens, zero-width letters, unnamed bullets, bold fonts, rows close together.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import compress

from hypothesis import given, settings
from hypothesis import strategies as st

from kompass_extract.read.chars import REPLACEMENT, SOFT_HYPHEN, Char, Tenths, chars_from_columns
from kompass_extract.read.glyphs import (
    clean_page,
    dedupe_overprint,
    drop_invisible,
    is_undecodable_text,
    keep_first_drawn,
    near_twins,
    overprint_cells,
    reading_rotation,
    split_directions,
    undecodable_share,
    upright_chars,
    upright_page_size,
)
from kompass_extract.read.layout import Line, Word
from kompass_extract.read.lines import BOLD_FONT, chars_to_lines, chars_to_rows, make_word
from kompass_extract.read.normalise import normalise_every_glyph, normalise_text
from kompass_extract.read.words import (
    is_word_gap,
    recognise_bullet,
    resolve_soft_hyphens,
    row_baseline,
    row_style,
    style_baselines,
)
from kompass_extract.settings import DEFAULT_SETTINGS

PLAIN = [*"aaeeilnsttÅäö1-.", " ", " "]
SPECIAL = [
    "\u00a0",
    "\t",
    "",
    SOFT_HYPHEN,
    "\u0002",
    "\u0308",
    "\u030a",
    "\u00a8",
    "\u00b4",
    "a\u0308",
    "\ufb01",
    "\ufb03",
    "fi",
    "\uf0b7",
    REPLACEMENT,
    "(cid:7)",
    "\x96",
    "\u200b",
    "Σ",
    "\u2022",
]
FONTS = ["Times-Roman", "Times-Bold", "Symbol", "ArialMT-SemiBold"]
# em offsets around the overprint tolerance (0.1 em) and the word gap (0.13 em)
OFFSETS = [0.0, 0.0, 0.01, 0.03, 0.049, 0.05, 0.099, 0.1, 0.101, 0.13, 0.2, -0.02, -0.1]


@st.composite
def glyph_lists(draw, *, turned: bool = True) -> list[Char]:  # type: ignore[no-untyped-def]
    """Rows of glyphs in drawing order, some drawn again nearby, rows at and around the line
    tolerance from each other. Each list draws which conditions it has (special texts, render
    modes, directions, copies), so that plain pages, where the shortcuts apply, come too."""
    texts = PLAIN + 5 * draw(st.lists(st.sampled_from(SPECIAL), max_size=3))
    modes = draw(st.sampled_from([[0], [0, 0, 3], [0, 1, 7]]))
    directions = draw(st.sampled_from([[0], [0, 0, 90], [0, 180, 270]])) if turned else [0]
    copies = draw(st.sampled_from([0, 0, 2, 5]))  # in 10 glyphs
    chars: list[Char] = []
    for _ in range(draw(st.integers(0, 4))):
        top = draw(st.sampled_from([100.0, 100.3, 102.9, 104.6, 118.0, 40.0]))
        size = draw(st.sampled_from([6.0, 9.96, 10.0, 10.04, 12.0, 0.0]))
        font = draw(st.sampled_from(FONTS))
        x = draw(st.sampled_from([72.0, 0.0, -3.0]))
        if draw(st.integers(0, 3)) == 0:  # a bullet from a symbol font, maybe unnamed
            bullet = draw(st.sampled_from(["\uf0b7", REPLACEMENT, "\u2022", "o"]))
            chars.append(Char(bullet, x, x + 0.4 * size, top, top + size, size, "Symbol"))
            x += draw(st.sampled_from([0.4, 0.5, 0.6])) * size
        for _ in range(draw(st.integers(0, 10))):
            width = draw(st.sampled_from([0.5, 0.5, 0.28, 0.0, 0.0004])) * size
            char = Char(
                draw(st.sampled_from(texts)),
                x,
                x + width,
                top + draw(st.sampled_from(OFFSETS)) * size,
                top + size,
                size + draw(st.sampled_from([0.0, 0.0, 0.04])),
                draw(st.sampled_from([font, font, *FONTS])),
                draw(st.sampled_from(modes)),
                True,
                draw(st.integers(0, 9)) == 0,
                draw(st.sampled_from(directions)),
            )
            chars.append(char)
            if draw(st.integers(0, 9)) < copies:  # drawn again (fake bold, shadow), or beside
                dx, dy = draw(st.sampled_from(OFFSETS)), draw(st.sampled_from(OFFSETS))
                chars.append(char._replace(x0=char.x0 + dx * size, x1=char.x1 + dx * size,
                                     top=char.top + dy * size))  # fmt: skip
            if draw(st.integers(0, 4)) == 0:  # the next glyph drawn over this one (an accent)
                x = char.x0
            else:
                x += width + draw(st.sampled_from(OFFSETS)) * size
    order = draw(st.permutations(range(len(chars)))) if draw(st.booleans()) else range(len(chars))
    return [chars[i] for i in order]


FEW = settings(max_examples=150, deadline=None, database=None)


@FEW
@given(glyph_lists())
def test_near_twins_are_the_glyphs_with_a_twin_one_cell_away(chars):
    cells = overprint_cells(chars, DEFAULT_SETTINGS.overprint)
    brute = {
        i
        for i, (text, size, col, row) in enumerate(cells)
        for j, (text2, size2, col2, row2) in enumerate(cells)
        if i != j
        and (text, size) == (text2, size2)
        and abs(col - col2) <= 1
        and abs(row - row2) <= 1
    }
    assert near_twins(cells) == sorted(brute)


@FEW
@given(glyph_lists())
def test_dedupe_overprint_is_the_grid_rule_on_every_glyph(chars):
    assert dedupe_overprint(chars) == list(compress(chars, keep_first_drawn(chars)))


@FEW
@given(glyph_lists())
def test_normalise_text_is_every_step_on_every_glyph(chars):
    assert normalise_text(chars) == normalise_every_glyph(chars)


@FEW
@given(glyph_lists())
def test_clean_page_is_its_steps_without_shortcuts(chars):
    width, height = 595.0, 842.0
    rotation = reading_rotation(chars)
    groups = split_directions(upright_chars(chars, rotation, width, height))
    reading = groups.pop(0, [])
    visible = drop_invisible(reading)
    visible = list(compress(visible, keep_first_drawn(visible)))
    plain = normalise_every_glyph(visible)
    cleaned = list(compress(plain, keep_first_drawn(plain)))
    page = clean_page(chars, width, height)
    assert page.chars == cleaned
    assert page.other_directions == groups
    assert (page.width, page.height) == upright_page_size(rotation, width, height)


@FEW
@given(st.lists(st.text(alphabet=sorted({*"".join(PLAIN + SPECIAL), "Ж", "\n", "\x00"}))))
def test_undecodable_share_is_the_share_of_code_points_one_by_one(pieces):
    points = [ch for piece in pieces for ch in piece if not ch.isspace()]
    expected = sum(map(is_undecodable_text, points)) / len(points) if points else 0.0
    assert undecodable_share(pieces) == expected


def test_drop_invisible_without_invisible_text_keeps_every_glyph():
    chars = [Char("a", 0, 5, 0, 10, 10, "F", mode) for mode in (0, 1, 2, 4, 5, 6)]
    assert drop_invisible(chars) == chars


@FEW
@given(glyph_lists(turned=False))
def test_chars_to_lines_is_the_row_rules_glyph_by_glyph(chars):
    assert chars_to_lines(chars, 3) == _lines_by_the_rules(chars, 3)


def test_a_row_left_without_glyphs_by_a_soft_hyphen_reads_as_no_line():
    alone = Char(SOFT_HYPHEN, 10.0, 10.0, 100.0, 112.0, 12.0, "Times-Roman")
    assert chars_to_lines([alone], 1) == []


def test_tenths_round_each_value_as_round_does():
    tenths = Tenths()
    values = [0.05, 0.15, 0.25, 10.04, 10.05, 2.675, -0.05, 1e300, float("inf")]
    assert [tenths[v] for v in values * 2] == [round(v, 1) for v in values * 2]


def test_chars_from_columns_equal_chars_made_by_init():
    made = [
        Char("a", 1.0, 2.0, 3.0, 4.0, 5.0, "F"),
        Char("b", 0, 1, 2, 3, 4, "G", 3, False, True, 90),
    ]
    fields = ("text", "x0", "x1", "top", "bottom", "size", "fontname")
    fields += ("render_mode", "upright", "unmapped", "direction")
    columns = [[getattr(c, name) for c in made] for name in fields]
    assert list(chars_from_columns(columns)) == made


# --- the row rules, glyph by glyph: what chars_to_lines must equal ------------------------------
def _lines_by_the_rules(chars: list[Char], page_number: int) -> list[Line]:
    rows = []
    for char in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        tolerance = max(
            DEFAULT_SETTINGS.line_tolerance_min, DEFAULT_SETTINGS.line_tolerance * char.size
        )
        if rows and abs(char.bottom - rows[-1][0].bottom) <= tolerance:
            rows[-1].append(char)
        else:
            rows.append([char])
    rows = [sorted(row, key=lambda c: c.x0 + c.x1) for row in rows]
    assert rows == chars_to_rows(chars)
    styles = defaultdict(float, style_baselines(rows))  # a row emptied by resolving: no words
    lines = []
    for row in rows:
        row = resolve_soft_hyphens(row)
        baseline = row_baseline(row, styles[row_style(row)])
        row = recognise_bullet(row, baseline)
        words = _words_by_the_rules(row, baseline)
        if words:
            glyphs = [c for c in row if not c.text.isspace()]
            size = Counter(round(c.size, 1) for c in glyphs).most_common(1)[0][0]
            bold = sum(1 for c in glyphs if BOLD_FONT.search(c.fontname)) * 2 > len(glyphs)
            lines.append(Line(page_number, tuple(words), size, bold))
    return sorted(lines, key=operator.attrgetter("top", "x0"))


def _words_by_the_rules(row: list[Char], baseline: float) -> list[Word]:
    words: list[Word] = []
    current: list[Char] = []
    for char in row:
        if char.text.isspace():
            if current:
                words.append(make_word(current, space_after=True))
                current = []
            elif words and not words[-1].space_after:
                words[-1] = replace(words[-1], space_after=True)
            continue
        if current and is_word_gap(current[-1], char, baseline):
            words.append(make_word(current, space_after=False))
            current = []
        current.append(char)
    if current:
        words.append(make_word(current, space_after=False))
    return words
