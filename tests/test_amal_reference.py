"""The Åmål 2019 sample against the figures of the real report (issue acceptance), and its
expected file against the reference text itself (where ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from kompass_extract import extract_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amal-2019.pdf"
EXPECTED = ROOT / "samples" / "amal-2019.expected.json"
REFERENCE = ROOT.parent / "shared" / "reference" / "amal-2019-report.txt"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="samples/amal-2019.pdf not generated")


@pytest.fixture(scope="module")
def report():
    return extract_report(SAMPLE)


@pytest.mark.slow
def test_area_scores_and_total(report) -> None:
    assert [a.score for a in report.areas] == [55, 46, 60, 54, 51, 64, 42, 81]
    assert report.total_score == 453
    assert report.max_total == 800
    assert (report.municipality, report.municipality_code) == ("Åmål", "1492")
    assert (report.evaluation_year, report.evaluation_month, report.framework) == (2019, 11, "2016")


@pytest.mark.slow
def test_counts_of_questions_findings_summaries(report) -> None:
    questions = [q for a in report.areas for q in a.questions]
    assert len(questions) == 45
    assert [len(a.questions) for a in report.areas] == [5, 5, 5, 6, 6, 6, 5, 7]
    assert sum(len(a.strengths) for a in report.areas) == 69
    assert sum(len(a.improvements) for a in report.areas) == 54
    assert sum(a.summary is not None for a in report.areas) == 8
    assert report.overall_comments is not None


def _fold(text: str) -> str:
    return regex.sub(r"\s+", " ", text.replace("\uf0a7", " ").replace("•", " ")).strip()


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not present")
def test_expected_texts_occur_in_the_reference_text() -> None:
    """Every text of the expected file is the reference report's wording (wraps folded)."""
    reference = _fold(REFERENCE.read_text("utf-8"))
    # the reference text breaks compounds at line ends ("trainee-" newline "utbildningar")
    reference_joined = regex.sub(r"(\w)- (?=\w)", r"\1-", reference)
    expected = json.loads(EXPECTED.read_text("utf-8"))
    texts = [expected["overall_comments"]["text"]]
    for area in expected["areas"]:
        texts += [s["heading"] for s in area["subareas"]]
        texts += [f["text"] for f in area["strengths"] + area["improvements"]]
        texts += [area["summary"]["text"]] + [q["question_text"] for q in area["questions"]]
    missing = [
        t
        for t in texts
        if _fold(t) not in reference
        and _fold(t) not in reference_joined
        and not all(_fold(p) in reference for p in t.split("\n\n"))
    ]
    assert missing == []
