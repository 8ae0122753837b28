"""Question ids and area names against the recognised framework revision."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kompass_extract.checks.common import (
    Registry,
    area_warning,
    check,
    framework_area,
    framework_of,
    framework_question_ids,
    names_match,
    report_warning,
)
from kompass_extract.checks.rounding import (
    TOLERANCE,
    format_figure,
)
from kompass_extract.models import Area, CheckResult, Question, Report
from kompass_extract.rules.frameworks import Framework, FrameworkArea

# --- question_ids ------------------------------------------------------------------------------


@check(reads=("overview_questions",))
def question_ids(report: Report, frameworks: Registry = None) -> list[CheckResult]:
    """Question ids numbered under their own area, in order, without gaps or duplicates."""
    framework = framework_of(report, frameworks)
    findings: list[CheckResult] = []
    for area in report.areas:
        expected = framework_question_ids(framework, area.area_no)
        findings += _area_question_ids(area, expected)
    return findings


def _split_id(question_id: str) -> tuple[int, int]:
    area_part, number_part = question_id.split(".")
    return int(area_part), int(number_part)


def _area_question_ids(area: Area, framework_ids: Sequence[str]) -> list[CheckResult]:
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


def _id_error(area: Area, question_id: str, problem: str) -> CheckResult:
    return CheckResult(
        check="question_ids",
        severity="error",
        area_no=area.area_no,
        question_id=question_id,
        message=f"area {area.area_no}: question {question_id} {problem}",
    )


# --- known_framework ---------------------------------------------------------------------------


@check(reads=("overview_questions",))
def known_framework(report: Report, frameworks: Registry = None) -> list[CheckResult]:
    """Area names and question set match a known revision (a warning when they do not)."""
    framework = framework_of(report, frameworks)
    if framework is None:
        return [
            report_warning(
                "known_framework",
                f"framework '{report.framework}': the area names match no known revision; the "
                "report is extracted in full but not compared with a known question set",
            )
        ]
    findings: list[CheckResult] = []
    for area in report.areas:
        findings += _area_matches_framework(area, framework)
    return findings


def _area_matches_framework(area: Area, framework: Framework) -> list[CheckResult]:
    fw_area = framework_area(framework, area.area_no)
    if fw_area is None:
        return [
            area_warning(
                "known_framework", area, f"the {framework.name} revision has no area {area.area_no}"
            )
        ]
    findings = []
    if not names_match(area, framework):
        findings.append(
            CheckResult(
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


def _questions_match(area: Area, fw_area: FrameworkArea, framework_name: str) -> list[CheckResult]:
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


def _question_warning(question: Question, expected: str | None, problem: str) -> CheckResult:
    return CheckResult(
        check="known_framework",
        severity="warning",
        area_no=question.area_no,
        question_id=question.question_id,
        expected=expected,
        actual=format_figure(question.max_points) if question.max_points is not None else None,
        message=f"question {question.question_id}: {problem}",
    )
