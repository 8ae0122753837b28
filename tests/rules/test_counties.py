"""The county table: 21 counties, every municipality in one of them, a clear error on bad data."""

from __future__ import annotations

import pytest

from kompass_extract.rules.counties import county_of, load_counties
from kompass_extract.rules.loader import RulesDataError
from kompass_extract.rules.municipalities import load_municipalities


def test_the_table_has_the_21_counties_with_two_digit_codes() -> None:
    counties = load_counties()
    assert len(counties) == 21
    assert counties["01"] == "Stockholms län"
    assert counties["14"] == "Västra Götalands län"
    assert counties["25"] == "Norrbottens län"
    assert all(name.endswith("län") for name in counties.values())


def test_every_municipality_lies_in_a_known_county() -> None:
    counties = load_counties()
    assert {m.county_code for m in load_municipalities()} == set(counties)


def test_county_of_a_municipality_code() -> None:
    assert county_of("1492") == ("14", "Västra Götalands län")  # Åmål
    assert county_of("0180") == ("01", "Stockholms län")
    assert county_of(None) == (None, None)
    assert county_of("9900") == (None, None)


def test_the_data_file_says_where_it_comes_from() -> None:
    from importlib import resources

    folder = resources.files("kompass_extract.rules")
    assert (folder / "counties.csv").read_text("utf-8").startswith("county_code,county\n")
    assert "Source:" in (folder / "counties.SOURCE.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("code,name\n01,Stockholms län\n", "expected the columns"),
        ("county_code,county\n1,Stockholms län\n", "line 2"),
        ("county_code,county\n01,A län\n01,B län\n", "line 3: B län is listed twice"),
    ],
)
def test_a_bad_file_is_refused_naming_the_line(tmp_path, content: str, problem: str) -> None:
    path = tmp_path / "counties.csv"
    path.write_text(content, encoding="utf-8")
    (tmp_path / "counties.SOURCE.md").write_text("made for this test", encoding="utf-8")
    with pytest.raises(RulesDataError, match=problem):
        load_counties(path)
