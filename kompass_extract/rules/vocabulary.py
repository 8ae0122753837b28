"""The parsers' vocabulary (rules/vocabulary.json), loaded once into a frozen, compiled model."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, field_validator

FLAGS = regex.IGNORECASE | regex.VERSION1 | regex.UNICODE


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, FLAGS)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")


Pattern = Any  # a compiled regex.Pattern (pydantic cannot describe it)


class OverviewVocabulary(Frozen):
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
    analysis_of: Pattern
    name_kind: Pattern
    year: Pattern
    evaluators: Pattern
    body_date: Pattern
    section_2_name: Pattern

    @field_validator("*", mode="before")
    @classmethod
    def _compile(cls, value: str) -> Pattern:
        return compile_pattern(value)


class Vocabulary(Frozen):
    bullets: tuple[str, ...]
    sections: dict[str, Pattern]
    area_heading: Pattern
    box_header: Pattern
    strengths: Pattern
    improvements: Pattern
    area_summary: Pattern
    overview: OverviewVocabulary
    title: TitleVocabulary
    months: tuple[str, ...]
    not_evaluator_words: frozenset[str]

    @field_validator(
        "area_heading", "box_header", "strengths", "improvements", "area_summary", mode="before"
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

    def month_number(self, word: str) -> int | None:
        word = word.casefold()
        for number, name in enumerate(self.months, start=1):
            if word == name or (len(word) >= 3 and name.startswith(word.rstrip("."))):
                return number
        return None

    def section(self, name: str) -> Pattern:
        return self.sections[name]


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("kompass_extract.rules").joinpath("vocabulary.json").read_text("utf-8")
    data = {k: v for k, v in json.loads(text).items() if not k.startswith("_")}
    return Vocabulary.model_validate(data)
