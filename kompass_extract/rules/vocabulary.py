"""The parsers' vocabulary (rules/vocabulary.json), loaded once into a frozen, compiled model.

Words and patterns only: which headings, bullets, column headers, title-page forms and month
names a report may print. Patterns are compiled case-insensitively (``FLAGS``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from kompass_extract.rules.loader import load_json

FLAGS = regex.IGNORECASE | regex.VERSION1 | regex.UNICODE


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """``pattern`` (``regex`` syntax) compiled with ``FLAGS``; raises ValueError if broken."""
    try:
        return regex.compile(pattern, FLAGS)
    except regex.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from None


class Frozen(BaseModel):
    """Base of the vocabulary's models: immutable, unknown keys refused."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")


Pattern = Any  # a compiled regex.Pattern (pydantic cannot describe it)


class OverviewVocabulary(Frozen):
    """Section 4's tables: column headers, question ids, table headings, total-row labels."""

    columns: dict[str, Pattern]
    question_id: Pattern
    table_heading: Pattern
    total_labels: Pattern

    @field_validator("question_id", "table_heading", "total_labels", mode="before")
    @classmethod
    def _compile(cls, value: str) -> Pattern:
        return compile_pattern(value)

    @field_validator("columns", mode="before")
    @classmethod
    def _compile_columns(cls, value: dict[str, str]) -> dict[str, Pattern]:
        expected = {"points", "max_points", "percent"}
        if set(value) != expected:
            raise ValueError(f"overview.columns must name exactly {sorted(expected)}")
        return {name: compile_pattern(p) for name, p in value.items()}


class TitleVocabulary(Frozen):
    """Title page and section 2: municipality name forms, year, evaluators, evaluation date."""

    analysis_of: Pattern
    name_kind: Pattern
    year: Pattern
    evaluators: Pattern
    body_date: Pattern
    section_2_name: Pattern
    not_a_name_line: Pattern  # a title line matching it ("Kommunkompassen") names no municipality
    evaluator_separators: Pattern  # between two evaluators: ",", ";", "och", "samt", "&"

    @field_validator("*", mode="before")
    @classmethod
    def _compile(cls, value: str) -> Pattern:
        return compile_pattern(value)


class Vocabulary(Frozen):
    """Every word and pattern the reader and the parsers look for (rules/vocabulary.json)."""

    bullets: tuple[str, ...]
    bullets_alone: tuple[str, ...]  # dash-like bullets: a bullet only as a word of their own
    # a line's first word matching it is a bullet though not among ``bullets``: any symbol, a
    # private-use or unassigned code point, U+FFFD or "(cid:N)" (a glyph that cannot be decoded)
    bullet_glyph: Pattern
    drawn_bullet: str  # the bullet word put before a line whose bullet is drawn (parse/marks.py)
    page_number: Pattern  # a running line that is only a page number ("5", "Sida 3 (24)")
    sections: dict[str, Pattern]
    unnamed_area: str  # the name of an area known only from an untitled overview table
    area_heading: Pattern
    # a score printed at the end of an area's heading line ("… 53 poäng", "… (53/100)")
    area_heading_score: Pattern
    # a section heading known by its number only ("4. Resultat per fråga"): a number and words
    numbered_section: Pattern
    box_header: Pattern
    # the line after a box's list that holds the area score: "Poäng: 53", "53 poäng", "53"
    box_score_line: Pattern
    strengths: Pattern
    improvements: Pattern
    area_summary: Pattern
    overview: OverviewVocabulary
    title: TitleVocabulary
    months: tuple[str, ...]
    not_evaluator_words: frozenset[str]
    # words after a suspended compound ("Energi- och"): a line ending in "-" keeps its space
    suspended_compound_links: frozenset[str]

    @field_validator(
        "page_number",
        "bullet_glyph",
        "area_heading",
        "area_heading_score",
        "numbered_section",
        "box_header",
        "box_score_line",
        "strengths",
        "improvements",
        "area_summary",
        mode="before",
    )
    @classmethod
    def _compile(cls, value: str) -> Pattern:
        return compile_pattern(value)

    @field_validator("sections", mode="before")
    @classmethod
    def _compile_sections(cls, value: dict[str, str]) -> dict[str, Pattern]:
        return {name: compile_pattern(p) for name, p in value.items()}

    @field_validator("months")
    @classmethod
    def _twelve_months(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) != 12:
            raise ValueError("months must list the twelve month names in order")
        return value

    @field_validator("unnamed_area")
    @classmethod
    def _names_the_number(cls, value: str) -> str:
        if "{number}" not in value:
            raise ValueError("unnamed_area must hold '{number}', where the area number goes")
        return value

    @model_validator(mode="after")
    def _alone_are_bullets(self) -> Vocabulary:
        unknown = [b for b in self.bullets_alone if b not in self.bullets]
        if unknown:
            raise ValueError(f"bullets_alone must be among the bullets; not there: {unknown}")
        if self.drawn_bullet not in self.bullets:
            raise ValueError(f"drawn_bullet {self.drawn_bullet!r} must be among the bullets")
        return self

    def month_number(self, word: str) -> int | None:
        """1-12 for a month name or an abbreviation of 3+ letters ("dec."), any case; else None."""
        word = word.casefold()
        for number, name in enumerate(self.months, start=1):
            if word == name or (len(word) >= 3 and name.startswith(word.rstrip("."))):
                return number
        return None

    def section(self, name: str) -> Pattern:
        """The heading pattern of a section ("section_4", "contents" ...); KeyError if unknown."""
        return self.sections[name]


@cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary, loaded once; raises ``RulesDataError`` for a broken file."""
    return load_json("vocabulary.json", Vocabulary)
