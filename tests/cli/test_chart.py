"""``check --chart``: one row per area of the framework, read or not."""

from __future__ import annotations

import pytest

from kompass_extract.cli.chart import area_chart
from kompass_extract.rules.frameworks import get_framework
from tests.verdict_reports import report_from_expected, without_area


def area_rows(chart: str) -> dict[int, str]:
    """The chart's rows by area number (each row starts with it)."""
    rows = {}
    for line in chart.splitlines()[1:]:
        first = line.split()[0] if line.split() else ""
        if first.isdigit():
            rows[int(first)] = line
    return rows


def test_every_area_read_has_its_score():
    report = report_from_expected("provby-2018")
    rows = area_rows(area_chart(report))
    assert sorted(rows) == list(range(1, 9))
    for area in report.areas:
        assert f"{area.score:g} / {area.max_score:g}" in rows[area.area_no]


@pytest.mark.parametrize("missing", [1, 5, 8])
def test_an_area_that_was_not_read_has_a_row_that_says_so(missing):
    report = without_area(report_from_expected("provby-2018"), missing)
    rows = area_rows(area_chart(report))
    assert sorted(rows) == list(range(1, 9))
    assert "not read" in rows[missing]
    framework_area = get_framework(report.framework).area(missing)
    assert framework_area.name in rows[missing]
    assert f"- / {framework_area.max_points:g}" in rows[missing]
    assert all("not read" not in row for no, row in rows.items() if no != missing)
