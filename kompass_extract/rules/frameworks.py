"""The known Kommunkompassen revisions, kept as data and recognised from a report's area names.

Each revision is one JSON file in ``kompass_extract/rules/frameworks/``: the eight areas in order,
each with a canonical ``key``, its printed name, aliases and spelling variants, max points and,
where known, the question set. The files are validated when loaded into frozen models, so a
mistake in a data file is reported with the file and the problem instead of surfacing as a wrong
match later. Adding a revision or an alias is a change to a data file only.

Area keys have the form ``<revision>.<slug>`` (``2016.standiga_forbattringar``): the revision
prefix keeps areas of different revisions apart even where their names coincide (2010 and 2016
share six names but not their question sets), and the hand-written ASCII slug keeps the key stable
when a name's spelling or its aliases change.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

AREA_COUNT = 8
TOLERATED_UNMATCHED = 2  # a revision is still recognised with this many areas unmatched or missing
UNKNOWN = "unknown"

MatchStatus = Literal["exact", "partial", "ambiguous", "unknown"]


class FrameworkDataError(ValueError):
    """A framework data file that cannot be used: names the file and what is wrong in it."""


class UnknownFrameworkError(KeyError):
    """A revision name that no data file defines."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown framework"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FrameworkQuestion(_Frozen):
    question_id: str = Field(pattern=r"^[1-9]\d*\.[1-9]\d*$", description="'<area>.<n>'")
    max_points: int = Field(ge=1)
    text: str | None = Field(default=None, description="as printed; informative, never matched")

    @property
    def area_no(self) -> int:
        return int(self.question_id.split(".")[0])

    @property
    def position(self) -> int:
        return int(self.question_id.split(".")[1])


class FrameworkArea(_Frozen):
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
        return next((q for q in self.questions if q.question_id == question_id), None)


class Framework(_Frozen):
    name: str = Field(pattern=r"^[0-9A-Za-z_-]+$", description="revision name, e.g. '2016'")
    title: str = Field(min_length=1)
    first_year: int = Field(ge=2000, le=2100)
    last_year: int | None = Field(default=None, ge=2000, le=2100, description="None: in use")
    names_confirmed: bool = Field(description="False where the area names are inferred")
    source: str = Field(min_length=1, description="where the names and questions come from")
    areas: tuple[FrameworkArea, ...]

    @model_validator(mode="after")
    def _areas_consistent(self) -> Framework:
        _check_area_numbers(self.areas)
        _check_area_keys(self.name, self.areas)
        _check_names_distinct(self.areas)
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"last_year {self.last_year} is before first_year {self.first_year}")
        return self

    @property
    def has_question_set(self) -> bool:
        return all(area.questions for area in self.areas)

    @property
    def max_total(self) -> int:
        return sum(area.max_points for area in self.areas)

    def used_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def area(self, number: int) -> FrameworkArea:
        for area in self.areas:
            if area.number == number:
                return area
        raise KeyError(f"revision {self.name} has no area {number}")

    def area_by_key(self, key: str) -> FrameworkArea | None:
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


@cache
def _number_prefix_pattern() -> regex.Pattern[str]:
    words = _load_json(resources.files("kompass_extract.rules") / "area_name_forms.json")
    prefix_words = words.get("number_prefix_words")
    if not isinstance(prefix_words, list) or not all(isinstance(w, str) for w in prefix_words):
        raise FrameworkDataError(
            "kompass_extract/data/area_name_forms.json: 'number_prefix_words' must be a list of "
            "words"
        )
    alternatives = "|".join(regex.escape(word.casefold()) for word in prefix_words)
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


def match_area(name: str, framework: Framework, area_no: int | None = None) -> FrameworkArea | None:
    """The area of ``framework`` whose name or an alias matches ``name``.

    With ``area_no`` the match must also carry that number: a name printed under another
    area's number is not trusted and gives None.
    """
    wanted = _compact(normalise_area_name(name))
    if not wanted:
        return None
    for area in framework.areas:
        if any(_compact(normalise_area_name(known)) == wanted for known in area.names):
            return area if area_no is None or area.number == area_no else None
    return None


# --- loading -------------------------------------------------------------------------------


def _load_json(path: Path | resources.abc.Traversable) -> dict[str, object]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise FrameworkDataError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(content, dict):
        raise FrameworkDataError(f"{path}: expected a JSON object at the top level")
    return content


def _describe_validation_error(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "top level"
        problems.append(f"{where}: {item['msg']}")
    return "; ".join(problems)


def load_framework_file(path: Path) -> Framework:
    """One revision from one JSON file, validated."""
    try:
        return Framework.model_validate(_load_json(path))
    except ValidationError as exc:
        raise FrameworkDataError(
            f"{path}: {_describe_validation_error(exc)}. Fix the file; the README section "
            "'How to add a revision or alias' describes its fields."
        ) from None


def _check_across_revisions(frameworks: Sequence[Framework], directory: Path) -> None:
    names = [framework.name for framework in frameworks]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise FrameworkDataError(
            f"{directory}: revision names must be unique, repeated: {', '.join(repeated)}"
        )


def _default_directory() -> Path:
    return Path(str(resources.files("kompass_extract.rules") / "frameworks"))


@lru_cache(maxsize=8)
def _load_directory(directory: Path) -> tuple[Framework, ...]:
    files = sorted(directory.glob("*.json"))
    if not files:
        raise FrameworkDataError(f"{directory}: no framework files (*.json) found")
    frameworks = [load_framework_file(path) for path in files]
    _check_across_revisions(frameworks, directory)
    return tuple(sorted(frameworks, key=lambda framework: framework.first_year))


def load_frameworks(directory: Path | str | None = None) -> tuple[Framework, ...]:
    """Every known revision, oldest first (cached per directory).

    ``directory`` defaults to the package's ``rules/frameworks``; a different one lets a user
    or a test try new or corrected data files without touching the package.
    """
    chosen = _default_directory() if directory is None else Path(directory)
    return _load_directory(chosen.resolve())


def get_framework(name: str, directory: Path | str | None = None) -> Framework:
    frameworks = load_frameworks(directory)
    for framework in frameworks:
        if framework.name == name:
            return framework
    known = ", ".join(framework.name for framework in frameworks)
    raise UnknownFrameworkError(f"no revision named {name!r}; known revisions: {known}")


# --- recognition ---------------------------------------------------------------------------


class FrameworkMatch(_Frozen):
    """Which revision a report's area names belong to, and how well they fit."""

    name: str = Field(description="the revision recognised, or 'unknown'")
    status: MatchStatus
    matched: int = Field(ge=0, description="area names that matched, in order")
    confidence: float = Field(ge=0, le=1, description="matched areas / 8; 0 when unknown")
    area_keys: tuple[str | None, ...] = Field(description="per input name: its key or None")
    unmatched_names: tuple[str, ...] = ()
    missing_area_numbers: tuple[int, ...] = Field(
        default=(), description="areas of the revision that no input name matched"
    )
    candidates: tuple[str, ...] = Field(
        default=(), description="revisions that fit equally well (ambiguous) or best (unknown)"
    )
    message: str

    @property
    def recognised(self) -> bool:
        return self.name != UNKNOWN


def _matched_numbers(names: Sequence[str | None], framework: Framework) -> list[int | None]:
    """Per input name, the number of the area it names in ``framework`` (None: no match)."""
    matches = [match_area(name, framework) if name else None for name in names]
    return [area.number if area else None for area in matches]


def _longest_ordered_chain(numbers: Sequence[int | None]) -> set[int]:
    """Positions of the longest strictly increasing run of area numbers (gaps allowed).

    Names must follow the revision's order; a name out of place (or repeated) does not count.
    """
    matched = [(position, number) for position, number in enumerate(numbers) if number is not None]
    chain_ending_at: dict[int, list[int]] = {}
    for position, number in matched:
        before = [
            chain_ending_at[earlier]
            for earlier, earlier_number in matched
            if earlier < position and earlier_number < number
        ]
        chain_ending_at[position] = [*_longest(before), position]
    return set(_longest(chain_ending_at.values()))


def _longest(chains: Iterable[list[int]]) -> list[int]:
    """The first longest chain, or an empty one."""
    longest: list[int] = []
    for chain in chains:
        if len(chain) > len(longest):
            longest = chain
    return longest


def _ordered_keys(names: Sequence[str | None], framework: Framework) -> tuple[str | None, ...]:
    numbers = _matched_numbers(names, framework)
    in_order = _longest_ordered_chain(numbers)
    return tuple(
        framework.area(number).key if number is not None and position in in_order else None
        for position, number in enumerate(numbers)
    )


def _fit_counts(
    names: Sequence[str | None], frameworks: Sequence[Framework]
) -> dict[str, tuple[str | None, ...]]:
    return {framework.name: _ordered_keys(names, framework) for framework in frameworks}


def _break_tie_by_year(tied: list[Framework], year: int | None) -> list[Framework]:
    if year is None:
        return tied
    in_use = [framework for framework in tied if framework.used_in(year)]
    return in_use or tied


def recognise_framework(
    area_names: Sequence[str | None],
    *,
    year: int | None = None,
    frameworks: Sequence[Framework] | None = None,
) -> FrameworkMatch:
    """Recognise the revision from a report's area names, in the report's order.

    ``area_names`` may hold None for an area whose name could not be read. A revision is
    recognised when its areas match in order, with at most two unmatched or missing. Names
    shared by revisions are decided by the areas that differ (2010 and 2016: area 7); when those
    are missing the evaluation ``year`` settles it, otherwise the result is 'unknown' with the
    candidates named. Never raises for unknown names.
    """
    known = tuple(frameworks) if frameworks is not None else load_frameworks()
    keys_by_revision = _fit_counts(area_names, known)
    counts = {name: sum(key is not None for key in keys) for name, keys in keys_by_revision.items()}
    best_count = max(counts.values(), default=0)
    if best_count < AREA_COUNT - TOLERATED_UNMATCHED:
        return _unknown_match(area_names, counts, best_count)
    tied = [framework for framework in known if counts[framework.name] == best_count]
    chosen = _break_tie_by_year(tied, year)
    if len(chosen) > 1:
        return _ambiguous_match(area_names, [f.name for f in chosen], best_count)
    framework = chosen[0]
    return _recognised_match(area_names, framework, keys_by_revision[framework.name], len(tied))


def _unknown_match(
    area_names: Sequence[str | None], counts: dict[str, int], best_count: int
) -> FrameworkMatch:
    best = tuple(name for name, count in counts.items() if count == best_count and count > 0)
    closest = f" (closest: {', '.join(best)} with {best_count} of {AREA_COUNT})" if best else ""
    return FrameworkMatch(
        name=UNKNOWN,
        status="unknown",
        matched=0,
        confidence=0.0,
        area_keys=(None,) * len(area_names),
        unmatched_names=tuple(name for name in area_names if name),
        candidates=best,
        message=f"the area names match no known revision{closest}",
    )


def _ambiguous_match(
    area_names: Sequence[str | None], candidates: list[str], best_count: int
) -> FrameworkMatch:
    return FrameworkMatch(
        name=UNKNOWN,
        status="ambiguous",
        matched=best_count,
        confidence=0.0,
        area_keys=(None,) * len(area_names),
        candidates=tuple(candidates),
        message=(
            f"the area names fit revisions {' and '.join(candidates)} equally well "
            f"({best_count} of {AREA_COUNT}); the areas that tell them apart are missing or "
            "unreadable"
        ),
    )


def _recognised_match(
    area_names: Sequence[str | None],
    framework: Framework,
    area_keys: tuple[str | None, ...],
    tied_count: int,
) -> FrameworkMatch:
    matched = sum(key is not None for key in area_keys)
    unmatched = tuple(
        name for name, key in zip(area_names, area_keys, strict=True) if name and key is None
    )
    found = set(area_keys)
    missing = tuple(area.number for area in framework.areas if area.key not in found)
    exact = matched == AREA_COUNT and len(area_names) == AREA_COUNT
    return FrameworkMatch(
        name=framework.name,
        status="exact" if exact else "partial",
        matched=matched,
        confidence=matched / AREA_COUNT,
        area_keys=area_keys,
        unmatched_names=unmatched,
        missing_area_numbers=missing,
        candidates=(framework.name,),
        message=_recognised_message(framework.name, unmatched, missing, tied_count > 1),
    )


def _recognised_message(
    revision: str, unmatched: tuple[str, ...], missing: tuple[int, ...], by_year: bool
) -> str:
    parts = [f"the area names match the {revision} revision"]
    if unmatched:
        parts.append("unmatched names: " + "; ".join(repr(name) for name in unmatched))
    if missing:
        parts.append("areas not found: " + ", ".join(str(number) for number in missing))
    if by_year:
        parts.append("chosen by the evaluation year among revisions that fit equally well")
    return "; ".join(parts)


def area_key(name: str, framework_name: str, area_no: int | None = None) -> str | None:
    """The canonical key of one area name in a revision; None for an unknown revision or name."""
    if framework_name == UNKNOWN:
        return None
    try:
        framework = get_framework(framework_name)
    except UnknownFrameworkError:
        return None
    area = match_area(name, framework, area_no)
    return area.key if area else None
