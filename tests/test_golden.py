"""Golden tests: every sample PDF in samples/ against its hand-checked expected file.

Expected files (samples/<name>.expected.json) are written from the samples' sources (the
generator's input), never from this program's output. Every field is compared.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kompass_extract import Report, extract_report

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
pytestmark = pytest.mark.slow  # every test reads the sample PDFs
EXPECTED = sorted(SAMPLES.glob("*.expected.json"))


@cache
def extracted(pdf_name: str) -> Report:
    return extract_report(SAMPLES / pdf_name)


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def sample_ids() -> list[str]:
    return [p.name.removesuffix(".expected.json") for p in EXPECTED]


@pytest.fixture(params=EXPECTED, ids=sample_ids())
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Report]:
    expected = load(request.param)
    return expected, extracted(expected["sample"])


def test_every_sample_pdf_has_an_expected_file() -> None:
    pdfs = {p.name for p in SAMPLES.glob("*.pdf")}
    described = {load(p)["sample"] for p in EXPECTED}
    assert pdfs == described


def test_report_metadata(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    want = expected["report"]
    got = {
        "municipality": report.municipality,
        "evaluation_year": report.evaluation_year,
        "evaluation_month": report.evaluation_month,
        "framework": report.framework,
        "evaluators": list(report.evaluators),
        "page_count": report.page_count,
    }
    assert got == {k: want[k] for k in got}
    # only real municipalities have a code; a fictional one must get none, never a guess
    assert report.municipality_code == want.get("municipality_code")


def test_area_keys_belong_to_the_recognised_revision(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    keys = [a.area_key for a in report.areas]
    if expected["report"]["framework"] == "unknown":
        assert keys == [None] * len(keys)
    else:
        prefix = expected["report"]["framework"] + "."
        assert all(k is not None and k.startswith(prefix) for k in keys), keys
        assert len(set(keys)) == len(keys) == len(expected["areas"])


def test_area_numbers_names_scores(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    want = [
        (a["area_no"], a["area_name"], a["score"], a["max_score"], a["page"])
        for a in expected["areas"]
    ]
    got = [(a.area_no, a.area_name, a.score, a.max_score, a.page) for a in report.areas]
    assert got == want


def test_overview_totals(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    for want in expected["areas"]:
        area = report.area(want["area_no"])
        overview = want["overview"]
        got = (area.overview_total, area.overview_max, area.overview_percent, area.overview_page)
        assert got == (overview["total"], overview["max"], overview["percent"], overview["page"])


def test_subareas(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    for want in expected["areas"]:
        # the expected files give what the generator printed; boxes are checked against the
        # PDF itself (tests/test_boxes.py)
        got = [
            {"position": s.position, "heading": s.heading, "page": s.page}
            for s in report.area(want["area_no"]).subareas
        ]
        assert got == want["subareas"], f"area {want['area_no']}"


@pytest.mark.parametrize("kind", ["strengths", "improvements"])
def test_findings(case: tuple[dict[str, Any], Report], kind: str) -> None:
    expected, report = case
    for want in expected["areas"]:
        area = report.area(want["area_no"])
        found = area.strengths if kind == "strengths" else area.improvements
        got = [{"text": f.text, "page": f.page} for f in found]
        assert got == want[kind], f"area {want['area_no']} {kind}"
        assert [f.position for f in found] == list(range(1, len(found) + 1))


def test_area_summaries(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    for want in expected["areas"]:
        summary = report.area(want["area_no"]).summary
        got = None if summary is None else {"text": summary.text, "page": summary.page}
        assert got == want["summary"], f"area {want['area_no']}"


def test_overall_comments(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    comments = report.overall_comments
    got = None if comments is None else {"text": comments.text, "page": comments.page}
    assert got == expected["overall_comments"]


def test_questions(case: tuple[dict[str, Any], Report]) -> None:
    expected, report = case
    keys = ("question_id", "question_text", "points", "max_points", "percent", "page")
    for want in expected["areas"]:
        got = [{k: getattr(q, k) for k in keys} for q in report.area(want["area_no"]).questions]
        assert got == [{k: q[k] for k in keys} for q in want["questions"]], (
            f"area {want['area_no']}"
        )
