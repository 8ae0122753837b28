"""Every value carries the box of the words it was read from: lines built from text, no PDF.

``line_from_text`` lays words out at half the font size per character (11 pt type: 5.5 pt a
character, one character's width between words), so each expected box below is worked out
from the text and its position, not taken from the program.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kompass_extract.models import Area, Finding
from kompass_extract.parse.box import parse_box
from kompass_extract.parse.bullets import lines_to_list
from kompass_extract.parse.extent import (
    Extent,
    PageFrame,
    box_fields,
    lines_extent,
    report_in_page_frame,
    turned_back,
)
from kompass_extract.parse.overview import lines_to_tables
from kompass_extract.parse.segment import heading_score_extent, lines_to_sections
from kompass_extract.parse.typography import Metrics
from kompass_extract.read.chars import Char
from kompass_extract.read.glyphs import upright_chars, upright_page_size
from kompass_extract.read.layout import line_from_text
from tests.dataset_reports import make_report
from tests.textlines import cells

METRICS = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=520.0)
CHAR = 5.5  # points per character of 11 pt type in line_from_text


def width(text: str) -> float:
    return len(text) * CHAR


def test_a_box_is_the_union_of_the_words_on_its_first_page_rounded_to_hundredths() -> None:
    lines = [
        line_from_text("Första raden", 3, 700.123, x0=80),
        line_from_text("och en längre andra rad", 3, 714.0, x0=80),
        line_from_text("sista raden på nästa sida", 4, 72.0, x0=80),
    ]
    extent = lines_extent(lines)
    assert extent == Extent(3, 80.0, 700.123, 80 + width("och en längre andra rad"), 725.0)
    assert lines_extent(lines, page=4) == Extent(4, 80.0, 72.0, 80 + width(lines[2].text), 83.0)
    assert box_fields(extent)["top"] == 700.12
    assert box_fields(None, "score_") == dict.fromkeys(
        ("score_x0", "score_top", "score_x1", "score_bottom")
    )


def test_a_finding_has_the_box_of_its_text_without_the_bullet_and_only_on_its_page() -> None:
    lines = [
        line_from_text("• Ett första påstående", 5, 100, x0=70),
        line_from_text("• En styrka som fortsätter", 5, 760, x0=70),
        line_from_text("på nästa sida.", 6, 72, x0=81),
    ]
    first, second = lines_to_list(lines, METRICS).items
    bullet = width("•") + CHAR  # the bullet word and the space after it
    assert first.extent == Extent(
        5, 70 + bullet, 100, 70 + bullet + width("Ett första påstående"), 111
    )
    assert second.text == "En styrka som fortsätter på nästa sida."
    right = 70 + bullet + width("En styrka som fortsätter")
    assert (second.page, second.extent) == (5, Extent(5, 70 + bullet, 760, right, 771))


def test_table_box_subareas_leave_out_the_score_column_and_the_score_has_its_word() -> None:
    lines = [
        cells(8, 100, (80, "Rubriker"), (450, "Poäng"), bold=True),
        cells(8, 114, (80, "• Information till medborgare ")),
        cells(8, 128, (80, "• Dialog och medborgarmedverkan "), (455, "55")),
        line_from_text("Allmänt", 8, 190, x0=70, bold=True),
    ]
    box = parse_box(lines, METRICS)
    assert box is not None and box.score == 55
    text_x0 = 80 + width("•") + CHAR
    assert [s.extent for s in box.subareas] == [
        Extent(8, text_x0, 114, text_x0 + width("Information till medborgare"), 125),
        Extent(8, text_x0, 128, text_x0 + width("Dialog och medborgarmedverkan"), 139),
    ]
    assert box.score_extent == Extent(8, 455, 128, 455 + width("55"), 139)


def list_then(*tail: str) -> list:
    return [
        line_from_text("• Information och insyn", 9, 100, x0=80),
        line_from_text("• Medborgardialog", 9, 114, x0=80),
        *(line_from_text(text, 9, 140 + 14 * n) for n, text in enumerate(tail)),
    ]


def test_a_labelled_score_after_the_list_has_the_box_of_its_number() -> None:
    box = parse_box(list_then("Poäng: 53", "Allmänt"), METRICS)
    assert box is not None and box.score == 53
    start = 70 + width("Poäng:") + CHAR
    assert box.score_extent == Extent(9, start, 140, start + width("53"), 151)


def test_a_score_on_the_heading_has_the_box_of_its_word_and_the_area_that_of_its_heading() -> None:
    heading = line_from_text("Område 3 Politisk styrning 60 poäng", 2, 100, bold=True)
    lines = [heading, *list_then("Allmänt")]
    (block,) = lines_to_sections(lines, METRICS).areas
    assert block.heading_score == 60
    assert block.extent == Extent(2, 70, 100, 70 + width(heading.text), 111)
    start = 70 + width("Område 3 Politisk styrning ")
    assert block.score_extent == Extent(2, start, 100, start + width("60"), 111)
    box = parse_box(block.lines, METRICS, block.heading_score, None, block.score_extent)
    assert box is not None and box.score_extent == block.score_extent


def test_no_word_holding_the_score_gives_no_box_rather_than_a_guess() -> None:
    heading = [line_from_text("Område 3 Politisk styrning 100 av 160 poäng", 2, 100)]
    assert heading_score_extent(heading, 10) is None
    assert heading_score_extent(heading, 100) == Extent(
        2,
        70 + width("Område 3 Politisk styrning "),
        100,
        70 + width("Område 3 Politisk styrning 100"),
        111,
    )


def row(page: int, top: float, text: str, *figures: str):
    places = [(70.0, text)] if text else []
    return cells(page, top, *places, *zip((390.0, 432.0, 475.0), figures, strict=False))


def test_a_question_row_box_covers_id_text_and_figures_and_the_total_row_its_own() -> None:
    lines = [
        cells(38, 100, (70, "1. Offentlighet"), (380, "Uppnått"), (430, "Max"), (470, "Procent")),
        row(38, 114, "1.1 Finns en plan för", "7", "15", "45"),
        row(38, 128, "demokratiutveckling?"),
        row(38, 142, "1.2 Informeras invånarna?", "15", "20", "75"),
        row(38, 156, "", "55", "100", "55"),
    ]
    (table,) = lines_to_tables(lines)
    first, second = table.rows
    assert first.extent == Extent(38, 70, 114, 475 + width("45"), 139)
    assert second.extent == Extent(38, 70, 142, 475 + width("75"), 153)
    assert table.total is not None
    assert table.total.extent == Extent(38, 390, 156, 475 + width("55"), 167)


def test_a_row_broken_across_pages_keeps_the_box_of_its_first_page() -> None:
    lines = [
        cells(38, 100, (70, "1. Offentlighet"), (380, "Uppnått"), (430, "Max"), (470, "Procent")),
        row(38, 780, "1.1 Finns en plan för", "7", "15", "45"),
        row(39, 72, "demokratiutveckling och information och mycket mer?"),
    ]
    (table,) = lines_to_tables(lines)
    assert table.rows[0].extent == Extent(38, 70, 780, 475 + width("45"), 791)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_box_on_a_turned_page_is_turned_back_into_the_page_as_displayed(rotation: int) -> None:
    width_, height = 595.0, 842.0  # the page as displayed
    glyph = Char("A", 100.0, 108.0, 200.0, 211.0, 11.0, "Helvetica", direction=rotation)
    (turned,) = upright_chars([glyph], rotation, width_, height)
    frame = PageFrame(rotation, *upright_page_size(rotation, width_, height))
    back = turned_back((turned.x0, turned.top, turned.x1, turned.bottom), frame)
    assert back == pytest.approx((100.0, 200.0, 108.0, 211.0))


def test_report_in_page_frame_turns_the_boxes_of_turned_pages_only() -> None:
    report = make_report("Testby", None, 2019, [50] * 8)
    on_turned = Finding(
        kind="strength", position=1, text="a", page=7, **box_fields(Extent(7, 10, 20, 30, 40))
    )
    on_upright = Finding(
        kind="strength", position=2, text="b", page=3, **box_fields(Extent(3, 10, 20, 30, 40))
    )
    area = report.areas[0].model_copy(update={"findings": (on_turned, on_upright)})
    report = report.model_copy(update={"areas": (area, *report.areas[1:])})
    turned = report_in_page_frame(report, {7: PageFrame(90, 842.0, 595.0)})
    first, second = turned.areas[0].findings
    assert (first.x0, first.top, first.x1, first.bottom) == (555.0, 10.0, 575.0, 30.0)
    assert second == on_upright
    assert report_in_page_frame(report, {}) is report


def test_a_box_is_all_four_sides_or_none_and_a_score_box_names_its_page() -> None:
    with pytest.raises(ValidationError, match="all of x0"):
        Finding(kind="strength", position=1, text="a", page=1, x0=1.0)
    with pytest.raises(ValidationError, match="not a box"):
        Finding(kind="strength", position=1, text="a", page=1, x0=9.0, top=1.0, x1=2.0, bottom=3.0)
    with pytest.raises(ValidationError, match="score_page"):
        Area(area_no=1, area_name="A", page=1, score_x0=1, score_top=1, score_x1=2, score_bottom=2)
