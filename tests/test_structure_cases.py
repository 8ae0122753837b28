"""The structure-* cases of ../shared/cases: each gives its right result (see the README there).

The expected files there are frozen copies of the samples' expected files, written from the
generator's input. Skipped where ../shared is absent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kompass_extract import extract_report
from tests.expected import differences

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "cases"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CASES.is_dir(), reason="../shared/cases is absent"),
]


@cache
def expected(name: str) -> dict[str, Any]:
    return json.loads((CASES / f"{name}.expected.json").read_text("utf-8"))


def test_an_inserted_unnumbered_page_leaks_no_page_number() -> None:
    """One page without a number after page 20: the pages after it shift by one, and no
    running page number of the pages before or after it ends up in a finding or summary."""
    report = extract_report(CASES / "structure-extra-unnumbered-page" / "input.pdf")
    assert report.page_count == 41
    assert differences(report, expected("amal-2019"), lambda p: p if p <= 20 else p + 1) == []
