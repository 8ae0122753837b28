"""Verdicts (adds up, does not add up, incomplete) and completeness on reports built in memory
from the samples' expected files; errors on figures read with doubt."""

from __future__ import annotations

import pytest

from kompass_extract.checks import report_verdict, run_checks
from kompass_extract.checks.parts import Part, expected_parts, is_read
from kompass_extract.models import ParseNote, Report
from tests.verdict_reports import (
    expected_files,
    report_from_expected,
    sample_name,
    update_area,
    with_note,
    without_area,
    without_findings,
    without_question,
)

AREA_KINDS = (
    "box_score",
    "overview_total",
    "overview_questions",
    "strengths",
    "improvements",
    "area_summary",
)
CORRECT_SAMPLES = [sample_name(p) for p in expected_files() if sample_name(p) != "provby-2018"]


def verdict_of(report: Report):  # type: ignore[no-untyped-def]
    return report_verdict(report, run_checks(report))


@pytest.mark.parametrize("name", CORRECT_SAMPLES)
def test_every_correct_sample_adds_up_with_every_part_read(name: str) -> None:
    verdict = verdict_of(report_from_expected(name))
    assert (verdict.code, verdict.completeness) == ("adds_up", 1.0)
    assert len(verdict.expected) == 8 * 6 + 1  # six parts in each of 8 areas, and the comments
    assert verdict.explanation() == (
        "adds up: 49 of 49 expected parts read without doubt, no error beyond rounding"
    )


def test_the_sample_with_planted_mistakes_does_not_add_up() -> None:
    verdict = verdict_of(report_from_expected("provby-2018"))
    assert verdict.code == "does_not_add_up"
    # four planted mistakes are on figures that were read ...
    assert sorted((e.check, e.area_no) for e in verdict.errors) == [
        ("box_vs_overview", 2),
        ("percent_vs_points", 3),
        ("points_within_max", 4),
        ("questions_sum", 6),
    ]
    # ... the fifth is a row left out of the table: the 2016 set's question 7.3
    assert [(e.check, e.question_id) for e in verdict.unread_errors] == [("question_ids", "7.3")]
    assert verdict.missing == (Part(7, "overview_questions"),)
    assert verdict.completeness == round(48 / 49, 4)


def test_a_report_missing_an_area_is_incomplete_with_empty_totals() -> None:
    report = without_area(report_from_expected("exempelstad-2021"), 5)
    verdict = verdict_of(report)
    assert verdict.code == "incomplete"
    assert verdict.missing == tuple(Part(5, kind) for kind in AREA_KINDS)
    assert verdict.completeness == round(43 / 49, 4)
    assert (report.total_score, report.max_total) == (None, None)
    assert "not read: area 5 (box score, overview total" in verdict.explanation()


def test_a_part_read_with_doubt_makes_the_report_incomplete() -> None:
    note = ParseNote(
        code="score_box", message="two numbers", page=5, area_no=2, parts=("box_score",)
    )
    verdict = verdict_of(with_note(report_from_expected("exempelstad-2021"), note))
    assert (verdict.code, verdict.missing, verdict.doubtful) == (
        "incomplete",
        (),
        (Part(2, "box_score"),),
    )
    assert "read with doubt: area 2 box score" in verdict.explanation()


def test_a_note_on_no_part_changes_nothing() -> None:
    note = ParseNote(code="unknown_municipality", message="not one of the 290")
    assert verdict_of(with_note(report_from_expected("exempelstad-2021"), note)).code == "adds_up"


def test_a_note_without_an_area_puts_the_part_of_every_area_in_doubt() -> None:
    note = ParseNote(code="x", message="every box", parts=("box_score",))
    verdict = verdict_of(with_note(report_from_expected("amal-2019"), note))
    assert verdict.doubtful == tuple(Part(n, "box_score") for n in range(1, 9))


def test_an_error_on_a_figure_read_with_doubt_blames_the_reading() -> None:
    report = update_area(report_from_expected("exempelstad-2021"), 3, score=76)  # printed 66
    assert verdict_of(report).code == "does_not_add_up"
    note = ParseNote(
        code="score_box", message="the box holds 2 numbers", page=6, area_no=3, parts=("box_score",)
    )
    doubtful = with_note(report, note)
    results = run_checks(doubtful)
    (moved,) = [r for r in results if r.check == "box_vs_overview"]
    assert (moved.severity, moved.beyond_rounding) == ("warning", None)
    assert "area 3: box score 76 differs from the overview total 66" in moved.message
    assert "box score could not be read reliably (page 6: score_box" in moved.message
    assert report_verdict(doubtful, results).code == "incomplete"


def test_doubt_in_another_area_or_question_leaves_an_error_standing() -> None:
    report = update_area(report_from_expected("exempelstad-2021"), 3, score=76)
    elsewhere = ParseNote(code="score_box", message="?", area_no=4, parts=("box_score",))
    other_part = ParseNote(code="no_summary", message="?", area_no=3, parts=("area_summary",))
    for note in (elsewhere, other_part):
        assert verdict_of(with_note(report, note)).code == "does_not_add_up"


def test_a_missing_question_row_is_incomplete_not_wrong() -> None:
    verdict = verdict_of(without_question(report_from_expected("amal-2019"), "3.2"))
    assert verdict.code == "incomplete"
    assert [(e.check, e.question_id) for e in verdict.unread_errors] == [("question_ids", "3.2")]
    assert verdict.missing == (Part(3, "overview_questions"),)


def test_without_a_question_set_the_rows_must_reach_the_area_max() -> None:
    report = report_from_expected("exempelvik-2014")  # 2010: no known question set
    last = report.area(8).questions[-1].question_id
    assert verdict_of(without_question(report, last)).missing == (Part(8, "overview_questions"),)


def test_an_unknown_revision_is_expected_to_hold_eight_areas_of_every_part() -> None:
    report = report_from_expected("okandby-2024")
    assert report.framework == "unknown"
    parts = expected_parts(report)
    assert parts[:6] == tuple(Part(1, kind) for kind in AREA_KINDS)
    assert parts[-1] == Part(None, "overall_comments") and len(parts) == 49
    assert verdict_of(without_findings(report, 4, "improvement")).missing == (
        Part(4, "improvements"),
    )


def test_parts_read_one_by_one() -> None:
    report = report_from_expected("amal-2019")
    assert all(is_read(report, part) for part in expected_parts(report))
    assert not is_read(update_area(report, 1, summary=None), Part(1, "area_summary"))
    assert not is_read(
        report.model_copy(update={"overall_comments": None}), Part(None, "overall_comments")
    )
    assert not is_read(update_area(report, 6, overview_total=None), Part(6, "overview_total"))


@pytest.mark.slow
@pytest.mark.parametrize("expected_file", expected_files(), ids=sample_name)
def test_every_sample_pdf_adds_up_but_the_one_with_planted_mistakes(expected_file) -> None:  # type: ignore[no-untyped-def]
    from kompass_extract import extract_report

    report = extract_report(expected_file.parent / f"{sample_name(expected_file)}.pdf")
    verdict = verdict_of(report)
    if sample_name(expected_file) == "provby-2018":
        assert verdict.code == "does_not_add_up"
        assert verdict.missing == (Part(7, "overview_questions"),)  # 7.3's row is not printed
    else:
        assert (verdict.code, verdict.completeness) == ("adds_up", 1.0), verdict.explanation()
        assert report.total_score is not None and report.max_total == 800
