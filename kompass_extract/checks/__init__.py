"""Does the report add up? One function per invariant, each ``(report) -> list[CheckResult]``.

Every printed figure stands for the interval of true values that round to it
(``kompass_extract.checks.rounding``). A check reports an ``error`` only when no choice of true
values inside those intervals makes the figures agree, and then names the smallest discrepancy
that rounding cannot explain. A difference that rounding fully explains is at most ``info``;
figures that are missing (so a check cannot run) and an unknown framework are ``warning``.
Checks return values and never raise: ``run_checks`` turns a failing check into a warning.

Modules, in the order their checks run: ``figures``, ``totals``, ``framework``, ``extraction``.
A new check is a function decorated with ``@check(reads=...)`` in one of them. Beside them:
``parts`` (what a report is expected to contain, and what was read), ``doubt`` (errors on
figures read with doubt) and ``verdict`` (adds up, does not add up, incomplete).
"""

from __future__ import annotations

from kompass_extract.checks.common import CHECKS, CheckFunction, report_warning

# isort: off
# Imported in the order their checks run: registration order is run order.
from kompass_extract.checks.figures import box_vs_overview, percent_vs_points, points_within_max
from kompass_extract.checks.totals import (
    area_total_interval,
    areas_sum,
    overview_percent,
    question_true_points,
    questions_sum,
    total_vs_areas,
)
from kompass_extract.checks.framework import known_framework, question_ids
from kompass_extract.checks.extraction import extraction

# isort: on
from kompass_extract.checks.doubt import qualify_doubt
from kompass_extract.checks.verdict import VERDICTS, Verdict, report_verdict
from kompass_extract.models import CheckResult, Report

__all__ = [
    "CHECKS",
    "VERDICTS",
    "Verdict",
    "area_total_interval",
    "areas_sum",
    "box_vs_overview",
    "extraction",
    "known_framework",
    "overview_percent",
    "percent_vs_points",
    "points_within_max",
    "question_ids",
    "question_true_points",
    "questions_sum",
    "report_verdict",
    "run_checks",
    "total_vs_areas",
]


def run_checks(report: Report) -> list[CheckResult]:
    """Every registered check on one report, in registration order; an error on a figure
    read with doubt becomes a warning that says so (``checks/doubt.py``)."""
    results: list[CheckResult] = []
    for name, function in CHECKS.items():
        results += _run_one(name, function, report)
    return qualify_doubt(report, results)


def _run_one(name: str, function: CheckFunction, report: Report) -> list[CheckResult]:
    try:
        return function(report)
    except Exception as exc:  # a check must never stop a batch; say it could not run
        return [report_warning(name, f"check could not run ({type(exc).__name__}: {exc})")]
