"""Reading doubt as data: which parts each parse note puts in doubt, and undecoded text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompass_extract.rules.doubt import (
    doubt_rules,
    make_note,
    parts_in_doubt,
    undecoded_characters,
)
from kompass_extract.rules.loader import RulesDataError, rules_file

AREA_PARTS = [
    "box_score",
    "overview_total",
    "overview_questions",
    "strengths",
    "improvements",
    "area_summary",
]


def test_a_note_on_a_part_puts_that_part_in_doubt() -> None:
    assert parts_in_doubt("score_box") == ("box_score",)
    assert parts_in_doubt("no_total_row") == ("overview_total",)
    assert parts_in_doubt("no_overview_table") == ("overview_total", "overview_questions")
    assert parts_in_doubt("no_overall_comments") == ("overall_comments",)
    assert list(parts_in_doubt("duplicate_area")) == AREA_PARTS


def test_a_note_on_no_expected_part_puts_nothing_in_doubt() -> None:
    for code in ("unknown_municipality", "year_contradiction", "repeated_page"):
        assert parts_in_doubt(code) == ()
    assert parts_in_doubt("a_code_nobody_wrote") == ()


def test_make_note_fills_in_the_parts_unless_given() -> None:
    note = make_note("stray_text", "text outside an item", page=9, area_no=2)
    assert (note.area_no, note.page, note.parts) == (2, 9, ("strengths", "improvements"))
    own = make_note("stray_text", "text outside an item", area_no=2, parts=("strengths",))
    assert own.parts == ("strengths",)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Oﬀentlighet och demokrati", ["ﬀ"]),  # U+FB00
        ("utb\u00adilda", ["\u00ad"]),  # soft hyphen
        ("(cid:2) Kommunen har (cid:17)", ["(cid:2)", "(cid:17)"]),
        ("Omra\u030ade", ["\u030a"]),  # a decomposed å
        ("tab\x0bstop", ["\x0b"]),
        ("Område 5: Ständiga förbättringar – 72,5 % • ok", []),
    ],
)
def test_undecoded_characters_are_named(text: str, found: list[str]) -> None:
    assert undecoded_characters(text) == found


def write_rules(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    content = json.loads(rules_file("doubt.json").read_text(encoding="utf-8"))
    change(content)
    path = tmp_path / "doubt.json"
    path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda c: c["note_parts"].update(score_box=["chart"]), "note_parts.score_box.0"),
        (lambda c: c["note_parts"].update({"Score Box": []}), "lower-case names"),
        (lambda c: c.update(undecoded_text="[unclosed"), "bad pattern"),
        (lambda c: c.pop("$source"), '"$source"'),
    ],
)
def test_a_broken_data_file_is_named_with_its_problem(tmp_path: Path, change, problem) -> None:  # type: ignore[no-untyped-def]
    path = write_rules(tmp_path, change)
    with pytest.raises(RulesDataError, match="doubt.json") as caught:
        doubt_rules(path)
    assert problem in str(caught.value)
