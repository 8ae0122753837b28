"""Municipality names as reports print them -> short name and official four-digit SCB code.

The table of the 290 municipalities is ``rules/municipalities.csv`` (CC0, see
``rules/municipalities.SOURCE.md``); the word forms around names ("kommun", "stad", genitive -s,
"Region Gotland") are in ``rules/municipality_forms.json``. A name that cannot be resolved with
certainty gives None: an empty code is honest, a wrong one would silently corrupt joins.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from kompass_extract.rules.loader import RulesDataError, load_csv, load_json

MUNICIPALITY_COLUMNS = ("municipality_code", "municipality", "county_code")


class Municipality(BaseModel):
    """One municipality: SCB code, short name, county code. A CSV row uses the column names
    (``municipality_code``, ``municipality``); the code must start with the county code."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    code: str = Field(
        alias="municipality_code",
        pattern=r"^\d{4}$",
        description="SCB kommunkod, leading zero kept",
    )
    name: str = Field(alias="municipality", min_length=1, description="short name, e.g. 'Åmål'")
    county_code: str = Field(pattern=r"^\d{2}$", description="SCB länskod")

    @model_validator(mode="after")
    def _code_in_county(self) -> Municipality:
        if not self.code.startswith(self.county_code):
            raise ValueError(
                f"code {self.code} does not start with its county code {self.county_code}"
            )
        return self


class MunicipalityMatch(Municipality):
    """A resolved name: the municipality and the text it was resolved from."""

    as_printed: str


class MunicipalityForms(BaseModel):
    """How reports write names around the short names (municipality_forms.json)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    suffix_words: tuple[str, ...] = Field(min_length=1)
    aliases: dict[str, str] = {}
    endings_keeping_s: tuple[str, ...] = ()


# --- loading -------------------------------------------------------------------------------


def _check_unique(rows: list[tuple[int, Municipality]], path: str | Path) -> None:
    seen: dict[str, int] = {}
    for line, municipality in rows:
        for key in (municipality.code, name_key(municipality.name)):
            first = seen.setdefault(key, line)
            if first != line:
                problem = f"{key!r} repeats line {first}: codes and names must be unique"
                raise RulesDataError(path, problem, line=line)


@cache
def load_municipalities(path: Path | None = None) -> tuple[Municipality, ...]:
    """Every municipality of the table (default: the package's ``rules/municipalities.csv``).

    Raises ``RulesDataError`` naming the file and line for a bad header, a bad row, a code
    outside its county, a repeated code or name, or a missing ``SOURCE.md`` beside the file.
    """
    source = path or "municipalities.csv"
    rows = load_csv(source, Municipality, MUNICIPALITY_COLUMNS)
    _check_unique(rows, source)
    return tuple(municipality for _, municipality in rows)


@cache
def load_forms() -> MunicipalityForms:
    """The name forms of ``rules/municipality_forms.json``; raises ``RulesDataError``."""
    return load_json("municipality_forms.json", MunicipalityForms)


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
