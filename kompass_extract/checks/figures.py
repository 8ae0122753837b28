"""Per-question and per-box figures: box against total, points within max, percent against points."""

from __future__ import annotations

from typing import Any

from kompass_extract.checks.common import (
    check,
    no_percent_column,
    percent_text,
    points_text,
)
from kompass_extract.checks.rounding import (
    TOLERANCE,
    format_figure,
    format_interval,
    half_unit,
    percent_interval,
    points_interval,
    printed_decimals,
)
from kompass_extract.models import Area, CheckResult, Question, Report

# --- box_vs_overview ---------------------------------------------------------------------------


@check(reads=("box_score", "overview_total"))
def box_vs_overview(report: Report) -> list[CheckResult]:
    """The score in each area's 'Rubriker | Poäng' box equals its overview table's total row."""
    findings: list[CheckResult] = []
    for area in report.areas:
        if area.score is None or area.overview_total is None:
            findings.append(_box_or_total_missing(area))
        else:
            findings += _compare_box_with_total(area.area_no, area.score, area.overview_total)
    return findings


def _box_or_total_missing(area: Area) -> CheckResult:
    missing = [
        label
        for label, value in (("box score", area.score), ("overview total", area.overview_total))
        if value is None
    ]
    return CheckResult(
        check="box_vs_overview",
        severity="warning",
        area_no=area.area_no,
        message=f"area {area.area_no}: no {' and no '.join(missing)} read; not checkable",
    )


def _compare_box_with_total(area_no: int, score: float, total: float) -> list[CheckResult]:
    # Both print the same true value; printed with the same precision they must be equal.
    if printed_decimals(score) == printed_decimals(total):
        beyond = abs(score - total)
    else:
        beyond = points_interval(score).gap_to(points_interval(total))
    if beyond <= TOLERANCE:
        return []
    return [
        CheckResult(
            check="box_vs_overview",
            severity="error",
            area_no=area_no,
            expected=format_figure(total),
            actual=format_figure(score),
            message=f"area {area_no}: box score {format_figure(score)} differs from the overview "
            f"total {format_figure(total)}: off by at least {points_text(beyond)}",
            beyond_rounding=beyond,
        )
    ]


# --- points_within_max -------------------------------------------------------------------------


@check(reads=("box_score", "overview_total", "overview_questions"))
def points_within_max(report: Report) -> list[CheckResult]:
    """No question, area total or box score above its maximum (or below zero)."""
    findings: list[CheckResult] = []
    for area in report.areas:
        findings += _area_within_max(area)
        for question in area.questions:
            findings += _question_within_max(question)
    return findings


def _question_within_max(question: Question) -> list[CheckResult]:
    if question.max_points is None or (question.points is None and question.percent is None):
        return []
    if question.max_points <= 0:
        return [_nonpositive_max(question)]
    lowest = _lowest_true_points(question)
    excess = lowest - question.max_points
    if excess > TOLERANCE:
        return [_over_max(question, excess)]
    highest = points_interval(question.points).high if question.points is not None else 0.0
    if highest < -TOLERANCE:
        return [_below_zero(question, -highest)]
    return []


def _lowest_true_points(question: Question) -> float:
    """The least the true points can be, by the printed points and by the printed percent."""
    bounds = []
    if question.points is not None:
        bounds.append(points_interval(question.points).low)
    if question.percent is not None and question.max_points is not None:
        bounds.append(percent_interval(question.percent, question.max_points).low)
    return max(bounds)


def _printed_figures(question: Question) -> str:
    parts = []
    if question.points is not None:
        parts.append(points_text(question.points))
    if question.percent is not None:
        parts.append(percent_text(question.percent))
    return ", ".join(parts)


def _over_max(question: Question, excess: float) -> CheckResult:
    max_points = format_figure(question.max_points or 0)
    return CheckResult(
        check="points_within_max",
        severity="error",
        area_no=question.area_no,
        question_id=question.question_id,
        expected=f"<= {max_points}",
        actual=_printed_figures(question),
        message=f"question {question.question_id}: {_printed_figures(question)} printed against "
        f"a max of {max_points}: over the max by at least {points_text(excess)}",
        beyond_rounding=excess,
    )


def _below_zero(question: Question, shortfall: float) -> CheckResult:
    return CheckResult(
        check="points_within_max",
        severity="error",
        area_no=question.area_no,
        question_id=question.question_id,
        expected=">= 0",
        actual=_printed_figures(question),
        message=f"question {question.question_id}: negative points printed "
        f"({_printed_figures(question)}): below zero by at least {points_text(shortfall)}",
        beyond_rounding=shortfall,
    )


def _nonpositive_max(question: Question) -> CheckResult:
    return CheckResult(
        check="points_within_max",
        severity="error",
        area_no=question.area_no,
        question_id=question.question_id,
        expected="> 0",
        actual=format_figure(question.max_points or 0),
        message=f"question {question.question_id}: max points printed as "
        f"{format_figure(question.max_points or 0)}; a maximum must be positive",
    )


def _area_within_max(area: Area) -> list[CheckResult]:
    pairs = (
        ("box score", area.score, area.max_score),
        ("overview total", area.overview_total, area.overview_max),
    )
    findings = []
    for label, value, maximum in pairs:
        if value is None or maximum is None:
            continue
        excess = points_interval(value).low - maximum
        if excess > TOLERANCE:
            findings.append(
                CheckResult(
                    check="points_within_max",
                    severity="error",
                    area_no=area.area_no,
                    expected=f"<= {format_figure(maximum)}",
                    actual=format_figure(value),
                    message=f"area {area.area_no}: {label} {format_figure(value)} above the max "
                    f"{format_figure(maximum)}: over by at least {points_text(excess)}",
                    beyond_rounding=excess,
                )
            )
    return findings


# --- percent_vs_points -------------------------------------------------------------------------


@check(reads=("overview_questions",))
def percent_vs_points(report: Report) -> list[CheckResult]:
    """Each question's printed percent can follow from its printed points (interval test)."""
    questions = [q for area in report.areas for q in area.questions]
    if questions and all(q.percent is None for q in questions):
        return [no_percent_column("percent_vs_points", "question percents")]
    findings: list[CheckResult] = []
    for question in questions:
        findings += _question_percent(question)
    return findings


def _question_percent(question: Question) -> list[CheckResult]:
    missing = _missing_question_figures(question)
    if missing:
        return [_question_not_checkable(question, missing)]
    assert question.points is not None and question.max_points is not None
    assert question.percent is not None
    if question.max_points <= 0:
        return []  # points_within_max reports it
    return compare_points_with_percent(
        question.points,
        question.percent,
        question.max_points,
        f"question {question.question_id}",
        area_no=question.area_no,
        question_id=question.question_id,
        check="percent_vs_points",
    )


def _missing_question_figures(question: Question) -> list[str]:
    figures = (
        ("points", question.points),
        ("max points", question.max_points),
        ("percent", question.percent),
    )
    return [label for label, value in figures if value is None]


def _question_not_checkable(question: Question, missing: list[str]) -> CheckResult:
    return CheckResult(
        check="percent_vs_points",
        severity="warning",
        area_no=question.area_no,
        question_id=question.question_id,
        actual=_printed_figures(question) or None,
        message=f"question {question.question_id}: no {' and no '.join(missing)} read; "
        "percent not checked against points",
    )


def compare_points_with_percent(
    points: float, percent: float, max_points: float, subject: str, **where: Any
) -> list[CheckResult]:
    """Printed points against a printed percent of ``max_points``; ``where`` names the row."""
    by_points = points_interval(points)
    by_percent = percent_interval(percent, max_points)
    beyond = by_points.gap_to(by_percent)
    quotient = 100 * points / max_points
    figures = (
        f"{subject}: {format_figure(points)} of {format_figure(max_points)} printed with "
        f"{percent_text(percent)} ({format_figure(points)}/{format_figure(max_points)} = "
        f"{percent_text(quotient)})"
    )
    common = {"expected": percent_text(quotient), "actual": percent_text(percent), **where}
    if beyond > TOLERANCE:
        message = (
            f"{figures}: {percent_text(percent)} stands for {format_interval(by_percent)} points, "
            f"{format_figure(points)} for {format_interval(by_points)}: "
            f"off by at least {points_text(beyond)}"
        )
        return [CheckResult(severity="error", message=message, beyond_rounding=beyond, **common)]
    if abs(quotient - percent) > half_unit(percent) + TOLERANCE:
        message = (
            f"{figures}: explained by rounding, the unrounded points lie in "
            f"{format_interval(by_points.intersect(by_percent))}"
        )
        return [CheckResult(severity="info", message=message, **common)]
    return []
