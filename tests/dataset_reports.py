"""Hand-built reports for the dataset tests (package, schemas, manifest, diff).

Values are invented for the tests; they describe no real evaluation.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kompass_extract.models import Area, Finding, Question, Report, SubArea, Summary


def fake_sha256(seed: str) -> str:
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def make_area(area_no: int, score: int) -> Area:
    return Area(
        area_no=area_no,
        area_name=f"Område {area_no}",
        area_key=f"area_{area_no}",
        score=score,
        max_score=100,
        overview_total=float(score),
        overview_percent=float(score),
        page=10 + area_no,
        subareas=(
            SubArea(position=1, heading="Rubrik ett", page=10 + area_no),
            SubArea(position=2, heading="Rubrik två", page=10 + area_no),
        ),
        findings=(
            Finding(kind="strength", position=1, text="En styrka", page=11 + area_no),
            Finding(kind="improvement", position=1, text="Att förbättra", page=11 + area_no),
        ),
        summary=Summary(kind="area_summary", area_no=area_no, text="Sammanfattning", page=12),
        questions=(
            Question(
                area_no=area_no,
                question_id=f"{area_no}.1",
                question_text="Fråga ett",
                points=10.0,
                max_points=15.0,
                percent=66.7,
                page=40,
            ),
            Question(
                area_no=area_no,
                question_id=f"{area_no}.2",
                question_text="Fråga två",
                points=None,
                max_points=20.0,
                percent=None,
                page=40,
            ),
        ),
    )


def make_report(municipality: str, code: str | None, year: int, scores: list[int]) -> Report:
    sha = fake_sha256(f"{municipality}{year}")
    return Report(
        report_id=f"{municipality.lower()}-{year}-{sha[:8]}",
        source_file=f"reports/{municipality}-{year}.pdf",
        sha256=sha,
        municipality=municipality,
        municipality_code=code,
        evaluation_year=year,
        evaluation_month=11,
        framework="2016",
        evaluators=("A. Utvärderare", "B. Utvärderare"),
        page_count=48,
        parser_version="0.0.test",
        areas=tuple(make_area(n, s) for n, s in enumerate(scores, start=1)),
        overall_comments=Summary(kind="overall_comments", text="Kommentarer", page=8),
    )


def sample_reports() -> list[Report]:
    """Two reports, one of them a municipality with a leading-zero code."""
    return [
        make_report("Stockholm", "0180", 2017, [55, 46, 60, 54, 51, 64, 42, 81]),
        make_report("Testby", None, 2019, [50, 50, 50, 50, 50, 50, 50, 50]),
    ]


SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.pdf"))


def extract_build(out: Path, pdfs: list[Path]) -> Path:
    """A dataset build of ``pdfs`` through the extract command, as a user runs it."""
    from kompass_extract.cli import main

    exit_code = main(["extract", *map(str, pdfs), "--out", str(out), "--jobs", "1", "--quiet"])
    assert exit_code == 0, f"extraction of {[p.name for p in pdfs]} failed (exit {exit_code})"
    return out
