"""Reading doubt as data (rules/doubt.json): which expected parts each parse note puts in doubt,
and which characters betray a text the text layer did not decode.

A parse note (``models.ParseNote``) records something the parser could not read or read with
doubt. ``make_note`` builds one and fills in, from the data file, the parts of the report it
concerns (``ParseNote.parts``); the verdict counts those parts as not read without doubt.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from kompass_extract.models import ParseNote, ReportPart
from kompass_extract.rules.loader import load_json

NOTE_CODE = r"^[a-z][a-z0-9_]*$"


class DoubtRules(BaseModel):
    """The content of rules/doubt.json, validated: note code -> parts, and the pattern of
    undecoded text (compiled case-sensitively; a broken pattern is refused)."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    note_parts: dict[str, tuple[ReportPart, ...]] = Field(min_length=1)
    undecoded_text: regex.Pattern[str]

    @field_validator("note_parts")
    @classmethod
    def _codes_are_names(
        cls, value: dict[str, tuple[ReportPart, ...]]
    ) -> dict[str, tuple[ReportPart, ...]]:
        bad = sorted(code for code in value if not regex.match(NOTE_CODE, code))
        if bad:
            raise ValueError(f"note codes are lower-case names (a-z, 0-9, _), not {bad}")
        return value

    @field_validator("undecoded_text", mode="before")
    @classmethod
    def _compile(cls, value: object) -> regex.Pattern[str]:
        if not isinstance(value, str) or not value:
            raise ValueError("undecoded_text must be a non-empty regex pattern")
        try:
            return regex.compile(value, regex.VERSION1)
        except regex.error as exc:
            raise ValueError(f"bad pattern {value!r}: {exc}") from None


@cache
def doubt_rules(path: Path | None = None) -> DoubtRules:
    """rules/doubt.json (or the file at ``path``), loaded once; raises ``RulesDataError``
    naming the file and line for invalid content."""
    return load_json(path if path is not None else "doubt.json", DoubtRules)


def parts_in_doubt(code: str) -> tuple[ReportPart, ...]:
    """The expected parts a note of this code puts in doubt; () for a code the data file does
    not list (such a note concerns no expected part)."""
    return doubt_rules().note_parts.get(code, ())


def make_note(
    code: str,
    message: str,
    *,
    page: int | None = None,
    area_no: int | None = None,
    question_id: str | None = None,
    parts: tuple[ReportPart, ...] | None = None,
) -> ParseNote:
    """A parse note; ``parts`` defaults to the parts its ``code`` puts in doubt (see
    ``parts_in_doubt``). ``page`` is 1-based; ``area_no`` 1-8 or None for the whole report."""
    chosen = parts_in_doubt(code) if parts is None else parts
    return ParseNote(
        code=code,
        message=message,
        page=page,
        area_no=area_no,
        question_id=question_id,
        parts=chosen,
    )


def undecoded_characters(text: str) -> list[str]:
    """The distinct undecoded characters or ``(cid:N)`` placeholders in ``text``, in order of
    first appearance; [] for a clean text."""
    found = [match.group(0) for match in doubt_rules().undecoded_text.finditer(text)]
    return list(dict.fromkeys(found))
