"""Municipality names as reports print them -> short name and official four-digit SCB code.

The table of the 290 municipalities is ``data/municipalities.csv`` (CC0, see
``data/municipalities.SOURCE.md``); the word forms around names ("kommun", "stad", genitive -s,
"Region Gotland") are in ``data/municipality_forms.json``. A name that cannot be resolved with
certainty gives None: an empty code is honest, a wrong one would silently corrupt joins.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

MUNICIPALITY_COLUMNS = ("municipality_code", "municipality", "county_code")


class MunicipalityDataError(ValueError):
    """A municipality data file that cannot be used: names the file, the line and the problem."""


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^\d{4}$", description="SCB kommunkod, leading zero kept")
    name: str = Field(min_length=1, description="short name, e.g. 'Åmål'")
    county_code: str = Field(pattern=r"^\d{2}$", description="SCB länskod")


class MunicipalityMatch(Municipality):
    """A resolved name: the municipality and the text it was resolved from."""

    as_printed: str


class MunicipalityForms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = ""
    suffix_words: tuple[str, ...] = Field(min_length=1)
    aliases: dict[str, str] = {}
    endings_keeping_s: tuple[str, ...] = ()


def _data_path(name: str) -> Path:
    return Path(str(resources.files("kompass_extract.rules") / name))


# --- loading -------------------------------------------------------------------------------


def _row_to_municipality(row: dict[str, str], path: Path, line_no: int) -> Municipality:
    try:
        municipality = Municipality(
            code=row["municipality_code"], name=row["municipality"], county_code=row["county_code"]
        )
    except ValidationError as exc:
        problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise MunicipalityDataError(f"{path}, line {line_no}: {problem}") from None
    if not municipality.code.startswith(municipality.county_code):
        raise MunicipalityDataError(
            f"{path}, line {line_no}: code {municipality.code} does not start with its county "
            f"code {municipality.county_code}"
        )
    return municipality


def _read_rows(path: Path) -> list[Municipality]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != MUNICIPALITY_COLUMNS:
            raise MunicipalityDataError(
                f"{path}: expected the columns {', '.join(MUNICIPALITY_COLUMNS)}, "
                f"found {', '.join(reader.fieldnames or ())}"
            )
        return [_row_to_municipality(row, path, n) for n, row in enumerate(reader, start=2)]


def _check_unique(municipalities: list[Municipality], path: Path) -> None:
    codes = [m.code for m in municipalities]
    keys = [name_key(m.name) for m in municipalities]
    repeated = sorted(
        {c for c in codes if codes.count(c) > 1} | {k for k in keys if keys.count(k) > 1}
    )
    if repeated:
        raise MunicipalityDataError(f"{path}: codes and names must be unique, repeated: {repeated}")


@cache
def load_municipalities(path: Path | None = None) -> tuple[Municipality, ...]:
    """Every municipality of the table (default: the package's ``data/municipalities.csv``)."""
    source = path or _data_path("municipalities.csv")
    municipalities = _read_rows(source)
    _check_unique(municipalities, source)
    return tuple(municipalities)


@cache
def load_forms() -> MunicipalityForms:
    path = _data_path("municipality_forms.json")
    try:
        return MunicipalityForms.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise MunicipalityDataError(f"{path}: {exc}") from None


# --- names ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """NFC (PDF text may carry decomposed Å), dashes as spaces, outer punctuation dropped."""
    composed = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    spaced = regex.sub(r"\p{Pd}", " ", composed)
    return " ".join(spaced.split()).strip("\"'”“’.,:;()")


def name_key(text: str) -> str:
    """Comparison form of a name: "UPPLANDS-BRO" and "Upplands Bro" give the same key."""
    return _clean(text).casefold()


def _strip_suffix_word(text: str, suffix_words: tuple[str, ...]) -> str:
    """Drop a trailing "kommun"/"stad" (or their genitives "kommuns"/"stads"), keeping case."""
    words = text.split(" ")
    forms = {w.casefold() for w in suffix_words} | {f"{w.casefold()}s" for w in suffix_words}
    if len(words) > 1 and words[-1].casefold() in forms:
        return " ".join(words[:-1])
    return text


@cache
def _index() -> dict[str, Municipality]:
    return {name_key(m.name): m for m in load_municipalities()}


@cache
def _alias_index() -> dict[str, str]:
    return {name_key(alias): name_key(target) for alias, target in load_forms().aliases.items()}


def _lookup(key: str) -> Municipality | None:
    """Exact name or alias first; only then the name with a genitive -s removed."""
    index = _index()
    aliases = _alias_index()
    for candidate in (key, key[:-1] if key.endswith("s") else None):
        if candidate is None:
            continue
        found = index.get(candidate) or index.get(aliases.get(candidate, ""))
        if found:
            return found
    return None


def resolve_municipality(text: str) -> MunicipalityMatch | None:
    """The municipality a printed name refers to, or None when it cannot be told for sure.

    Handles "ÅMÅLS KOMMUN", "Åmåls kommun", "HELSINGBORGS STAD", "Åmål", "Åmåls",
    "Region Gotland", "Upplands Bro"; a name that really ends in s ("Borås") keeps it.
    """
    key = name_key(text)
    if not key:
        return None
    whole = _lookup(key)
    found = whole or _lookup(_strip_suffix_word(key, load_forms().suffix_words))
    if found is None:
        return None
    return MunicipalityMatch(**found.model_dump(), as_printed=text.strip())


def _strip_genitive(name: str, endings_keeping_s: tuple[str, ...]) -> str:
    folded = name.casefold()
    if not folded.endswith("s") or folded.endswith(tuple(e.casefold() for e in endings_keeping_s)):
        return name
    return name[:-1]


def _tidy_case(name: str) -> str:
    """All-caps or all-lower names are title-cased ("DALS-ED" -> "Dals-Ed"); mixed case is kept."""
    return name.title() if name.isupper() or name.islower() else name


def normalise_municipality_name(text: str) -> str:
    """A short name for any printed name, also one not in the table (fictional municipalities).

    "EXEMPELSTADS KOMMUN" -> "Exempelstad". Known municipalities give their official short name.
    """
    match = resolve_municipality(text)
    if match is not None:
        return match.name
    forms = load_forms()
    cleaned = " ".join(unicodedata.normalize("NFC", text).split()).strip("\"'”“’.,:;()")
    name = _strip_suffix_word(cleaned, forms.suffix_words)
    return _tidy_case(_strip_genitive(name, forms.endings_keeping_s))
