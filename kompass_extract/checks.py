"""Does the report add up? One function per invariant, each ``(report) -> list[CheckFinding]``.

Every printed figure stands for the interval of true values that round to it
(``kompass_extract.rounding``). A check reports an ``error`` only when no choice of true values
inside those intervals makes the figures agree, and then names the smallest discrepancy that
rounding cannot explain. A difference that rounding fully explains is at most ``info``;
figures that are missing (so a check cannot run) and an unknown framework are ``warning``.
Checks return values and never raise: ``run_checks`` also turns a failing check into a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .frameworks import Framework, FrameworkArea, load_frameworks, match_area
from .rounding import (
    TOLERANCE,
    Interval,
    feasible_range,
    format_figure,
    format_interval,
    half_unit,
    interval_sum,
    percent_interval,
    points_interval,
    printed_decimals,
)

if TYPE_CHECKING:
    from .models import Area, Question, Report

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class CheckFinding(BaseModel):
    """One result of a check: a row of the ``checks`` table, without the report id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    check: str
    severity: Severity
    area_no: int | None = None
    question_id: str | None = None
    expected: str | None = None
    actual: str | None = None
    message: str = Field(min_length=1)
    beyond_rounding: float | None = Field(
        default=None, description="smallest discrepancy, in points, that rounding cannot explain"
    )


CheckFunction = Callable[["Report"], list[CheckFinding]]
# The known revisions to check against; None means the package's own registry.
Registry = Sequence[Framework] | None


def _points(value: float) -> str:
    return f"{format_figure(value)} points" if value != 1 else "1 point"


def _percent(value: float) -> str:
    return f"{format_figure(value)} %"


# --- box_vs_overview ---------------------------------------------------------------------------


def box_vs_overview(report: Report) -> list[CheckFinding]:
    """The score in each area's 'Rubriker | Poäng' box equals its overview table's total row."""
    findings: list[CheckFinding] = []
    for area in report.areas:
        if area.score is None or area.overview_total is None:
            findings.append(_box_or_total_missing(area))
        else:
            findings += _compare_box_with_total(area.area_no, area.score, area.overview_total)
    return findings


def _box_or_total_missing(area: Area) -> CheckFinding:
    missing = [
        label
        for label, value in (("box score", area.score), ("overview total", area.overview_total))
        if value is None
    ]
    return CheckFinding(
        check="box_vs_overview",
        severity="warning",
        area_no=area.area_no,
        message=f"area {area.area_no}: no {' and no '.join(missing)} read; not checkable",
    )


def _compare_box_with_total(area_no: int, score: float, total: float) -> list[CheckFinding]:
    # Both print the same true value; printed with the same precision they must be equal.
    if printed_decimals(score) == printed_decimals(total):
        beyond = abs(score - total)
    else:
        beyond = points_interval(score).gap_to(points_interval(total))
    if beyond <= TOLERANCE:
        return []
    return [
        CheckFinding(
            check="box_vs_overview",
            severity="error",
            area_no=area_no,
            expected=format_figure(total),
            actual=format_figure(score),
            message=f"area {area_no}: box score {format_figure(score)} differs from the overview "
            f"total {format_figure(total)}: off by at least {_points(beyond)}",
            beyond_rounding=beyond,
        )
    ]


# --- points_within_max -------------------------------------------------------------------------


def points_within_max(report: Report) -> list[CheckFinding]:
    """No question, area total or box score above its maximum (or below zero)."""
    findings: list[CheckFinding] = []
    for area in report.areas:
        findings += _area_within_max(area)
        for question in area.questions:
            findings += _question_within_max(question)
    return findings


def _question_within_max(question: Question) -> list[CheckFinding]:
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
        parts.append(_points(question.points))
    if question.percent is not None:
        parts.append(_percent(question.percent))
    return ", ".join(parts)


def _over_max(question: Question, excess: float) -> CheckFinding:
    max_points = format_figure(question.max_points or 0)
    return CheckFinding(
        check="points_within_max",
        severity="error",
        area_no=question.area_no,
        question_id=question.question_id,
        expected=f"<= {max_points}",
        actual=_printed_figures(question),
        message=f"question {question.question_id}: {_printed_figures(question)} printed against "
        f"a max of {max_points}: over the max by at least {_points(excess)}",
        beyond_rounding=excess,
    )


def _below_zero(question: Question, shortfall: float) -> CheckFinding:
    return CheckFinding(
        check="points_within_max",
        severity="error",
        area_no=question.area_no,
        question_id=question.question_id,
        expected=">= 0",
        actual=_printed_figures(question),
        message=f"question {question.question_id}: negative points printed "
        f"({_printed_figures(question)}): below zero by at least {_points(shortfall)}",
        beyond_rounding=shortfall,
    )


def _nonpositive_max(question: Question) -> CheckFinding:
    return CheckFinding(
        check="points_within_max",
        severity="error",
        area_no=question.area_no,
        question_id=question.question_id,
        expected="> 0",
        actual=format_figure(question.max_points or 0),
        message=f"question {question.question_id}: max points printed as "
        f"{format_figure(question.max_points or 0)}; a maximum must be positive",
    )


def _area_within_max(area: Area) -> list[CheckFinding]:
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
                CheckFinding(
                    check="points_within_max",
                    severity="error",
                    area_no=area.area_no,
                    expected=f"<= {format_figure(maximum)}",
                    actual=format_figure(value),
                    message=f"area {area.area_no}: {label} {format_figure(value)} above the max "
                    f"{format_figure(maximum)}: over by at least {_points(excess)}",
                    beyond_rounding=excess,
                )
            )
    return findings


# --- percent_vs_points -------------------------------------------------------------------------


def percent_vs_points(report: Report) -> list[CheckFinding]:
    """Each question's printed percent can follow from its printed points (interval test)."""
    questions = [q for area in report.areas for q in area.questions]
    if questions and all(q.percent is None for q in questions):
        return [_no_percent_column("percent_vs_points", "question percents")]
    findings: list[CheckFinding] = []
    for question in questions:
        findings += _question_percent(question)
    return findings


def _no_percent_column(check: str, what: str) -> CheckFinding:
    return CheckFinding(
        check=check,
        severity="warning",
        message=f"no {what} read (a report without a percent column?): not checkable",
    )


def _question_percent(question: Question) -> list[CheckFinding]:
    missing = _missing_question_figures(question)
    if missing:
        return [_question_not_checkable(question, missing)]
    assert question.points is not None and question.max_points is not None
    assert question.percent is not None
    if question.max_points <= 0:
        return []  # points_within_max reports it
    return _compare_points_with_percent(
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


def _question_not_checkable(question: Question, missing: list[str]) -> CheckFinding:
    return CheckFinding(
        check="percent_vs_points",
        severity="warning",
        area_no=question.area_no,
        question_id=question.question_id,
        actual=_printed_figures(question) or None,
        message=f"question {question.question_id}: no {' and no '.join(missing)} read; "
        "percent not checked against points",
    )


def _compare_points_with_percent(
    points: float, percent: float, max_points: float, subject: str, **where: Any
) -> list[CheckFinding]:
    by_points = points_interval(points)
    by_percent = percent_interval(percent, max_points)
    beyond = by_points.gap_to(by_percent)
    quotient = 100 * points / max_points
    figures = (
        f"{subject}: {format_figure(points)} of {format_figure(max_points)} printed with "
        f"{_percent(percent)} ({format_figure(points)}/{format_figure(max_points)} = "
        f"{_percent(quotient)})"
    )
    common = {"expected": _percent(quotient), "actual": _percent(percent), **where}
    if beyond > TOLERANCE:
        message = (
            f"{figures}: {_percent(percent)} stands for {format_interval(by_percent)} points, "
            f"{format_figure(points)} for {format_interval(by_points)}: "
            f"off by at least {_points(beyond)}"
        )
        return [CheckFinding(severity="error", message=message, beyond_rounding=beyond, **common)]
    if abs(quotient - percent) > half_unit(percent) + TOLERANCE:
        message = (
            f"{figures}: explained by rounding, the unrounded points lie in "
            f"{format_interval(by_points.intersect(by_percent))}"
        )
        return [CheckFinding(severity="info", message=message, **common)]
    return []


# --- overview_percent --------------------------------------------------------------------------


def overview_percent(report: Report) -> list[CheckFinding]:
    """Each area's overview total agrees with the percent printed in its total row."""
    areas = [a for a in report.areas if a.overview_total is not None]
    if areas and all(a.overview_percent is None for a in areas):
        return [_no_percent_column("overview_percent", "percents in the overview total rows")]
    findings: list[CheckFinding] = []
    for area in areas:
        findings += _area_percent(area)
    return findings


def _area_percent(area: Area) -> list[CheckFinding]:
    maximum = _area_max(area)
    if area.overview_percent is None or maximum is None or maximum <= 0:
        missing = "percent" if area.overview_percent is None else "max"
        return [
            CheckFinding(
                check="overview_percent",
                severity="warning",
                area_no=area.area_no,
                message=f"area {area.area_no}: no {missing} read in the overview total row; "
                "percent not checked",
            )
        ]
    assert area.overview_total is not None
    return _compare_points_with_percent(
        area.overview_total,
        area.overview_percent,
        maximum,
        f"area {area.area_no} total",
        area_no=area.area_no,
        check="overview_percent",
    )


def _area_max(area: Area) -> float | None:
    return area.overview_max if area.overview_max is not None else area.max_score


# --- questions_sum -----------------------------------------------------------------------------


def questions_sum(report: Report) -> list[CheckFinding]:
    """The questions' points of each area add up to its total, within rounding."""
    if not any(area.questions for area in report.areas):
        return [_report_warning("questions_sum", "no question rows read; sums not checkable")]
    findings: list[CheckFinding] = []
    for area in report.areas:
        findings += _area_questions_sum(area)
    return findings


def _report_warning(check: str, message: str) -> CheckFinding:
    return CheckFinding(check=check, severity="warning", message=message)


def _area_warning(check: str, area: Area, message: str) -> CheckFinding:
    return CheckFinding(
        check=check,
        severity="warning",
        area_no=area.area_no,
        message=f"area {area.area_no}: {message}",
    )


def _area_questions_sum(area: Area) -> list[CheckFinding]:
    if not area.questions:
        return [_area_warning("questions_sum", area, "no question rows read; sum not checkable")]
    target = area_total_interval(area)
    ranges = [question_true_points(q) for q in area.questions]
    if target is None:
        return [_area_warning("questions_sum", area, "no total read; sum not checkable")]
    if any(r is None for r in ranges):
        return [
            _area_warning(
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


def _questions_max_sum(area: Area) -> tuple[list[CheckFinding], Interval]:
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


def _maxima_exceed(area: Area, printed_max: float, area_max: float) -> CheckFinding:
    return CheckFinding(
        check="questions_sum",
        severity="error",
        area_no=area.area_no,
        expected=format_figure(area_max),
        actual=format_figure(printed_max),
        message=f"area {area.area_no}: question maxima sum to {format_figure(printed_max)}, "
        f"more than the area max {format_figure(area_max)}",
        beyond_rounding=printed_max - area_max,
    )


def _maxima_short(area: Area, printed_max: float, area_max: float) -> CheckFinding:
    unprinted = format_figure(area_max - printed_max)
    return CheckFinding(
        check="questions_sum",
        severity="warning",
        area_no=area.area_no,
        expected=format_figure(area_max),
        actual=format_figure(printed_max),
        message=f"area {area.area_no}: question maxima sum to {format_figure(printed_max)} of "
        f"{format_figure(area_max)} (a question missing?); the sum is checked allowing 0-"
        f"{unprinted} points for the rest",
    )


def _compare_sum_with_total(
    area: Area, sum_range: Interval, target: Interval
) -> list[CheckFinding]:
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
        verdict = f"off by at least {_points(beyond)}"
    elif abs(printed_sum - printed_total) > TOLERANCE:
        severity, verdict = "info", "the difference is explained by rounding"
    else:
        return []
    return [
        CheckFinding(
            check="questions_sum",
            severity=severity,
            area_no=area.area_no,
            expected=format_figure(printed_total),
            actual=format_figure(printed_sum),
            message=f"area {area.area_no}: {figures}: {verdict}",
            beyond_rounding=beyond if severity == "error" else None,
        )
    ]


# --- areas_sum ---------------------------------------------------------------------------------


def areas_sum(report: Report, frameworks: Registry = None) -> list[CheckFinding]:
    """Area numbers, maxima and the report total agree with each other and the framework."""
    framework = _framework_of(report, frameworks)
    findings = _area_numbers(report, framework)
    findings += _area_maxima(report, framework)
    findings += _printed_total(report)
    return findings


def _area_numbers(report: Report, framework: Framework | None) -> list[CheckFinding]:
    numbers = [area.area_no for area in report.areas]
    findings = [
        CheckFinding(
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
            CheckFinding(
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


def _area_maxima(report: Report, framework: Framework | None) -> list[CheckFinding]:
    findings = [f for area in report.areas for f in _area_max_agrees(area)]
    maxima = [_area_max(area) for area in report.areas]
    if framework is None or not maxima or any(m is None for m in maxima):
        return findings
    framework_max = framework.max_total
    printed_max = sum(m for m in maxima if m is not None)
    if len(report.areas) == len(framework.areas) and abs(printed_max - framework_max) > TOLERANCE:
        findings.append(
            CheckFinding(
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


def _area_max_agrees(area: Area) -> list[CheckFinding]:
    if area.max_score is None or area.overview_max is None:
        return []
    if abs(area.max_score - area.overview_max) <= TOLERANCE:
        return []
    return [
        CheckFinding(
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


def _printed_total(report: Report) -> list[CheckFinding]:
    # Reports print their total only in an image chart today; a parser that reads one
    # elsewhere sets ``printed_total`` on the report and this comparison applies.
    printed = getattr(report, "printed_total", None)
    if printed is None:
        return []
    return total_vs_areas(printed, report.areas)


def total_vs_areas(printed_total: float, areas: Sequence[Area]) -> list[CheckFinding]:
    """A printed report total against the sum of the area totals' intervals."""
    ranges = [area_total_interval(area) for area in areas]
    if not ranges or any(r is None for r in ranges):
        return [_report_warning("areas_sum", "an area total is missing; report total not checked")]
    sum_range = interval_sum(r for r in ranges if r is not None)
    beyond = points_interval(printed_total).gap_to(sum_range)
    if beyond <= TOLERANCE:
        return []
    return [
        CheckFinding(
            check="areas_sum",
            severity="error",
            expected=format_interval(sum_range),
            actual=format_figure(printed_total),
            message=f"report total {format_figure(printed_total)} against areas summing to "
            f"{format_interval(sum_range)}: off by at least {_points(beyond)}",
            beyond_rounding=beyond,
        )
    ]


# --- question_ids ------------------------------------------------------------------------------


def question_ids(report: Report, frameworks: Registry = None) -> list[CheckFinding]:
    """Question ids numbered under their own area, in order, without gaps or duplicates."""
    framework = _framework_of(report, frameworks)
    findings: list[CheckFinding] = []
    for area in report.areas:
        expected = _framework_question_ids(framework, area.area_no)
        findings += _area_question_ids(area, expected)
    return findings


def _split_id(question_id: str) -> tuple[int, int]:
    area_part, number_part = question_id.split(".")
    return int(area_part), int(number_part)


def _area_question_ids(area: Area, framework_ids: Sequence[str]) -> list[CheckFinding]:
    ids = [q.question_id for q in area.questions]
    findings = [
        _id_error(
            area, qid, f"numbered under area {_split_id(qid)[0]} but listed in area {area.area_no}"
        )
        for qid in ids
        if _split_id(qid)[0] != area.area_no
    ]
    own = [qid for qid in ids if _split_id(qid)[0] == area.area_no]
    findings += [
        _id_error(area, qid, f"printed {count} times")
        for qid, count in Counter(own).items()
        if count > 1
    ]
    numbers = [_split_id(qid)[1] for qid in own]
    findings += [
        _id_error(area, own[i], f"comes after {own[i - 1]}")
        for i in range(1, len(numbers))
        if numbers[i] < numbers[i - 1]
    ]
    findings += [
        _id_error(area, qid, "missing" + reason)
        for qid, reason in _missing_ids(area.area_no, numbers, framework_ids)
    ]
    return findings


def _missing_ids(
    area_no: int, numbers: Sequence[int], framework_ids: Sequence[str]
) -> list[tuple[str, str]]:
    """Ids absent from the report: gaps in its numbering and the framework's ids it lacks."""
    printed = set(numbers)
    gaps = [f"{area_no}.{n}" for n in range(1, max(numbers, default=0)) if n not in printed]
    lacking = [qid for qid in framework_ids if _split_id(qid)[1] not in printed and qid not in gaps]
    return [(qid, " (a gap in the numbering)") for qid in gaps] + [
        (qid, " (the framework's question set has it)") for qid in lacking
    ]


def _id_error(area: Area, question_id: str, problem: str) -> CheckFinding:
    return CheckFinding(
        check="question_ids",
        severity="error",
        area_no=area.area_no,
        question_id=question_id,
        message=f"area {area.area_no}: question {question_id} {problem}",
    )


# --- known_framework ---------------------------------------------------------------------------


def known_framework(report: Report, frameworks: Registry = None) -> list[CheckFinding]:
    """Area names and question set match a known revision (a warning when they do not)."""
    framework = _framework_of(report, frameworks)
    if framework is None:
        return [
            _report_warning(
                "known_framework",
                f"framework '{report.framework}': the area names match no known revision; the "
                "report is extracted in full but not compared with a known question set",
            )
        ]
    findings: list[CheckFinding] = []
    for area in report.areas:
        findings += _area_matches_framework(area, framework)
    return findings


def _area_matches_framework(area: Area, framework: Framework) -> list[CheckFinding]:
    fw_area = _framework_area(framework, area.area_no)
    if fw_area is None:
        return [
            _area_warning(
                "known_framework", area, f"the {framework.name} revision has no area {area.area_no}"
            )
        ]
    findings = []
    if not _names_match(area, framework):
        findings.append(
            CheckFinding(
                check="known_framework",
                severity="warning",
                area_no=area.area_no,
                expected=fw_area.name,
                actual=area.area_name,
                message=f"area {area.area_no}: name '{area.area_name}' is not a known name of area "
                f"{area.area_no} of the {framework.name} revision ('{fw_area.name}')",
            )
        )
    return findings + _questions_match(area, fw_area, framework.name)


def _questions_match(area: Area, fw_area: FrameworkArea, framework_name: str) -> list[CheckFinding]:
    known_max = {q.question_id: q.max_points for q in fw_area.questions}
    if not known_max:
        return []
    findings = []
    for question in area.questions:
        if question.question_id not in known_max:
            findings.append(
                _question_warning(
                    question,
                    None,
                    f"not in the {framework_name} revision's question set of area {area.area_no}",
                )
            )
        elif (
            question.max_points is not None
            and abs(question.max_points - known_max[question.question_id]) > TOLERANCE
        ):
            findings.append(
                _question_warning(
                    question,
                    format_figure(known_max[question.question_id]),
                    f"max {format_figure(question.max_points)} printed; the {framework_name} revision "
                    f"gives {format_figure(known_max[question.question_id])}",
                )
            )
    return findings


def _question_warning(question: Question, expected: str | None, problem: str) -> CheckFinding:
    return CheckFinding(
        check="known_framework",
        severity="warning",
        area_no=question.area_no,
        question_id=question.question_id,
        expected=expected,
        actual=format_figure(question.max_points) if question.max_points is not None else None,
        message=f"question {question.question_id}: {problem}",
    )


# --- the framework registry, seen from the checks ----------------------------------------------


def _framework_of(report: Report, frameworks: Registry) -> Framework | None:
    """The report's recognised revision from the registry, or None when unknown."""
    registry = frameworks if frameworks is not None else _load_registry()
    for framework in registry:
        if framework.name == report.framework:
            return framework
    return None


def _load_registry() -> Sequence[Framework]:
    return load_frameworks()


def _framework_area(framework: Framework, area_no: int) -> FrameworkArea | None:
    return next((a for a in framework.areas if a.number == area_no), None)


def _framework_question_ids(framework: Framework | None, area_no: int) -> list[str]:
    fw_area = _framework_area(framework, area_no) if framework is not None else None
    return [q.question_id for q in fw_area.questions] if fw_area is not None else []


def _names_match(area: Area, framework: Framework) -> bool:
    matched = match_area(area.area_name, framework, area.area_no)
    return matched is not None and matched.number == area.area_no


# --- extraction ---------------------------------------------------------------------------------


def extraction(report: Report) -> list[CheckFinding]:
    """What the parser could not read or read with doubt, as warnings.

    ``Report.notes`` are written down next to the figures rather than lost. An unknown
    revision is reported by ``known_framework`` instead.
    """
    return [
        CheckFinding(
            check="extraction",
            severity="warning",
            area_no=note.area_no,
            message=f"{note.code}: {note.message}"
            + (f" (page {note.page})" if note.page is not None else ""),
        )
        for note in report.notes
        if note.code != "unknown_framework"
    ]


# --- registry of checks ------------------------------------------------------------------------

CHECKS: dict[str, CheckFunction] = {
    "box_vs_overview": box_vs_overview,
    "points_within_max": points_within_max,
    "percent_vs_points": percent_vs_points,
    "questions_sum": questions_sum,
    "overview_percent": overview_percent,
    "areas_sum": areas_sum,
    "question_ids": question_ids,
    "known_framework": known_framework,
    "extraction": extraction,
}


def run_checks(report: Report) -> list[CheckFinding]:
    """Every registered check on one report, in registry order."""
    findings: list[CheckFinding] = []
    for name, check in CHECKS.items():
        findings += _run_one(name, check, report)
    return findings


def _run_one(name: str, check: CheckFunction, report: Report) -> list[CheckFinding]:
    try:
        return check(report)
    except Exception as exc:  # a check must never stop a batch; say it could not run
        return [_report_warning(name, f"check could not run ({type(exc).__name__}: {exc})")]


def has_errors(findings: Iterable[CheckFinding]) -> bool:
    return any(f.severity == "error" for f in findings)
