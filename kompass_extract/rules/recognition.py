"""Which revision a report belongs to, recognised from its area names in their printed order.

A revision is recognised when its areas match in order, with at most ``TOLERATED_UNMATCHED``
unmatched or missing; ties between revisions that share names are settled by the areas that
differ, then by the evaluation year. Unknown names never raise: the result says 'unknown'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kompass_extract.rules.frameworks import AREA_COUNT, Framework, load_frameworks, match_area

TOLERATED_UNMATCHED = 2  # a revision is still recognised with this many areas unmatched or missing
UNKNOWN = "unknown"

MatchStatus = Literal["exact", "partial", "ambiguous", "unknown"]


class FrameworkMatch(BaseModel):
    """Which revision a report's area names belong to, and how well they fit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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
        """True unless the revision is 'unknown' (no fit, or an unresolved tie)."""
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
