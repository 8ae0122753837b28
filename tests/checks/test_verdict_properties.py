"""Properties of the verdict: take any expected part out of a report that adds up, or put any
in doubt, and the report is incomplete, never 'adds up'.

Reports are the correct samples' expected files built in memory (``tests/verdict_reports.py``);
a part is taken out the way a reader loses it: an area, a box score, an overview total row, one
question row or all of an area's rows, an area's strengths or improvement areas, its summary, the
overall comments.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from kompass_extract.checks import report_verdict, run_checks
from kompass_extract.models import AREA_COUNT, REPORT_PARTS, ParseNote, Report
from tests.checks.test_verdict import CORRECT_SAMPLES
from tests.verdict_reports import (
    report_from_expected,
    update_area,
    without_area,
    without_findings,
    without_question,
)

Removal = Callable[[Report], Report]


def _all_rows(area_no: int) -> Removal:
    return lambda report: update_area(report, area_no, questions=())


def _one_row(area_no: int, index: int) -> Removal:
    def remove(report: Report) -> Report:
        area = next((a for a in report.areas if a.area_no == area_no), None)
        if area is None or not area.questions:  # already lost with its area or its rows
            return report
        return without_question(report, area.questions[index % len(area.questions)].question_id)

    return remove


@st.composite
def removals(draw: st.DrawFn) -> Removal:
    """One way of losing one expected part of one area (or the overall comments)."""
    area_no = draw(st.integers(1, AREA_COUNT))
    index = draw(st.integers(0, 10))
    choices: list[Removal] = [
        lambda r: without_area(r, area_no),
        lambda r: update_area(r, area_no, score=None),
        lambda r: update_area(
            r, area_no, overview_total=None, overview_max=None, overview_percent=None
        ),
        _all_rows(area_no),
        _one_row(area_no, index),
        lambda r: without_findings(r, area_no, "strength"),
        lambda r: without_findings(r, area_no, "improvement"),
        lambda r: update_area(r, area_no, summary=None),
        lambda r: r.model_copy(update={"overall_comments": None}),
    ]
    return draw(st.sampled_from(choices))


def verdict_code(report: Report) -> str:
    return report_verdict(report, run_checks(report)).code


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(CORRECT_SAMPLES),
    lost=st.lists(removals(), min_size=1, max_size=3),
)
def test_a_report_missing_any_expected_part_is_incomplete(name: str, lost: list[Removal]) -> None:
    report = report_from_expected(name)
    for remove in lost:
        report = remove(report)
    verdict = report_verdict(report, run_checks(report))
    assert verdict.code == "incomplete"
    assert verdict.missing and verdict.completeness < 1


@settings(max_examples=100, deadline=None)
@given(
    name=st.sampled_from(CORRECT_SAMPLES),
    area_no=st.one_of(st.none(), st.integers(1, AREA_COUNT)),
    parts=st.lists(st.sampled_from(REPORT_PARTS), min_size=1, max_size=3, unique=True),
)
def test_a_report_with_any_expected_part_read_with_doubt_is_incomplete(
    name: str, area_no: int | None, parts: list[str]
) -> None:
    note = ParseNote.model_validate(
        {"code": "doubt", "message": "read with doubt", "area_no": area_no, "parts": parts}
    )
    report = report_from_expected(name)
    report = report.model_copy(update={"notes": (note,)})
    verdict = report_verdict(report, run_checks(report))
    assert verdict.code == "incomplete"
    assert verdict.doubtful and verdict.completeness < 1


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(CORRECT_SAMPLES),
    area_no=st.integers(1, AREA_COUNT),
    shift=st.integers(2, 30),
)
def test_a_box_score_moved_beyond_rounding_does_not_add_up_unless_read_with_doubt(
    name: str, area_no: int, shift: int
) -> None:
    report = report_from_expected(name)
    score = report.area(area_no).score
    assert score is not None
    moved = update_area(
        report, area_no, score=max(0, score - shift) if score > 50 else score + shift
    )
    assert verdict_code(moved) == "does_not_add_up"
    note = ParseNote(code="score_box", message="?", area_no=area_no, parts=("box_score",))
    assert verdict_code(moved.model_copy(update={"notes": (note,)})) == "incomplete"
