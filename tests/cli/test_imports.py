"""Commands import only what they use: the table libraries (pandas, pyarrow, openpyxl) and the
field catalogue only to write tables, pdfplumber and pdfminer only to read with pdfplumber (or
to judge a file that gave no report), rich only to draw, filelock only to hold OUT. Each costs
from ten milliseconds to a quarter of a second to import, on every ``check`` a reader runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "exempelholm-2022.pdf"
TABLE_LIBRARIES = ("pandas", "pyarrow", "openpyxl")
# Imported only where used; each name is a package or a module of kompass_extract.
WATCHED = (
    *TABLE_LIBRARIES,
    "pdfplumber",
    "pdfminer",
    "rich",
    "filelock",
    "kompass_extract.dataset.catalogue",
)
# Runs one command in a fresh interpreter (stdout to the null device, as a pipe would take
# it: a terminal gets rich's progress bar), then prints the watched modules it imported.
PROBE = """
import json, os, sys
from kompass_extract.cli import main
sys.stdout = open(os.devnull, "w")
code = main(sys.argv[2:])
watched = json.loads(sys.argv[1])
loaded = sorted(name for name in watched if name in sys.modules)
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def imported_by(*argv: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(WATCHED), *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="no sample PDFs in samples/")


@pytest.mark.slow
@needs_sample
@pytest.mark.parametrize("mode", [[], ["--summary"], ["--json"]])
def test_check_imports_none_of_them_with_the_default_engine(mode: list[str]) -> None:
    result = imported_by("check", str(SAMPLE), *mode)
    assert result["code"] == 0
    assert result["loaded"] == []


@pytest.mark.slow
@needs_sample
def test_check_imports_pdfplumber_to_read_with_it() -> None:
    # the probe can see the PDF libraries: a run that reads with them lists them
    result = imported_by("check", str(SAMPLE), "--summary", "--engine", "pdfplumber")
    assert result["code"] == 0
    assert result["loaded"] == ["pdfminer", "pdfplumber"]


@pytest.mark.slow
@needs_sample
def test_check_imports_rich_to_draw_a_chart() -> None:
    result = imported_by("check", str(SAMPLE), "--chart")
    assert result["code"] == 0
    assert result["loaded"] == ["rich"]


@pytest.mark.slow
@needs_sample
def test_extract_imports_them_to_write_its_tables(tmp_path: Path) -> None:
    # the probe itself can see a table library: a command that writes tables lists them
    result = imported_by("extract", str(SAMPLE), "--out", str(tmp_path / "out"), "--quiet")
    assert result["code"] == 0
    loaded = set(result["loaded"])
    assert loaded >= {"pandas", "pyarrow", "filelock", "kompass_extract.dataset.catalogue"}
    assert not loaded & {"pdfplumber", "pdfminer", "rich"}
