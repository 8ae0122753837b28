"""The municipality table and resolving printed names to short names and SCB codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kompass_extract.rules.loader import RulesDataError
from kompass_extract.rules.municipalities import (
    load_forms,
    load_municipalities,
    normalise_municipality_name,
    resolve_municipality,
)

PACKAGE_DATA = Path(__file__).parents[2] / "kompass_extract" / "rules"
REFERENCE_CSV = Path(__file__).parents[3] / "shared" / "reference" / "municipalities.csv"

MUNICIPALITIES = load_municipalities()


def genitive(name: str) -> str:
    """Swedish genitive: names ending in s, x or z take no extra s."""
    return name if name[-1] in "sxz" else f"{name}s"


# --- the table -----------------------------------------------------------------------------


def test_all_290_municipalities() -> None:
    assert len(MUNICIPALITIES) == 290


def test_codes_unique_four_digits_with_county_prefix() -> None:
    codes = [m.code for m in MUNICIPALITIES]
    assert len(set(codes)) == 290
    assert all(len(code) == 4 and code.isdigit() for code in codes)
    assert all(m.code[:2] == m.county_code for m in MUNICIPALITIES)
    assert len({m.county_code for m in MUNICIPALITIES}) == 21  # Sweden has 21 counties


def test_known_codes_keep_their_leading_zero() -> None:
    by_name = {m.name: m.code for m in MUNICIPALITIES}
    assert by_name["Stockholm"] == "0180"
    assert by_name["Åmål"] == "1492"
    assert by_name["Upplands Väsby"] == "0114"


def test_source_and_licence_kept_in_the_package() -> None:
    text = (PACKAGE_DATA / "municipalities.SOURCE.md").read_text(encoding="utf-8")
    assert "CC0" in text and "swedish-geodata" in text


@pytest.mark.skipif(not REFERENCE_CSV.is_file(), reason="../shared/reference is absent")
def test_package_table_equals_the_reference() -> None:
    with REFERENCE_CSV.open(encoding="utf-8", newline="") as handle:
        reference = [tuple(row.values()) for row in csv.DictReader(handle)]
    assert [(m.code, m.name, m.county_code) for m in MUNICIPALITIES] == reference


def test_no_genitive_collision_in_the_table() -> None:
    # resolving "<name>s" relies on no municipality being another's name plus an s
    keys = {m.name.casefold() for m in MUNICIPALITIES}
    assert not [key for key in keys if f"{key}s" in keys]


def test_every_name_ending_in_s_is_covered_by_endings_keeping_s() -> None:
    endings = tuple(e.casefold() for e in load_forms().endings_keeping_s)
    ending_in_s = [m.name for m in MUNICIPALITIES if m.name.endswith("s")]
    assert ending_in_s, "the table has names ending in s (Borås, Västerås ...)"
    assert [name for name in ending_in_s if not name.casefold().endswith(endings)] == []


def write_table(folder: Path, text: str, *, source: bool = True) -> Path:
    """A municipality table in ``folder``, with the SOURCE.md a data file needs beside it."""
    table = folder / "municipalities.csv"
    table.write_text(text, encoding="utf-8")
    if source:
        (folder / "municipalities.SOURCE.md").write_text("Test table.\n", encoding="utf-8")
    return table


HEADER = "municipality_code,municipality,county_code\n"


def test_a_table_written_like_the_package_one_loads(tmp_path: Path) -> None:
    table = write_table(tmp_path, HEADER + "0114,Upplands Väsby,01\n0115,Vallentuna,01\n")
    assert [m.code for m in load_municipalities(table)] == ["0114", "0115"]


def test_bad_table_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = write_table(tmp_path, HEADER + "0114,Upplands Väsby,01\n114,Vallentuna,01\n")
    with pytest.raises(RulesDataError, match=r"municipalities.csv, line 3: municipality_code"):
        load_municipalities(bad)


def test_code_outside_its_county_is_rejected(tmp_path: Path) -> None:
    bad = write_table(tmp_path, HEADER + "0114,Upplands Väsby,02\n")
    with pytest.raises(RulesDataError, match="line 2: .*does not start with its county code 02"):
        load_municipalities(bad)


def test_a_repeated_code_or_name_is_rejected_with_its_line(tmp_path: Path) -> None:
    bad = write_table(tmp_path, HEADER + "0114,Upplands Väsby,01\n0114,Vallentuna,01\n")
    with pytest.raises(RulesDataError, match="line 3: '0114' repeats line 2"):
        load_municipalities(bad)
    bad = write_table(tmp_path, HEADER + "0114,Vallentuna,01\n0115,VALLENTUNA,01\n")
    with pytest.raises(RulesDataError, match="line 3: 'vallentuna' repeats line 2"):
        load_municipalities(bad)


def test_wrong_columns_are_rejected(tmp_path: Path) -> None:
    bad = write_table(tmp_path, "kod,namn\n0114,Upplands Väsby\n")
    with pytest.raises(RulesDataError, match="line 1: expected the columns"):
        load_municipalities(bad)


def test_a_table_without_its_source_is_rejected(tmp_path: Path) -> None:
    bad = write_table(tmp_path, HEADER + "0114,Upplands Väsby,01\n", source=False)
    with pytest.raises(RulesDataError, match="municipalities.SOURCE.md beside it"):
        load_municipalities(bad)


# --- every municipality from its usual printed forms ---------------------------------------


@pytest.mark.parametrize(
    "printed_form",
    [
        lambda name: name,
        lambda name: f"{name} kommun",
        lambda name: f"{genitive(name)} kommun",
        lambda name: f"{genitive(name)} kommun".upper(),
        lambda name: f"{genitive(name)} stad",
        lambda name: genitive(name),
        lambda name: name.casefold(),
    ],
    ids=["plain", "X kommun", "Xs kommun", "XS KOMMUN", "Xs stad", "genitive", "lower"],
)
def test_every_municipality_resolves_to_its_own_code(printed_form) -> None:  # type: ignore[no-untyped-def]
    wrong = []
    for municipality in MUNICIPALITIES:
        printed = printed_form(municipality.name)
        match = resolve_municipality(printed)
        if match is None or (match.code, match.name) != (municipality.code, municipality.name):
            wrong.append((printed, match and match.code, municipality.code))
    assert wrong == []


# --- tricky cases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "name", "code"),
    [
        ("ÅMÅLS KOMMUN", "Åmål", "1492"),
        ("Åmåls kommun", "Åmål", "1492"),
        ("Åmål", "Åmål", "1492"),
        ("Åmåls", "Åmål", "1492"),
        ("A\u030amåls kommun", "Åmål", "1492"),  # decomposed Å, as some PDFs give it
        ("HELSINGBORGS STAD", "Helsingborg", "1283"),
        ("Helsingborgs stad", "Helsingborg", "1283"),
        ("Stockholms stad", "Stockholm", "0180"),
        ("Borås stad", "Borås", "1490"),
        ("Västerås stad", "Västerås", "1980"),
        ("Sotenäs kommun", "Sotenäs", "1427"),
        ("MÖNSTERÅS KOMMUN", "Mönsterås", "0861"),
        ("Grums kommun", "Grums", "1764"),
        ("Ale kommun", "Ale", "1440"),
        ("Ales kommun", "Ale", "1440"),
        ("Alingsås kommun", "Alingsås", "1489"),
        ("Kalix kommun", "Kalix", "2514"),
        ("Region Gotland", "Gotland", "0980"),
        ("REGION GOTLAND", "Gotland", "0980"),
        ("Gotlands kommun", "Gotland", "0980"),
        ("Falu kommun", "Falun", "2080"),
        ("Upplands-Bro", "Upplands-Bro", "0139"),
        ("Upplands Bro kommun", "Upplands-Bro", "0139"),
        ("Upplands–Bros kommun", "Upplands-Bro", "0139"),
        ("UPPLANDS VÄSBY KOMMUN", "Upplands Väsby", "0114"),
        ("Dals-Eds kommun", "Dals-Ed", "1438"),
        ("Dals Ed", "Dals-Ed", "1438"),
        ("Malung-Sälens kommun", "Malung-Sälen", "2023"),
        ("  Åmåls   kommun ", "Åmål", "1492"),
    ],
)
def test_tricky_forms(printed: str, name: str, code: str) -> None:
    match = resolve_municipality(printed)
    assert match is not None
    assert (match.name, match.code, match.as_printed) == (name, code, printed.strip())


@pytest.mark.parametrize(
    "printed",
    [
        "",
        "   ",
        "Kommun",
        "Exempelstads kommun",
        "Region Stockholm",  # the county region, not the municipality 0180
        "Stockholms län",
        "Amal",  # Å is not A
        "Amals kommun",
        "Ostersund",
        "Åmål 2019",
        "Sveriges Kommuner och Landsting",
    ],
)
def test_unknown_names_give_none(printed: str) -> None:
    assert resolve_municipality(printed) is None


# --- normalising names not in the table ----------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("EXEMPELSTADS KOMMUN", "Exempelstad"),
        ("Exempelstads kommun", "Exempelstad"),
        ("exempelstads kommun", "Exempelstad"),
        ("EXEMPELÅS KOMMUN", "Exempelås"),  # a name that really ends in s keeps it
        ("Exempelfors stad", "Exempelfors"),
        ("NORRA EXEMPELVIKS STAD", "Norra Exempelvik"),
        ("DALS-EXEMPEL KOMMUN", "Dals-Exempel"),
        ("Exempelby", "Exempelby"),
        ("ÅMÅLS KOMMUN", "Åmål"),  # a known name gives the official short name
        ("Upplands Bro", "Upplands-Bro"),
    ],
)
def test_normalise_municipality_name(printed: str, expected: str) -> None:
    assert normalise_municipality_name(printed) == expected
