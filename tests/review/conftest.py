"""A reviewed build shared by the review tests: two sample reports (one made an earlier
evaluation of the other's municipality), a file that fails, boxes on every value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kompass_extract.cli import main
from tests.review.builds import SAMPLES, add_boxes, add_check_row, set_report_values

REPORTED = ("provby-2018.pdf", "exempelholm-2022.pdf")
# A parse note as the checks table holds it: the box of area 3 held two numbers.
DOUBT_NOTE = {
    "check": "extraction",
    "area_no": 3,
    "question_id": None,
    "severity": "warning",
    "expected": None,
    "actual": None,
    "message": "score_box: the box holds two numbers (page 6)",
    "beyond_rounding": None,
}


@pytest.fixture(scope="session")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of ``extract`` over two samples and a broken file, with boxes and the review."""
    root = tmp_path_factory.mktemp("reviewed")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    for name in REPORTED:
        shutil.copy(SAMPLES / name, pdfs / name)
    (pdfs / "broken.pdf").write_bytes(b"<html>not a pdf</html>")
    out = root / "out"
    assert main(["extract", str(pdfs), "--out", str(out), "--jobs", "1", "--quiet"]) == 1
    add_boxes(out)
    reports = (out / "reports.csv").read_text("utf-8").splitlines()
    holm_id = next(line.split(",")[0] for line in reports if "exempelholm" in line)
    set_report_values(out, holm_id, municipality="Provby", evaluation_year=2015)
    provby_id = next(line.split(",")[0] for line in reports if "provby" in line)
    add_check_row(out, DOUBT_NOTE | {"report_id": provby_id})
    assert main(["review", str(out), "--quiet"]) == 0
    return out
