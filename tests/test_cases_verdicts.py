"""Verdicts on the shared cases (``../shared/cases``: a sample with one real-world condition
added): a report missing an area is incomplete with empty totals, and no case is said to add
up while something of it is lost. Skipped where ``../shared`` is absent."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from kompass_extract import extract_report
from kompass_extract.checks import report_verdict, run_checks
from kompass_extract.checks.parts import Part
from kompass_extract.cli import main
from kompass_extract.errors import KompassError
from kompass_extract.models import Report
from kompass_extract.rules.doubt import undecoded_characters

CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "cases"
AREA_MISSING = CASES / "verdict-area-missing" / "input.pdf"
AREA_KINDS = (
    "box_score",
    "overview_total",
    "overview_questions",
    "strengths",
    "improvements",
    "area_summary",
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CASES.is_dir(), reason="../shared/cases is absent"),
]


def test_a_report_missing_an_area_is_incomplete_with_empty_totals() -> None:
    report = extract_report(AREA_MISSING)
    verdict = report_verdict(report, run_checks(report))
    assert [area.area_no for area in report.areas] == [1, 2, 3, 4, 6, 7, 8]
    assert (report.total_score, report.max_total) == (None, None)
    assert verdict.code == "incomplete"
    assert verdict.missing == tuple(Part(5, kind) for kind in AREA_KINDS)


def test_check_exits_1_and_says_the_report_is_incomplete(capsys: pytest.CaptureFixture) -> None:
    assert main(["check", str(AREA_MISSING), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "verdict: incomplete: 43 of 49 expected parts read without doubt" in out
    assert "not read: area 5 (box score" in out


def test_extract_writes_empty_totals_and_the_verdict(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["extract", str(AREA_MISSING), "--out", str(out), "--format", "csv", "--quiet"]
    assert main([*args, "--jobs", "1"]) == 0
    assert main([*args, "--jobs", "1", "--strict"]) == 1
    with (out / "reports.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["total_score"], row["max_total"]) == ("", "")
    assert (row["verdict"], row["completeness"]) == ("incomplete", str(round(43 / 49, 4)))


# Each case is a correct sample read under one condition, with the frozen expected file of
# that sample; structure-extra-unnumbered-page shifts pages, which the comparison leaves aside.
READ_UNDER_A_CONDITION = {
    "text-decomposed-letters": "amal-2019",
    "text-ligatures": "amal-2019",
    "text-soft-hyphens": "amal-2019",
    "text-overprinted-bold": "amal-2019",
    "text-no-space-characters": "amal-2019",
    "text-bullets-without-unicode": "amal-2019",
    "text-letters-without-unicode": "amal-2019",
    "text-pages-turned-sideways": "amal-2019",
    "structure-extra-unnumbered-page": "amal-2019",
    "structure-bullet-glyph-missing-from-font": "exempelholm-2022",
    "structure-two-reports-in-one-file": "exempelstad-2021",
}


def lost(report: Report, expected: dict[str, Any]) -> list[str]:
    """What of the expected report is not in ``report``: areas, scores, totals, question
    points, counts of findings, summaries, and text that was not decoded."""
    if [a.area_no for a in report.areas] != [a["area_no"] for a in expected["areas"]]:
        return ["areas"]
    problems = []
    for want in expected["areas"]:
        area = report.area(want["area_no"])
        got = (
            area.score,
            area.overview_total,
            [(q.question_id, q.points) for q in area.questions],
            len(area.strengths),
            len(area.improvements),
            area.summary is not None,
        )
        wanted = (
            want["score"],
            want["overview"]["total"],
            [(q["question_id"], q["points"]) for q in want["questions"]],
            len(want["strengths"]),
            len(want["improvements"]),
            want["summary"] is not None,
        )
        problems += [f"area {area.area_no}"] if got != wanted else []
    texts = [f.text for a in report.areas for f in a.findings]
    texts += [s.text for s in (report.overall_comments, *(a.summary for a in report.areas)) if s]
    problems += [c for text in texts for c in undecoded_characters(text)]
    if (report.overall_comments is None) != (expected["overall_comments"] is None):
        problems.append("overall comments")
    return problems


@pytest.mark.parametrize(("case", "sample"), sorted(READ_UNDER_A_CONDITION.items()))
def test_a_case_is_never_said_to_add_up_while_something_is_lost(case: str, sample: str) -> None:
    try:
        report = extract_report(CASES / case / "input.pdf")
    except KompassError:
        return  # an unreadable file gets no verdict at all, least of all 'adds up'
    verdict = report_verdict(report, run_checks(report))
    assert verdict.code != "does_not_add_up", verdict.explanation()  # no report here is wrong
    if verdict.code == "adds_up":
        expected = json.loads((CASES / f"{sample}.expected.json").read_text(encoding="utf-8"))
        assert lost(report, expected) == []
