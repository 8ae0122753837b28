"""Commands that write no table do not import the table libraries (pandas, pyarrow, openpyxl):
they cost a quarter of a second or more to import, on every ``check`` a reader runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "exempelholm-2022.pdf"
TABLE_LIBRARIES = ("pandas", "pyarrow", "openpyxl")
# Runs one command in a fresh interpreter, then prints the table libraries it imported.
PROBE = """
import json, sys
from kompass_extract.cli import main
code = main(sys.argv[1:])
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "pyarrow", "openpyxl"})
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def imported_by(*argv: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLE.exists(), reason="no sample PDFs in samples/")
@pytest.mark.parametrize("mode", ["--summary", "--json"])
def test_check_imports_no_table_library(mode: str) -> None:
    result = imported_by("check", str(SAMPLE), mode)
    assert result["code"] == 0
    assert result["loaded"] == []


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLE.exists(), reason="no sample PDFs in samples/")
def test_extract_imports_them_to_write_its_tables(tmp_path: Path) -> None:
    # the probe itself can see a table library: a command that writes tables lists them
    result = imported_by("extract", str(SAMPLE), "--out", str(tmp_path / "out"), "--quiet")
    assert result["code"] == 0
    assert set(result["loaded"]) >= {"pandas", "pyarrow"}
