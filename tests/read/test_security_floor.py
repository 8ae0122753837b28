"""The PDF libraries must be at least the releases that fixed code execution from crafted
files (pickled CMaps: CVE-2025-64512, CVE-2025-70559)."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import regex

PDFMINER_FLOOR = 20251230
PDFPLUMBER_FLOOR = (0, 11, 9)
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def release_numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in regex.findall(r"\d+", text))


def test_installed_pdfminer_six_is_not_older_than_the_fixed_release():
    installed = version("pdfminer.six")
    assert release_numbers(installed)[0] >= PDFMINER_FLOOR, (
        f"pdfminer.six {installed} is older than {PDFMINER_FLOOR}, which fixed code execution "
        "from crafted PDFs; upgrade: pip install -U 'pdfplumber>=0.11.9'"
    )


def test_installed_pdfplumber_is_not_older_than_the_floor():
    assert release_numbers(version("pdfplumber"))[:3] >= PDFPLUMBER_FLOOR


def test_pyproject_declares_the_floors():
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    floors = {
        d.split(">=")[0].strip(): release_numbers(d.split(">=")[1])
        for d in dependencies
        if ">=" in d
    }
    assert floors["pdfplumber"] >= PDFPLUMBER_FLOOR
    assert floors["pdfminer.six"][0] >= PDFMINER_FLOOR


def test_the_check_rejects_an_older_release_number():
    assert release_numbers("20250506")[0] < PDFMINER_FLOOR
