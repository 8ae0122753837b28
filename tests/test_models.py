"""The report record's totals: only over every area of the revision."""

from __future__ import annotations

from tests.checks_reports import amal_report

# Box scores of the Åmål 2019 report, areas 1-8, as printed in its boxes.
AMAL_SCORES = [55, 46, 60, 54, 51, 64, 42, 81]


def test_the_totals_add_up_every_area() -> None:
    report = amal_report()
    assert report.has_every_area
    assert report.total_score == sum(AMAL_SCORES) == 453
    assert report.max_total == 800


def test_a_report_missing_an_area_has_no_totals() -> None:
    report = amal_report()
    seven = report.model_copy(update={"areas": tuple(a for a in report.areas if a.area_no != 5)})
    assert not seven.has_every_area
    assert (seven.total_score, seven.max_total) == (None, None)


def test_an_area_read_twice_or_a_ninth_area_gives_no_totals() -> None:
    report = amal_report()
    twice = report.model_copy(update={"areas": (*report.areas, report.area(3))})
    ninth = report.model_copy(
        update={"areas": (*report.areas, report.area(8).model_copy(update={"area_no": 9}))}
    )
    for odd in (twice, ninth):
        assert (odd.total_score, odd.max_total) == (None, None)


def test_an_area_without_its_score_leaves_the_total_empty_but_not_the_maximum() -> None:
    report = amal_report()
    unscored = report.area(2).model_copy(update={"score": None})
    areas = tuple(unscored if a.area_no == 2 else a for a in report.areas)
    changed = report.model_copy(update={"areas": areas})
    assert (changed.total_score, changed.max_total) == (None, 800)
