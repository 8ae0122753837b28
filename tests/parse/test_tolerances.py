"""The parsers read their tolerances from the LayoutSettings a caller passes (directly, or with
the measured Metrics), not from constants: each test shows one layout read differently under a
changed setting."""

from __future__ import annotations

from dataclasses import replace

from kompass_extract.parse.box import parse_box
from kompass_extract.parse.metadata import find_evaluators
from kompass_extract.parse.segment import find_headings
from kompass_extract.parse.typography import Metrics, lines_to_text, measure
from kompass_extract.pipeline import Source, lines_to_report
from kompass_extract.read.layout import line_from_text
from kompass_extract.settings import DEFAULT_SETTINGS
from tests.textlines import cells

METRICS = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=520.0)
GAP = 17.5  # 1.25 line pitches: above the default paragraph gap (1.2), below 1.3


def two_paragraphs_or_one() -> list:
    return [
        line_from_text("Kommunen informerar väl om", 3, 100),
        line_from_text("sina beslut och resultat.", 3, 114),
        line_from_text("Dialogen med invånarna", 3, 114 + GAP),
        line_from_text("är god.", 3, 128 + GAP),
    ]


def test_the_paragraph_gap_decides_where_a_paragraph_ends() -> None:
    lines = two_paragraphs_or_one()
    assert lines_to_text(lines, METRICS).count("\n\n") == 1
    wider = replace(METRICS, settings=replace(DEFAULT_SETTINGS, paragraph_gap=1.3))
    assert lines_to_text(lines, wider).count("\n\n") == 0


def test_measure_hands_its_settings_on_with_the_metrics() -> None:
    settings = replace(DEFAULT_SETTINGS, paragraph_gap=1.3)
    assert measure(two_paragraphs_or_one(), settings).settings is settings
    assert measure([]).settings is DEFAULT_SETTINGS


def test_lines_to_report_hands_its_settings_to_the_parsers() -> None:
    lines = [
        line_from_text("Område 1 Offentlighet och demokrati", 3, 60, size=14, bold=True),
        line_from_text("SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK", 3, 86, bold=True),
        *two_paragraphs_or_one(),
    ]
    source = Source("report.pdf", "0" * 64, 3)
    default = lines_to_report(lines, source).areas[0].summary
    wider = lines_to_report(lines, source, replace(DEFAULT_SETTINGS, paragraph_gap=1.3))
    assert default is not None and default.text.count("\n\n") == 1
    assert wider.areas[0].summary is not None and "\n\n" not in wider.areas[0].summary.text


def test_the_heading_join_gap_decides_whether_two_bold_lines_are_one_heading() -> None:
    lines = [
        line_from_text("Område 4 Ledarskap, ansvar", 5, 100, bold=True),
        line_from_text("och delegation", 5, 120, bold=True),  # 20 pt: 1.43 pitches below
    ]
    assert [h.text for h in find_headings(lines, METRICS)] == [
        "Område 4 Ledarskap, ansvar och delegation"
    ]
    tight = replace(METRICS, settings=replace(DEFAULT_SETTINGS, heading_join_gap=1.2))
    assert len(find_headings(lines, tight)) == 2


def test_the_box_column_slack_decides_which_words_are_the_score() -> None:
    lines = [
        cells(8, 100, (80, "Rubriker"), (450, "Poäng")),
        cells(8, 114, (80, "• Information till medborgare "), (442, "55")),  # 8 pt left
    ]
    box = parse_box(lines, METRICS)
    assert box is not None and box.score == 55
    narrow = parse_box(
        lines, replace(METRICS, settings=replace(DEFAULT_SETTINGS, box_column_slack=5))
    )
    assert narrow is not None and narrow.score is None


def test_the_evaluator_window_decides_how_many_lines_are_read() -> None:
    front = [
        line_from_text("Utvärderare:", 1, 500),
        line_from_text("Lars Strid, SKL", 1, 514),
        line_from_text("Anna Eklöf, SKL", 1, 528),
    ]
    assert find_evaluators(front) == ("Lars Strid, SKL", "Anna Eklöf, SKL")
    one_line = replace(DEFAULT_SETTINGS, evaluator_lines=1)
    assert find_evaluators(front, one_line) == ("Lars Strid, SKL",)
