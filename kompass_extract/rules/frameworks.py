"""The known Kommunkompassen revisions, kept as data and recognised from a report's area names.

Each revision is one JSON file in ``kompass_extract/rules/frameworks/``: the eight areas in order,
each with a canonical ``key``, its printed name, aliases and spelling variants, max points and,
where known, the question set. The files are validated when loaded into frozen models, so a
mistake in a data file is reported with the file and the problem instead of surfacing as a wrong
match later. Adding a revision or an alias is a change to a data file only.

Area keys have the form ``<revision>.<slug>`` (``2016.standiga_forbattringar``): the revision
prefix keeps areas of different revisions apart even where their names coincide (2010 and 2016
share six names but not their question sets), and the hand-written ASCII slug keeps the key stable
when a name's spelling or its aliases change. Recognising a revision from a report's area names
is ``rules/recognition.py``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from kompass_extract.models import AREA_COUNT, REPORT_PARTS, ReportPart
from kompass_extract.rules.loader import RulesDataError, load_json, rules_file

__all__ = [
    "AREA_COUNT",
    "Framework",
    "FrameworkArea",
    "FrameworkQuestion",
    "UnknownFrameworkError",
    "common_contents",
    "get_framework",
    "load_frameworks",
    "match_area",
    "normalise_area_name",
]


class UnknownFrameworkError(KeyError):
    """A revision name that no data file defines."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown framework"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FrameworkQuestion(_Frozen):
    """One scored question of a revision: id "<area>.<n>", max points, printed text."""

    question_id: str = Field(pattern=r"^[1-9]\d*\.[1-9]\d*$", description="'<area>.<n>'")
    max_points: int = Field(ge=1)
    text: str | None = Field(default=None, description="as printed; informative, never matched")

    @property
    def area_no(self) -> int:
        """The area number, the part before the dot."""
        return int(self.question_id.split(".")[0])

    @property
    def position(self) -> int:
        """The 1-based position within the area, the part after the dot."""
        return int(self.question_id.split(".")[1])


class FrameworkArea(_Frozen):
    """One of a revision's eight areas: number, key, name, aliases, max points, questions."""

    number: int = Field(ge=1, le=AREA_COUNT)
    key: str = Field(pattern=r"^[0-9A-Za-z_-]+\.[a-z0-9_]+$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    max_points: int = Field(default=100, ge=1)
    questions: tuple[FrameworkQuestion, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: all spellings that identify this area."""
        return (self.name, *self.aliases)

    @model_validator(mode="after")
    def _questions_fit_area(self) -> FrameworkArea:
        if not self.questions:
            return self
        expected_ids = [f"{self.number}.{n}" for n in range(1, len(self.questions) + 1)]
        found_ids = [q.question_id for q in self.questions]
        if found_ids != expected_ids:
            raise ValueError(
                f"area {self.number}: question ids must be {', '.join(expected_ids)} in order, "
                f"found {', '.join(found_ids)}"
            )
        question_sum = sum(q.max_points for q in self.questions)
        if question_sum != self.max_points:
            raise ValueError(
                f"area {self.number}: the questions' max points sum to {question_sum}, "
                f"the area's max_points is {self.max_points}"
            )
        return self

    def question(self, question_id: str) -> FrameworkQuestion | None:
        """The question with this id ("3.4"), or None."""
        return next((q for q in self.questions if q.question_id == question_id), None)


class Framework(_Frozen):
    """One revision, as its data file defines it (the file's ``$source`` says where from)."""

    name: str = Field(pattern=r"^[0-9A-Za-z_-]+$", description="revision name, e.g. '2016'")
    title: str = Field(min_length=1)
    first_year: int = Field(ge=2000, le=2100)
    last_year: int | None = Field(default=None, ge=2000, le=2100, description="None: in use")
    names_confirmed: bool = Field(description="False where the area names are inferred")
    contents: tuple[ReportPart, ...] = Field(
        min_length=1,
        description="the parts a report of this revision contains: of each area, and of the "
        "whole report (models.ReportPart)",
    )
    areas: tuple[FrameworkArea, ...]

    @model_validator(mode="after")
    def _areas_consistent(self) -> Framework:
        _check_area_numbers(self.areas)
        _check_area_keys(self.name, self.areas)
        _check_names_distinct(self.areas)
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"last_year {self.last_year} is before first_year {self.first_year}")
        repeated = sorted({part for part in self.contents if self.contents.count(part) > 1})
        if repeated:
            raise ValueError(f"contents must name each part once, repeated: {', '.join(repeated)}")
        return self

    @property
    def has_question_set(self) -> bool:
        """True when every area lists its questions."""
        return all(area.questions for area in self.areas)

    @property
    def max_total(self) -> int:
        """The sum of the areas' max points (800)."""
        return sum(area.max_points for area in self.areas)

    def used_in(self, year: int) -> bool:
        """True when evaluations of ``year`` used this revision (first_year..last_year)."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def area(self, number: int) -> FrameworkArea:
        """The area numbered ``number`` (1-8); raises KeyError for another number."""
        for area in self.areas:
            if area.number == number:
                return area
        raise KeyError(f"revision {self.name} has no area {number}")

    def area_by_key(self, key: str) -> FrameworkArea | None:
        """The area with this key ("2016.standiga_forbattringar"), or None."""
        return next((area for area in self.areas if area.key == key), None)


def _check_area_numbers(areas: Sequence[FrameworkArea]) -> None:
    numbers = [area.number for area in areas]
    if numbers != list(range(1, AREA_COUNT + 1)):
        raise ValueError(
            f"a revision has {AREA_COUNT} areas numbered 1..{AREA_COUNT} in order, found {numbers}"
        )


def _check_area_keys(framework_name: str, areas: Sequence[FrameworkArea]) -> None:
    keys = [area.key for area in areas]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"area keys must be unique, repeated: {', '.join(duplicates)}")
    foreign = [key for key in keys if not key.startswith(f"{framework_name}.")]
    if foreign:
        raise ValueError(f"area keys must start with '{framework_name}.': {', '.join(foreign)}")


def _check_names_distinct(areas: Sequence[FrameworkArea]) -> None:
    """Two areas of one revision must not share a name or alias, or matching could not choose."""
    owner_by_name: dict[str, int] = {}
    for area in areas:
        for name in area.names:
            compared = _compact(normalise_area_name(name))
            owner = owner_by_name.setdefault(compared, area.number)
            if owner != area.number:
                raise ValueError(
                    f"name or alias {name!r} of area {area.number} is the same as a name of "
                    f"area {owner} once case, dashes and spacing are folded"
                )


# --- names ---------------------------------------------------------------------------------


class AreaNameForms(_Frozen):
    """Words that may precede an area's number in a heading (area_name_forms.json)."""

    number_prefix_words: tuple[str, ...] = Field(min_length=1)


@cache
def _number_prefix_pattern() -> regex.Pattern[str]:
    words = load_json("area_name_forms.json", AreaNameForms).number_prefix_words
    alternatives = "|".join(regex.escape(word.casefold()) for word in words)
    return regex.compile(rf"^(?:(?:{alternatives})\s*)?\d+(?:\.\d+)*(?:\s*[.:)]\s*|\s+)(?=\S)")


def normalise_area_name(text: str) -> str:
    """Fold an area name for comparison only: case, dashes, punctuation, spacing, numbering.

    "Område 6 Kommunen som arbetsgivare – personalpolitik" and "6. Kommunen som arbetsgivare
    personalpolitik" both become "kommunen som arbetsgivare personalpolitik".
    """
    folded = unicodedata.normalize("NFC", text).replace("\u00ad", "").casefold().strip()
    folded = _number_prefix_pattern().sub("", folded, count=1)
    folded = regex.sub(r"[\p{P}\p{S}]+", " ", folded)
    return " ".join(folded.split())


def _compact(normalised: str) -> str:
    # Spacing dropped too: a name hyphenated across lines ("samhälls- byggare") still matches.
    return normalised.replace(" ", "")


@cache
def _known_compact(known: str) -> str:
    """A known name or alias (from a revision's data file: a finite set) folded as a printed
    name is folded for ``match_area``, once per name."""
    return _compact(normalise_area_name(known))


def match_area(name: str, framework: Framework, area_no: int | None = None) -> FrameworkArea | None:
    """The area of ``framework`` whose name or an alias matches ``name``.

    With ``area_no`` the match must also carry that number: a name printed under another
    area's number is not trusted and gives None.
    """
    wanted = _compact(normalise_area_name(name))
    if not wanted:
        return None
    for area in framework.areas:
        if any(_known_compact(known) == wanted for known in area.names):
            return area if area_no is None or area.number == area_no else None
    return None


# --- loading -------------------------------------------------------------------------------


def load_framework_file(path: Path) -> Framework:
    """One revision from one JSON file, validated; raises ``RulesDataError`` naming the file,
    the line and the problem, and where the fields are described."""
    try:
        return load_json(path, Framework)
    except RulesDataError as exc:
        hint = "the README section 'How to add a revision or alias' describes the fields"
        raise RulesDataError(exc.path, f"{exc.problem}; {hint}", line=exc.line) from None


def _check_across_revisions(frameworks: Sequence[Framework], directory: Path) -> None:
    names = [framework.name for framework in frameworks]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problem = f"revision names must be unique, repeated: {', '.join(repeated)}"
        raise RulesDataError(directory, problem)


@cache
def _default_directory() -> Path:
    """The package's frameworks folder, resolved once (the checks ask for it per area)."""
    return rules_file("frameworks").resolve()


@lru_cache(maxsize=8)
def _load_directory(directory: Path) -> tuple[Framework, ...]:
    files = sorted(directory.glob("*.json"))
    if not files:
        raise RulesDataError(directory, "no framework files (*.json) found")
    frameworks = [load_framework_file(path) for path in files]
    _check_across_revisions(frameworks, directory)
    return tuple(sorted(frameworks, key=lambda framework: framework.first_year))


def load_frameworks(directory: Path | str | None = None) -> tuple[Framework, ...]:
    """Every known revision, oldest first (cached per directory).

    ``directory`` defaults to the package's ``rules/frameworks``; a different one lets a user
    or a test try new or corrected data files without touching the package. Raises
    ``RulesDataError`` for an invalid file, no files, or two files naming one revision.
    """
    if directory is None:
        return _load_directory(_default_directory())
    return _load_directory(Path(directory).resolve())


def common_contents(frameworks: Sequence[Framework]) -> tuple[ReportPart, ...]:
    """The parts every one of ``frameworks`` contains, in ``REPORT_PARTS`` order: what a report
    of an unknown revision is expected to contain. () for no frameworks."""
    if not frameworks:
        return ()
    return tuple(p for p in REPORT_PARTS if all(p in f.contents for f in frameworks))


def get_framework(name: str, directory: Path | str | None = None) -> Framework:
    """The revision called ``name`` ("2016"); raises ``UnknownFrameworkError`` naming the
    known ones when there is none."""
    frameworks = load_frameworks(directory)
    for framework in frameworks:
        if framework.name == name:
            return framework
    known = ", ".join(framework.name for framework in frameworks)
    raise UnknownFrameworkError(f"no revision named {name!r}; known revisions: {known}")
