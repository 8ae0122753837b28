"""Broken and hostile files run through the real ``extract`` command end to end."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kompass_extract.read.pages import ENGINES
from tests.hostile.make_fixtures import FIXTURES, encrypted, expected_code, write_fixtures

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60.0  # generous: the samples must not time out on a busy machine (4-5 s of CPU each)
JOBS = 2
LIMITS = ["--timeout", str(TIMEOUT_S), "--max-memory", "512M", "--jobs", str(JOBS)]
SAMPLES = sorted((REPO / "samples").glob("*.pdf"))
pytestmark = pytest.mark.slow  # every test runs the command in a process of its own


def extract(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kompass_extract", "extract", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def error_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "errors.csv").open(encoding="utf-8") as handle:
        return {Path(row["source_file"]).name: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module", params=sorted(ENGINES))
def hostile_run(request, tmp_path_factory):
    """One run per engine over every hostile fixture plus the samples: (folder, out, process,
    seconds, engine)."""
    folder = tmp_path_factory.mktemp("archive")
    write_fixtures(folder / "hostile")
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    out = tmp_path_factory.mktemp("out")
    started = time.monotonic()
    done = extract(str(folder), "--out", str(out), "--engine", request.param, *LIMITS)
    return folder, out, done, time.monotonic() - started, request.param


def test_every_hostile_file_gets_its_error_code(hostile_run):
    _, out, _, _, engine = hostile_run
    rows = error_rows(out)
    assert {name: row["error_code"] for name, row in rows.items()} == {
        name: expected_code(name, engine) for name in FIXTURES
    }
    assert all(row["message"].strip() for row in rows.values())
    assert all(row["elapsed_s"] for row in rows.values())


def test_the_run_exits_1_and_still_writes_the_good_reports(hostile_run):
    _, out, done, _, _ = hostile_run
    assert done.returncode == 1
    with (out / "reports.csv").open(encoding="utf-8") as handle:
        extracted = {Path(row["source_file"]).name for row in csv.DictReader(handle)}
    assert extracted == {sample.name for sample in SAMPLES}


def test_the_run_finishes_within_its_worst_case_bound(hostile_run):
    folder, _, _, seconds, _ = hostile_run
    files = len(list(folder.rglob("*.pdf")))
    startup_allowance = 15  # interpreter start, imports, writing the tables
    assert seconds < files * TIMEOUT_S / JOBS + startup_allowance


def test_one_stderr_line_per_failed_file_and_no_traceback(hostile_run):
    _, _, done, _, _ = hostile_run
    failure_lines = [line for line in done.stderr.splitlines() if line.endswith("]")]
    for name in FIXTURES:
        assert sum(name in line for line in failure_lines) == 1, name
    assert "Traceback" not in done.stderr


def test_the_right_password_opens_an_encrypted_file(tmp_path):
    (tmp_path / "locked.pdf").write_bytes(encrypted("secret", "owner"))
    without = extract(str(tmp_path), "--out", str(tmp_path / "o1"), *LIMITS)
    assert "--password" in error_rows(tmp_path / "o1")["locked.pdf"]["message"]
    opened = extract(str(tmp_path), "--out", str(tmp_path / "o2"), "--password", "secret", *LIMITS)
    assert without.returncode == opened.returncode == 1
    assert error_rows(tmp_path / "o2")["locked.pdf"]["error_code"] == "not_kompass"


@pytest.mark.skipif(not SAMPLES, reason="no sample PDFs in samples/")
def test_an_owner_password_only_report_is_extracted(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(SAMPLES[0]))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-128")
    with (tmp_path / "protected.pdf").open("wb") as handle:
        writer.write(handle)
    done = extract(str(tmp_path), "--out", str(tmp_path / "out"), *LIMITS)
    assert done.returncode == 0, done.stderr
