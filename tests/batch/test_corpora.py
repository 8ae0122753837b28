"""Real third-party PDFs (none a report): each must end with a clear error code in time.

Reads ``../shared/corpora`` in place (never copied into the project); skips when it is absent.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from kompass_extract.errors import ERROR_CODES

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
ENCRYPTED = CORPORA / "pdfminer-samples" / "encryption"
TIMEOUT_S = 60

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent"),
]


def extract(folder: Path, out: Path, *extra: str) -> dict[Path, dict[str, str]]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kompass_extract",
            "extract",
            str(folder),
            "--out",
            str(out),
            "--timeout",
            str(TIMEOUT_S),
            "--quiet",
            *extra,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    with (out / "errors.csv").open(encoding="utf-8") as handle:
        return {Path(row["source_file"]).resolve(): row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def corpus_errors(tmp_path_factory):
    return extract(CORPORA, tmp_path_factory.mktemp("corpora-out"))


def test_every_corpus_pdf_ends_with_a_known_error_code(corpus_errors):
    pdfs = {p.resolve() for p in CORPORA.rglob("*") if p.suffix.lower() == ".pdf"}
    assert set(corpus_errors) == pdfs
    for path, row in corpus_errors.items():
        assert row["error_code"] in ERROR_CODES, path
        assert row["message"].strip(), path


def test_no_corpus_pdf_overruns_its_time_limit_or_hits_an_unexplained_error(corpus_errors):
    odd = {
        p.name: r["error_code"]
        for p, r in corpus_errors.items()
        if r["error_code"] in ("timeout", "memory_limit", "internal")
    }
    assert odd == {}


def test_encrypted_corpus_files_ask_for_a_password(corpus_errors):
    locked = {p.name for p, r in corpus_errors.items() if r["error_code"] == "encrypted"}
    assert {
        "rc4-40.pdf",
        "rc4-128.pdf",
        "aes-128.pdf",
        "aes-256.pdf",
        "password-example.pdf",
    } <= locked
    assert "base.pdf" not in locked  # the unencrypted original of the encryption samples
    assert all(
        "--password" in corpus_errors[p]["message"] for p in corpus_errors if p.name in locked
    )


def test_the_documented_password_opens_the_encrypted_samples(tmp_path):
    errors = extract(ENCRYPTED, tmp_path / "out", "--password", "foo")
    codes = {p.name: r["error_code"] for p, r in errors.items()}
    assert codes["rc4-40.pdf"] == codes["aes-128.pdf"] == codes["aes-256.pdf"] == "not_kompass"
    assert codes["aes-256-r6.pdf"] == "encrypted"  # its password is another one
