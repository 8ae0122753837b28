"""A file that binds two reports: one report each through the API, `extract` and `check`.

The bound file is made here from two sample PDFs (pypdf), so that the expected values are the
samples' expected files, written from the generator's input.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kompass_extract import extract_reports
from kompass_extract.cli import main
from tests.expected import differences

pypdf = pytest.importorskip("pypdf")
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FIRST, SECOND = "exempeltorp-2006", "okandby-2024"
pytestmark = pytest.mark.slow


def expected(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def bound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    writer = pypdf.PdfWriter()
    for name in (FIRST, SECOND):
        writer.append(str(SAMPLES / f"{name}.pdf"))
    path = tmp_path_factory.mktemp("bound") / "bound.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def first_pages() -> int:
    return expected(FIRST)["report"]["page_count"]


def test_the_api_gives_each_report_exactly(bound: Path) -> None:
    first, second = extract_reports(bound)
    shift = first_pages()
    assert differences(first, expected(FIRST)) == []
    assert differences(second, expected(SECOND), lambda page: page + shift) == []
    assert (first.page_count, second.first_page) == (shift, shift + 1)


def test_extract_writes_a_row_per_report_and_check_a_verdict_per_report(
    bound: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(bound), "--out", str(out), "--format", "csv", "--quiet"]) == 0
    with (out / "reports.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["municipality"], r["evaluation_year"], r["page_count"]) for r in rows] == [
        ("Exempeltorp", "2006", str(first_pages())),
        ("Okändby", "2024", str(expected(SECOND)["report"]["page_count"])),
    ]
    with (out / "questions.csv").open(encoding="utf-8") as handle:
        questions = list(csv.DictReader(handle))
    count = sum(len(a["questions"]) for name in (FIRST, SECOND) for a in expected(name)["areas"])
    assert len(questions) == count
    capsys.readouterr()
    main(["check", str(bound), "--summary"])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(str(bound))]
    assert len(lines) == 2 and "Exempeltorp 2006" in lines[0] and "Okändby 2024" in lines[1]
