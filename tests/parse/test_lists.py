"""Lists without a bullet in the text layer: other glyphs, drawn bullets, spacing, indents."""

from __future__ import annotations

import pytest

from kompass_extract.parse.bullets import lines_to_list, split_bullet
from kompass_extract.parse.marks import page_to_lines, with_drawn_bullet
from kompass_extract.parse.typography import Metrics
from kompass_extract.read.layout import Line, Mark, Page, line_from_text

METRICS = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=520.0)
FIRST = "Staden har en antagen policy för medborgardialog."
SECOND = "Handlingar till fullmäktige publiceras en vecka före sammanträdet."


def at(text: str, top: float, x0: float = 90.0, page: int = 1) -> Line:
    return line_from_text(text, page, top, x0=x0)


@pytest.mark.parametrize("glyph", ["\ufffd", "\ue000", "\uf0d8", "(cid:7)", "➢", "✓", "→"])
def test_any_symbol_or_undecodable_glyph_at_the_line_start_is_a_bullet(glyph: str) -> None:
    alone = split_bullet(at(f"{glyph} {FIRST}", 100))
    glued = split_bullet(at(f"{glyph}{FIRST}", 100))
    assert alone is not None and alone.text == FIRST
    assert glued is not None and glued.text == FIRST


@pytest.mark.parametrize("text", ["„Citat” ur rapporten", "-talet var bättre", "(se ovan) text"])
def test_quotes_brackets_and_glued_dashes_are_no_bullets(text: str) -> None:
    assert split_bullet(at(text, 100)) is None


def test_items_spaced_wider_than_the_line_pitch_are_split_there() -> None:
    """The bullets' glyph is missing from the font: single-line items 18.7 pt apart, while
    the text's lines are 14 pt apart."""
    lines = [at(FIRST, 100), at(SECOND, 118.7), at("Ungdomsrådet får yttra sig.", 137.4)]
    found = lines_to_list(lines, METRICS)
    assert [i.text for i in found.items] == [FIRST, SECOND, "Ungdomsrådet får yttra sig."]
    assert found.split_by == "spacing"


def test_wrapped_items_keep_their_lines_when_only_the_spacing_tells_them_apart() -> None:
    lines = [at(FIRST, 100), at("och i alla större planärenden.", 114), at(SECOND, 132)]
    found = lines_to_list(lines, METRICS)
    assert [i.text for i in found.items] == [f"{FIRST} och i alla större planärenden.", SECOND]


def test_a_hanging_indent_marks_each_first_line() -> None:
    lines = [
        at(FIRST, 100, x0=80),
        at("och används i alla planärenden.", 114, x0=92),
        at(SECOND, 128, x0=80),
        at("Ungdomsrådet får yttra sig.", 142, x0=80),
    ]
    found = lines_to_list(lines, METRICS)
    assert [i.text for i in found.items] == [
        f"{FIRST} och används i alla planärenden.",
        SECOND,
        "Ungdomsrådet får yttra sig.",
    ]
    assert found.split_by == "indent"


def test_without_spacing_or_indent_a_short_line_before_a_capital_ends_an_item() -> None:
    full = "Staden har en antagen policy för medborgardialog som används i alla större"
    lines = [
        at(full, 100, x0=70),
        at("planärenden och i budgetarbetet.", 114, x0=70),
        at(SECOND, 128, x0=70),
    ]
    metrics = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=at(full, 0, x0=70).x1)
    found = lines_to_list(lines, metrics)
    assert [i.text for i in found.items] == [f"{full} planärenden och i budgetarbetet.", SECOND]
    assert found.split_by == "line_ends"


def test_one_wrapped_item_stays_one() -> None:
    full = "Staden har en antagen policy för medborgardialog som används i alla större"
    lines = [at(full, 100, x0=70), at("planärenden.", 114, x0=70)]
    metrics = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=at(full, 0, x0=70).x1)
    found = lines_to_list(lines, metrics)
    assert ([i.text for i in found.items], found.split_by) == ([f"{full} planärenden."], "none")


def test_a_small_mark_just_left_of_a_line_is_its_bullet() -> None:
    line = at(FIRST, 100, x0=90)
    disc = Mark(78.0, 103.0, 83.0, 108.0)
    marked = with_drawn_bullet(line, [disc])
    assert [w.text for w in marked.words[:2]] == ["•", "Staden"]
    assert split_bullet(marked) is not None and split_bullet(marked).text == FIRST


@pytest.mark.parametrize(
    "mark",
    [
        Mark(20.0, 103.0, 25.0, 108.0),  # far left of the text
        Mark(78.0, 130.0, 83.0, 135.0),  # on another line
        Mark(60.0, 96.0, 85.0, 121.0),  # larger than the type
    ],
)
def test_marks_elsewhere_or_larger_than_the_type_are_no_bullets(mark: Mark) -> None:
    line = at(FIRST, 100, x0=90)
    assert with_drawn_bullet(line, [mark]) == line


def test_a_page_with_drawn_bullets_gives_bulleted_lines() -> None:
    lines = (at(FIRST, 100), at(SECOND, 118))
    marks = (Mark(78.0, 103.0, 83.0, 108.0), Mark(78.0, 121.0, 83.0, 126.0))
    page = Page(1, 595.0, 842.0, lines, 100, marks)
    found = lines_to_list(page_to_lines(page), METRICS)
    assert ([i.text for i in found.items], found.split_by) == ([FIRST, SECOND], "bullets")
