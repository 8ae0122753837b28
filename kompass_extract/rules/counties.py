"""The 21 Swedish counties (län): two-digit SCB county code -> the county's name.

The table is ``rules/counties.csv`` (CC0; its first lines say where it comes from). A
municipality's county is the one whose code is the first two digits of its four-digit code.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from pathlib import Path

import regex

COUNTY_COLUMNS = ("county_code", "county")
_CODE = regex.compile(r"^\d{2}$")


class CountyDataError(ValueError):
    """A county data file that cannot be used: names the file, the line and the problem."""


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines with their numbers, without the leading ``#`` comment lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]


def _parse(path: Path) -> dict[str, str]:
    numbered = _data_lines(path)
    rows = list(csv.reader(line for _, line in numbered))
    if not rows or tuple(rows[0]) != COUNTY_COLUMNS:
        raise CountyDataError(f"{path}: expected the columns {', '.join(COUNTY_COLUMNS)}")
    counties: dict[str, str] = {}
    for (line_no, _), row in zip(numbered[1:], rows[1:], strict=True):
        if len(row) != 2 or not _CODE.match(row[0]) or not row[1].strip():
            raise CountyDataError(f"{path}, line {line_no}: expected a two-digit code and a name")
        if row[0] in counties or row[1] in counties.values():
            raise CountyDataError(f"{path}, line {line_no}: {row[0]} {row[1]} is listed twice")
        counties[row[0]] = row[1]
    return counties


@cache
def load_counties(path: Path | None = None) -> dict[str, str]:
    """County code (``"01"``) -> name (``"Stockholms län"``), in code order.

    ``path`` defaults to the package's ``rules/counties.csv``; raises ``CountyDataError`` for a
    file without the columns ``county_code,county``, a malformed row or a repeated county.
    """
    source = path or Path(str(resources.files("kompass_extract.rules") / "counties.csv"))
    return dict(sorted(_parse(source).items()))


def county_of(municipality_code: str | None) -> tuple[str | None, str | None]:
    """``(county_code, county)`` of a four-digit municipality code; ``(None, None)`` for None
    or a code whose first two digits are no county's."""
    if municipality_code is None:
        return None, None
    code = municipality_code[:2]
    name = load_counties().get(code)
    return (code, name) if name is not None else (None, None)
