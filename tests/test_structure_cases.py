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

from kompass_extract import extract_report, extract_reports
from kompass_extract.errors import SeveralReportsError
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


def test_two_reports_bound_into_one_file_give_two_exact_reports() -> None:
    """Exempelstad 2021 (16 pages), then Exempelholm 2022 (11 pages): each exact against its
    expected file, its pages counted in the bound file; never one report mixing the two."""
    path = CASES / "structure-two-reports-in-one-file" / "input.pdf"
    first, second = extract_reports(path)
    assert (first.first_page, first.page_count, second.first_page, second.page_count) == (
        1,
        16,
        17,
        11,
    )
    assert differences(first, expected("exempelstad-2021")) == []
    assert differences(second, expected("exempelholm-2022"), lambda p: p + 16) == []
    assert first.report_id != second.report_id
    with pytest.raises(SeveralReportsError, match="2 reports.*Exempelstad 2021 on pages 1-16"):
        extract_report(path)


def test_findings_whose_bullet_glyph_is_missing_from_the_font_are_split_and_noted() -> None:
    """Exempelholm 2022 with no bullet in the text layer nor on the page: its 40 findings come
    out as 40 (not merged), and a note says each list was split without bullets."""
    report = extract_report(CASES / "structure-bullet-glyph-missing-from-font" / "input.pdf")
    assert differences(report, expected("exempelholm-2022")) == []
    noted = [n.area_no for n in report.notes if n.code == "items_without_bullets"]
    assert sorted(noted) == [a for a in range(1, 9) for _ in ("strengths", "improvements")]
