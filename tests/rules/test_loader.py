"""The one loader of the rules' data files: source required, problems named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from kompass_extract.rules.loader import RulesDataError, line_of, load_csv, load_json, rules_file


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    word: str = Field(min_length=1)
    weight: int = Field(ge=0)


class Words(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    entries: tuple[Entry, ...]


GOOD = """{
  "$source": "typed for this test",
  "$comment": "notes for people are not passed to the model",
  "entries": [
    {"word": "och", "weight": 1},
    {
      "word": "samt",
      "weight": 2
    }
  ]
}
"""


def write(tmp_path: Path, text: str, name: str = "words.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_without_its_notes(tmp_path: Path) -> None:
    words = load_json(write(tmp_path, GOOD), Words)
    assert [e.word for e in words.entries] == ["och", "samt"]


def test_a_file_without_its_source_is_refused(tmp_path: Path) -> None:
    for text in (GOOD.replace('"$source"', '"source"'), GOOD.replace("typed for this test", " ")):
        with pytest.raises(RulesDataError, match=r'words.json: must open with a "\$source" key'):
            load_json(write(tmp_path, text), Words)


def test_a_problem_is_named_with_its_key_path_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('"weight": 2', '"weight": -2'))
    with pytest.raises(RulesDataError) as caught:
        load_json(path, Words)
    assert caught.value.line == 8
    assert str(caught.value).startswith(f"{path}, line 8: entries.1.weight: ")
    assert "greater than or equal to 0" in caught.value.problem


def test_a_missing_key_points_at_its_object(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('"word": "och", ', ""))
    with pytest.raises(RulesDataError, match=r"line 5: entries.0.word: Field required"):
        load_json(path, Words)


def test_invalid_json_and_a_top_level_list_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RulesDataError, match=r"line 3: not valid JSON \(column"):
        load_json(write(tmp_path, GOOD.replace('"$comment"', "$comment")), Words)
    with pytest.raises(RulesDataError, match="expected a JSON object at the top level"):
        load_json(write(tmp_path, "[1, 2]"), Words)


def test_line_of_follows_keys_and_indexes() -> None:
    assert line_of(GOOD, ()) == 1
    assert line_of(GOOD, ("entries",)) == 4
    assert line_of(GOOD, ("entries", 0, "weight")) == 5
    assert line_of(GOOD, ("entries", 1)) == 6
    assert line_of(GOOD, ("entries", 1, "weight")) == 8
    assert line_of(GOOD, ("entries", 5)) == 4  # no such entry: the list's line
    assert line_of("{oops", ("entries",)) is None


def test_a_csv_needs_its_source_beside_it_and_names_bad_lines(tmp_path: Path) -> None:
    table = write(tmp_path, "word,weight\noch,1\nsamt,x\n", "words.csv")
    with pytest.raises(RulesDataError, match="words.SOURCE.md beside it"):
        load_csv(table, Entry, ("word", "weight"))
    write(tmp_path, "Typed for this test.\n", "words.SOURCE.md")
    with pytest.raises(RulesDataError, match="words.csv, line 3: weight: "):
        load_csv(table, Entry, ("word", "weight"))
    write(tmp_path, "word,weight\noch,1\nsamt,2\n", "words.csv")
    assert [(line, e.word) for line, e in load_csv(table, Entry, ("word", "weight"))] == [
        (2, "och"),
        (3, "samt"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "vocabulary.json",
        "area_name_forms.json",
        "municipality_forms.json",
        *(f"frameworks/{p.name}" for p in sorted(rules_file("frameworks").glob("*.json"))),
    ],
)
def test_every_shipped_json_file_opens_with_its_source(name: str) -> None:
    first_key = rules_file(name).read_text("utf-8").split('"', 2)[1]
    assert first_key == "$source", name


def test_every_shipped_csv_file_has_its_source_beside_it() -> None:
    tables = sorted(rules_file(".").glob("*.csv"))
    assert tables
    for table in tables:
        assert table.with_name(f"{table.stem}.SOURCE.md").read_text("utf-8").strip(), table
