"""What every check module shares: the registry decorator, result helpers and the revision lookup.

A check is a function ``(report) -> list[CheckResult]`` registered under its name with
``@check(reads=...)``, naming the parts of a report whose figures it compares;
``kompass_extract.checks.run_checks`` runs them all in registration order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kompass_extract.checks.rounding import format_figure
from kompass_extract.models import Area, CheckResult, Report, ReportPart
from kompass_extract.rules.frameworks import Framework, FrameworkArea, load_frameworks, match_area

CheckFunction = Callable[[Report], list[CheckResult]]
# The known revisions to check against; None means the package's own registry.
Registry = Sequence[Framework] | None

CHECKS: dict[str, CheckFunction] = {}
CHECK_READS: dict[str, tuple[ReportPart, ...]] = {}
"""Check name -> the expected parts whose figures it compares: an error of the check on a part
read with doubt says so and is not counted against the report (``checks/doubt.py``)."""


def check(
    reads: tuple[ReportPart, ...] = (),
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as a check under its own name (the ``check`` column's
    value), comparing the figures of the parts ``reads`` (``@check(reads=("box_score",))``).
    Raises ``ValueError`` for a name registered twice."""

    def register(function: CheckFunction) -> CheckFunction:
        if function.__name__ in CHECKS:
            raise ValueError(f"a check named {function.__name__!r} is already registered")
        CHECKS[function.__name__] = function
        CHECK_READS[function.__name__] = reads
        return function

    return register


def points_text(value: float) -> str:
    """12.5 -> '12.5 points'; 1 -> '1 point'."""
    return f"{format_figure(value)} points" if value != 1 else "1 point"


def percent_text(value: float) -> str:
    """72.5 -> '72.5 %'."""
    return f"{format_figure(value)} %"


def report_warning(check: str, message: str) -> CheckResult:
    """A warning about the whole report (no area)."""
    return CheckResult(check=check, severity="warning", message=message)


def area_warning(check: str, area: Area, message: str) -> CheckResult:
    """A warning about one area, its message prefixed with the area number."""
    return CheckResult(
        check=check,
        severity="warning",
        area_no=area.area_no,
        message=f"area {area.area_no}: {message}",
    )


def no_percent_column(check: str, what: str) -> CheckResult:
    """A warning that a report prints no percents where the check needs them."""
    return CheckResult(
        check=check,
        severity="warning",
        message=f"no {what} read (a report without a percent column?): not checkable",
    )


def framework_of(report: Report, frameworks: Registry) -> Framework | None:
    """The report's recognised revision from the registry, or None when unknown."""
    registry = frameworks if frameworks is not None else load_frameworks()
    for framework in registry:
        if framework.name == report.framework:
            return framework
    return None


def framework_area(framework: Framework, area_no: int) -> FrameworkArea | None:
    """Area ``area_no`` of the revision, or None when it has no such area."""
    return next((a for a in framework.areas if a.number == area_no), None)


def framework_question_ids(framework: Framework | None, area_no: int) -> list[str]:
    """The revision's question ids of one area ('2.1', '2.2', ...); [] when not known."""
    fw_area = framework_area(framework, area_no) if framework is not None else None
    return [q.question_id for q in fw_area.questions] if fw_area is not None else []


def names_match(area: Area, framework: Framework) -> bool:
    """The printed area name is one of the revision's names for that area number."""
    matched = match_area(area.area_name, framework, area.area_no)
    return matched is not None and matched.number == area.area_no
