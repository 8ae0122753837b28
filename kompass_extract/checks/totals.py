"""Totals: questions add up to their area, area percent, area numbers, maxima and report total."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from kompass_extract.checks.common import (
    Registry,
    area_warning,
    check,
    framework_of,
    no_percent_column,
    points_text,
    report_warning,
)
from kompass_extract.checks.figures import compare_points_with_percent
from kompass_extract.checks.rounding import (
    TOLERANCE,
    Interval,
    feasible_range,
    format_figure,
    format_interval,
    interval_sum,
    percent_interval,
    points_interval,
)
from kompass_extract.models import Area, CheckResult, Question, Report, Severity
from kompass_extract.rules.frameworks import Framework

# --- questions_sum -----------------------------------------------------------------------------


@check(reads=("overview_questions", "overview_total", "box_score"))
def questions_sum(report: Report) -> list[CheckResult]:
    """The questions' points of each area add up to its total, within rounding."""
    if not any(area.questions for area in report.areas):
        return [report_warning("questions_sum", "no question rows read; sums not checkable")]
    findings: list[CheckResult] = []
    for area in report.areas:
        findings += _area_questions_sum(area)
    return findings


def _area_questions_sum(area: Area) -> list[CheckResult]:
    if not area.questions:
        return [area_warning("questions_sum", area, "no question rows read; sum not checkable")]
    target = area_total_interval(area)
    ranges = [question_true_points(q) for q in area.questions]
    if target is None:
        return [area_warning("questions_sum", area, "no total read; sum not checkable")]
    if any(r is None for r in ranges):
        return [
            area_warning(
                "questions_sum",
                area,
                "a question has neither points, percent nor max; not checkable",
            )
        ]
    findings, unprinted = _questions_max_sum(area)
    total_range = interval_sum(r for r in ranges if r is not None) + unprinted
    return findings + _compare_sum_with_total(area, total_range, target)


def question_true_points(question: Question) -> Interval | None:
    """Where the question's unrounded points can lie, by every figure printed for it.

    When the figures contradict each other (reported by other checks), the printed points win,
    so a single misprint does not also throw the area's sum off.
    """
    by_points = points_interval(question.points) if question.points is not None else None
    by_percent = _question_percent_interval(question)
    allowed = feasible_range(question.max_points) if question.max_points is not None else None
    candidates = [
        _intersect_all([by_points, by_percent, allowed]),
        _intersect_all([by_points, by_percent]),
        by_points,
    ]
    for candidate in candidates:
        if candidate is not None and not candidate.is_empty:
            return candidate
    return None if by_points is not None else allowed


def _question_percent_interval(question: Question) -> Interval | None:
    if question.percent is None or question.max_points is None:
        return None
    return percent_interval(question.percent, question.max_points)


def _intersect_all(intervals: Iterable[Interval | None]) -> Interval | None:
    present = [i for i in intervals if i is not None]
    if not present:
        return None
    combined = present[0]
    for interval in present[1:]:
        combined = combined.intersect(interval)
    return combined


def area_total_interval(area: Area) -> Interval | None:
    """The area's true total by its overview total and percent (the box score as a fallback)."""
    printed = area.overview_total if area.overview_total is not None else area.score
    if printed is None:
        return None
    by_points = points_interval(printed)
    maximum = _area_max(area)
    if area.overview_percent is None or maximum is None or area.overview_total is None:
        return by_points
    both = by_points.intersect(percent_interval(area.overview_percent, maximum))
    return by_points if both.is_empty else both


def _questions_max_sum(area: Area) -> tuple[list[CheckResult], Interval]:
    """Question maxima against the area max; returns the findings and the unprinted share."""
    maxima = [q.max_points for q in area.questions]
    area_max = _area_max(area)
    if area_max is None or any(m is None for m in maxima):
        return [], Interval(0.0, 0.0)
    printed_max = sum(m for m in maxima if m is not None)
    if printed_max > area_max + TOLERANCE:
        return [_maxima_exceed(area, printed_max, area_max)], Interval(0.0, 0.0)
    unprinted = area_max - printed_max
    if unprinted <= TOLERANCE:
        return [], Interval(0.0, 0.0)
    return [_maxima_short(area, printed_max, area_max)], Interval(0.0, unprinted)


def _maxima_exceed(area: Area, printed_max: float, area_max: float) -> CheckResult:
    return CheckResult(
        check="questions_sum",
        severity="error",
        area_no=area.area_no,
        expected=format_figure(area_max),
        actual=format_figure(printed_max),
        message=f"area {area.area_no}: question maxima sum to {format_figure(printed_max)}, "
        f"more than the area max {format_figure(area_max)}",
        beyond_rounding=printed_max - area_max,
    )


def _maxima_short(area: Area, printed_max: float, area_max: float) -> CheckResult:
    unprinted = format_figure(area_max - printed_max)
    return CheckResult(
        check="questions_sum",
        severity="warning",
        area_no=area.area_no,
        expected=format_figure(area_max),
        actual=format_figure(printed_max),
        message=f"area {area.area_no}: question maxima sum to {format_figure(printed_max)} of "
        f"{format_figure(area_max)} (a question missing?); the sum is checked allowing 0-"
        f"{unprinted} points for the rest",
    )


def _compare_sum_with_total(area: Area, sum_range: Interval, target: Interval) -> list[CheckResult]:
    printed_sum = sum(q.points for q in area.questions if q.points is not None)
    printed_total = area.overview_total if area.overview_total is not None else area.score
    assert printed_total is not None
    figures = (
        f"questions sum to {format_figure(printed_sum)} (unrounded {format_interval(sum_range)}), "
        f"total {format_figure(printed_total)} ({format_interval(target)})"
    )
    beyond = sum_range.gap_to(target)
    if beyond > TOLERANCE:
        severity: Severity = "error"
        verdict = f"off by at least {points_text(beyond)}"
    elif abs(printed_sum - printed_total) > TOLERANCE:
        severity, verdict = "info", "the difference is explained by rounding"
    else:
        return []
    return [
        CheckResult(
            check="questions_sum",
            severity=severity,
            area_no=area.area_no,
            expected=format_figure(printed_total),
            actual=format_figure(printed_sum),
            message=f"area {area.area_no}: {figures}: {verdict}",
            beyond_rounding=beyond if severity == "error" else None,
        )
    ]


# --- overview_percent --------------------------------------------------------------------------


@check(reads=("overview_total",))
def overview_percent(report: Report) -> list[CheckResult]:
    """Each area's overview total agrees with the percent printed in its total row."""
    areas = [a for a in report.areas if a.overview_total is not None]
    if areas and all(a.overview_percent is None for a in areas):
        return [no_percent_column("overview_percent", "percents in the overview total rows")]
    findings: list[CheckResult] = []
    for area in areas:
        findings += _area_percent(area)
    return findings


def _area_percent(area: Area) -> list[CheckResult]:
    maximum = _area_max(area)
    if area.overview_percent is None or maximum is None or maximum <= 0:
        missing = "percent" if area.overview_percent is None else "max"
        return [
            CheckResult(
                check="overview_percent",
                severity="warning",
                area_no=area.area_no,
                message=f"area {area.area_no}: no {missing} read in the overview total row; "
                "percent not checked",
            )
        ]
    assert area.overview_total is not None
    return compare_points_with_percent(
        area.overview_total,
        area.overview_percent,
        maximum,
        f"area {area.area_no} total",
        area_no=area.area_no,
        check="overview_percent",
    )


def _area_max(area: Area) -> float | None:
    return area.overview_max if area.overview_max is not None else area.max_score


# --- areas_sum ---------------------------------------------------------------------------------


@check(reads=("overview_total", "box_score"))
def areas_sum(report: Report, frameworks: Registry = None) -> list[CheckResult]:
    """Area numbers, maxima and the report total agree with each other and the framework."""
    framework = framework_of(report, frameworks)
    findings = _area_numbers(report, framework)
    findings += _area_maxima(report, framework)
    return findings


def _area_numbers(report: Report, framework: Framework | None) -> list[CheckResult]:
    numbers = [area.area_no for area in report.areas]
    findings = [
        CheckResult(
            check="areas_sum",
            severity="error",
            area_no=number,
            message=f"area {number} appears {count} times",
        )
        for number, count in sorted(Counter(numbers).items())
        if count > 1
    ]
    if framework is not None:
        expected = [fw_area.number for fw_area in framework.areas]
        findings += [
            CheckResult(
                check="areas_sum",
                severity="warning",
                area_no=number,
                message=f"area {number} of the {framework.name} revision not read; the report "
                "total cannot be checked",
            )
            for number in expected
            if number not in numbers
        ]
    return findings


def _area_maxima(report: Report, framework: Framework | None) -> list[CheckResult]:
    findings = [f for area in report.areas for f in _area_max_agrees(area)]
    maxima = [_area_max(area) for area in report.areas]
    if framework is None or not maxima or any(m is None for m in maxima):
        return findings
    framework_max = framework.max_total
    printed_max = sum(m for m in maxima if m is not None)
    if len(report.areas) == len(framework.areas) and abs(printed_max - framework_max) > TOLERANCE:
        findings.append(
            CheckResult(
                check="areas_sum",
                severity="error",
                expected=format_figure(framework_max),
                actual=format_figure(printed_max),
                message=f"area maxima sum to {format_figure(printed_max)}; the "
                f"{framework.name} revision's maximum is {format_figure(framework_max)}",
                beyond_rounding=abs(printed_max - framework_max),
            )
        )
    return findings


def _area_max_agrees(area: Area) -> list[CheckResult]:
    if area.max_score is None or area.overview_max is None:
        return []
    if abs(area.max_score - area.overview_max) <= TOLERANCE:
        return []
    return [
        CheckResult(
            check="areas_sum",
            severity="error",
            area_no=area.area_no,
            expected=format_figure(area.overview_max),
            actual=format_figure(area.max_score),
            message=f"area {area.area_no}: max score {format_figure(area.max_score)} differs "
            f"from the overview max {format_figure(area.overview_max)}",
            beyond_rounding=abs(area.max_score - area.overview_max),
        )
    ]


def total_vs_areas(printed_total: float, areas: Sequence[Area]) -> list[CheckResult]:
    """A printed report total against the sum of the area totals' intervals."""
    ranges = [area_total_interval(area) for area in areas]
    if not ranges or any(r is None for r in ranges):
        return [report_warning("areas_sum", "an area total is missing; report total not checked")]
    sum_range = interval_sum(r for r in ranges if r is not None)
    beyond = points_interval(printed_total).gap_to(sum_range)
    if beyond <= TOLERANCE:
        return []
    return [
        CheckResult(
            check="areas_sum",
            severity="error",
            expected=format_interval(sum_range),
            actual=format_figure(printed_total),
            message=f"report total {format_figure(printed_total)} against areas summing to "
            f"{format_interval(sum_range)}: off by at least {points_text(beyond)}",
            beyond_rounding=beyond,
        )
    ]
