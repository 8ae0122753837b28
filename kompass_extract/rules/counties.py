"""The 21 Swedish counties (län): two-digit SCB county code -> the county's name.

The table is ``rules/counties.csv`` (CC0; ``counties.SOURCE.md`` beside it says where it comes from). A
municipality's county is the one whose code is the first two digits of its four-digit code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from kompass_extract.rules.loader import RulesDataError, load_csv

COUNTY_COLUMNS = ("county_code", "county")


class County(BaseModel):
    """One row of ``counties.csv``: the two-digit county code and the county's name."""

    model_config = ConfigDict(frozen=True)

    county_code: str = Field(pattern=r"^\d{2}$")
    county: str = Field(min_length=1)


@cache
def load_counties(path: Path | None = None) -> dict[str, str]:
    """County code (``"01"``) -> name (``"Stockholms län"``), in code order.

    ``path`` defaults to the package's ``rules/counties.csv``; raises ``RulesDataError`` for a
    file without the columns ``county_code,county`` (or its ``SOURCE.md``), a malformed row or
    a repeated county, naming the line.
    """
    source = path or "counties.csv"
    counties: dict[str, str] = {}
    for line, row in load_csv(source, County, COUNTY_COLUMNS):
        if row.county_code in counties or row.county in counties.values():
            raise RulesDataError(Path(str(source)), f"{row.county} is listed twice", line=line)
        counties[row.county_code] = row.county
    return dict(sorted(counties.items()))


def county_of(municipality_code: str | None) -> tuple[str | None, str | None]:
    """``(county_code, county)`` of a four-digit municipality code; ``(None, None)`` for None
    or a code whose first two digits are no county's."""
    if municipality_code is None:
        return None, None
    code = municipality_code[:2]
    name = load_counties().get(code)
    return (code, name) if name is not None else (None, None)
