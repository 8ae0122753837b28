"""Properties of the checks: honest rounding never gives an error, a moved figure always does.

Unrounded scores are drawn in thousandths of a point and printed the way the reports print
them (round half up, the percent computed from the unrounded points), in exact integer
arithmetic so the test itself adds no float error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from kompass_extract.checks import run_checks
from kompass_extract.models import Area, CheckResult, Question, Report
from kompass_extract.rules.frameworks import get_framework
from tests.checks_reports import make_report

MILLI = 1000  # unrounded points are drawn in thousandths
FRAMEWORK = get_framework("2016")


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, exactly."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Printing:
    percent_decimals: int  # 0: "45 %"; 1: "72,5 %"


def printed_percent(millipoints: int, max_points: int, printing: Printing) -> float:
    scale = 10**printing.percent_decimals
    # percent = 100 * (millipoints / MILLI) / max_points, printed to `scale`
    return round_half_up(100 * scale * millipoints, MILLI * max_points) / scale


def printed_question(
    question_id: str, millipoints: int, max_points: int, printing: Printing
) -> Question:
    return Question(
        area_no=int(question_id.split(".")[0]),
        question_id=question_id,
        question_text=f"Fråga {question_id}",
        points=float(round_half_up(millipoints, MILLI)),
        max_points=float(max_points),
        percent=printed_percent(millipoints, max_points, printing),
        page=38,
    )


def printed_area(area_no: int, millipoints: list[int], printing: Printing) -> Area:
    fw_area = FRAMEWORK.area(area_no)
    total = sum(millipoints)
    questions = tuple(
        printed_question(q.question_id, points, q.max_points, printing)
        for q, points in zip(fw_area.questions, millipoints, strict=True)
    )
    return Area(
        area_no=area_no,
        area_name=fw_area.name,
        score=round_half_up(total, MILLI),
        max_score=fw_area.max_points,
        overview_total=float(round_half_up(total, MILLI)),
        overview_max=float(fw_area.max_points),
        overview_percent=printed_percent(total, fw_area.max_points, printing),
        page=8,
        overview_page=38,
        questions=questions,
    )


@st.composite
def unrounded_reports(draw: st.DrawFn) -> Report:
    printing = Printing(percent_decimals=draw(st.sampled_from([0, 1])))
    areas = []
    for fw_area in FRAMEWORK.areas:
        millipoints = [draw(st.integers(0, q.max_points * MILLI)) for q in fw_area.questions]
        areas.append(printed_area(fw_area.number, millipoints, printing))
    return make_report(areas, framework=FRAMEWORK.name)


def errors(report: Report) -> list[CheckResult]:
    return [f for f in run_checks(report) if f.severity == "error"]


def with_area(report: Report, area: Area) -> Report:
    areas = tuple(area if a.area_no == area.area_no else a for a in report.areas)
    return report.model_copy(update={"areas": areas})


def with_question(report: Report, question: Question) -> Report:
    area = report.area(question.area_no)
    questions = tuple(
        question if q.question_id == question.question_id else q for q in area.questions
    )
    return with_area(report, area.model_copy(update={"questions": questions}))


def pick_question(draw: st.DrawFn, report: Report) -> Question:
    area = report.area(draw(st.integers(1, len(report.areas))))
    return draw(st.sampled_from(area.questions))


SHIFT_SIGNS = st.sampled_from([-1, 1])


@settings(deadline=None)
@given(unrounded_reports())
def test_honestly_rounded_reports_have_no_errors(report: Report) -> None:
    assert errors(report) == []


@settings(deadline=None)
@given(unrounded_reports(), st.data())
def test_points_moved_two_or_more_are_an_error(report: Report, data: st.DataObject) -> None:
    # the percent pins the true points to a range of max/100 <= 0.3 around them, so printed
    # points two away can no longer hold them
    question = pick_question(data.draw, report)
    assert question.points is not None
    shift = data.draw(st.integers(2, 10)) * data.draw(SHIFT_SIGNS)
    moved = with_question(report, question.model_copy(update={"points": question.points + shift}))
    assert any(f.question_id == question.question_id for f in errors(moved))


@settings(deadline=None)
@given(unrounded_reports(), st.data())
def test_percent_moved_beyond_a_point_is_an_error(report: Report, data: st.DataObject) -> None:
    question = pick_question(data.draw, report)
    assert question.percent is not None and question.max_points is not None
    # a printed point spans 100/max percent; one more percent point each side is beyond it
    least = math.ceil(100 / question.max_points) + 2
    shift = data.draw(st.integers(least, least + 20)) * data.draw(SHIFT_SIGNS)
    moved = with_question(report, question.model_copy(update={"percent": question.percent + shift}))
    assert any(f.question_id == question.question_id for f in errors(moved))


@settings(deadline=None)
@given(unrounded_reports(), st.data())
def test_box_score_moved_is_an_error(report: Report, data: st.DataObject) -> None:
    area = report.area(data.draw(st.integers(1, 8)))
    assert area.score is not None
    shift = data.draw(st.integers(1, 20)) * data.draw(SHIFT_SIGNS)
    moved = with_area(report, area.model_copy(update={"score": area.score + shift}))
    assert any(f.check == "box_vs_overview" and f.area_no == area.area_no for f in errors(moved))


@settings(deadline=None)
@given(unrounded_reports(), st.data())
def test_area_total_moved_with_box_and_percent_breaks_the_sum(
    report: Report, data: st.DataObject
) -> None:
    # the questions' unrounded range is at most 7 x 0.3 wide around the true sum, which lies
    # within 0.5 of the printed total: 4 points away is beyond rounding
    area = report.area(data.draw(st.integers(1, 8)))
    assert area.score is not None and area.overview_total is not None
    assert area.overview_percent is not None
    shift = data.draw(st.integers(4, 30)) * data.draw(SHIFT_SIGNS)
    moved = with_area(
        report,
        area.model_copy(
            update={
                "score": area.score + shift,
                "overview_total": area.overview_total + shift,
                "overview_percent": area.overview_percent + shift,
            }
        ),
    )
    assert any(f.check == "questions_sum" and f.area_no == area.area_no for f in errors(moved))


@settings(deadline=None)
@given(unrounded_reports(), st.data())
def test_overview_percent_moved_is_an_error(report: Report, data: st.DataObject) -> None:
    area = report.area(data.draw(st.integers(1, 8)))
    assert area.overview_percent is not None
    shift = data.draw(st.integers(2, 20)) * data.draw(SHIFT_SIGNS)
    moved = with_area(
        report, area.model_copy(update={"overview_percent": area.overview_percent + shift})
    )
    assert any(f.check == "overview_percent" and f.area_no == area.area_no for f in errors(moved))
