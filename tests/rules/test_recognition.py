"""Recognising a report's revision from its area names (kompass_extract/rules/recognition.py)."""

from __future__ import annotations

import pytest

from kompass_extract.rules.frameworks import get_framework
from kompass_extract.rules.recognition import recognise_framework
from tests.rules.revision_names import NAMES_2002, NAMES_2010, NAMES_2016, NAMES_2020


@pytest.mark.parametrize(
    ("names", "revision"),
    [(NAMES_2002, "2002"), (NAMES_2010, "2010"), (NAMES_2016, "2016"), (NAMES_2020, "2020")],
)
def test_recognise_each_revision_exactly(names: list[str], revision: str) -> None:
    match = recognise_framework(names)
    assert (match.name, match.status, match.matched, match.confidence) == (revision, "exact", 8, 1)
    assert match.area_keys == tuple(a.key for a in get_framework(revision).areas)


def test_area_7_tells_2010_from_2016() -> None:
    # the 2010 list with the 2016 spelling of area 6: only area 7 differs
    names = [*NAMES_2016[:6], "Verksamhetsutveckling", NAMES_2016[7]]
    assert recognise_framework(names).name == "2010"
    assert recognise_framework(NAMES_2016).name == "2016"


def test_2020_with_old_area_1_name_is_2020() -> None:
    match = recognise_framework(["1. Offentlighet och demokrati", *NAMES_2020[1:]])
    assert match.name == "2020" and match.status == "exact"


def test_one_unmatched_and_one_missing_area_still_recognised_but_said() -> None:
    names = [*NAMES_2016[:2], "Något helt annat", *NAMES_2016[3:7]]  # area 8 missing
    match = recognise_framework(names)
    assert (match.name, match.status, match.matched) == ("2016", "partial", 6)
    assert match.unmatched_names == ("Något helt annat",)
    assert match.missing_area_numbers == (3, 8)
    assert match.area_keys[2] is None
    assert "Något helt annat" in match.message and "3, 8" in match.message


def test_three_unmatched_is_unknown() -> None:
    names = [*NAMES_2016[:5], "X", "Y", "Z"]
    match = recognise_framework(names)
    assert match.name == "unknown" and match.status == "unknown"
    assert match.area_keys == (None,) * 8


def test_unreadable_area_7_is_ambiguous_without_year() -> None:
    names: list[str | None] = [*NAMES_2016[:6], None, NAMES_2016[7]]
    match = recognise_framework(names)
    assert (match.name, match.status) == ("unknown", "ambiguous")
    assert match.candidates == ("2010", "2016")


def test_unreadable_area_7_decided_by_year() -> None:
    names: list[str | None] = [*NAMES_2016[:6], None, NAMES_2016[7]]
    assert recognise_framework(names, year=2018).name == "2016"
    assert recognise_framework(names, year=2012).name == "2010"
    assert recognise_framework(names, year=2021).status == "ambiguous"


def test_names_out_of_order_do_not_count() -> None:
    swapped = [NAMES_2020[7], *NAMES_2020[1:7], NAMES_2020[0]]
    match = recognise_framework(swapped)
    # areas 2-7 stay in order; the swapped first and last names fit no ordered chain with them
    assert (match.name, match.status, match.matched) == ("2020", "partial", 6)
    assert match.area_keys[0] is None and match.area_keys[7] is None
    assert match.missing_area_numbers == (1, 8)


@pytest.mark.parametrize("names", [[], ["Foo"], ["Årsredovisning", "Budget", "", None]])
def test_unknown_sets_never_raise(names: list[str | None]) -> None:
    match = recognise_framework(names)
    assert match.name == "unknown" and not match.recognised
    assert len(match.area_keys) == len(names)
