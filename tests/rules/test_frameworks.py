"""The known revisions as data: loading, validation, name matching and recognition."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kompass_extract.rules.frameworks import (
    Framework,
    UnknownFrameworkError,
    get_framework,
    load_frameworks,
    match_area,
    normalise_area_name,
)
from kompass_extract.rules.loader import RulesDataError
from kompass_extract.rules.recognition import recognise_framework
from tests.rules.revision_names import NAMES_2002, NAMES_2010, NAMES_2016, NAMES_2020

PACKAGE_FRAMEWORKS = Path(__file__).parents[2] / "kompass_extract" / "rules" / "frameworks"
REFERENCE = Path(__file__).parents[3] / "shared" / "reference"

# Max points per question of the 2016 revision, as FRAMEWORKS.md lists them (written out here
# independently of the data file so a typo in either shows up).
MAX_POINTS_2016 = {
    1: [15, 20, 25, 30, 10],
    2: [15, 25, 20, 20, 20],
    3: [15, 25, 25, 20, 15],
    4: [15, 10, 20, 15, 20, 20],
    5: [15, 25, 15, 15, 20, 10],
    6: [15, 20, 25, 15, 15, 10],
    7: [15, 25, 20, 20, 20],
    8: [15, 15, 15, 15, 10, 15, 15],
}


def copy_frameworks(tmp_path: Path) -> Path:
    target = tmp_path / "frameworks"
    shutil.copytree(PACKAGE_FRAMEWORKS, target)
    return target


def edit_json(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    content = json.loads(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


# --- the shipped data ----------------------------------------------------------------------


def test_four_revisions_oldest_first() -> None:
    assert [f.name for f in load_frameworks()] == ["2002", "2010", "2016", "2020"]


def test_loading_is_cached() -> None:
    assert load_frameworks() is load_frameworks()


@pytest.mark.parametrize(
    ("revision", "names"),
    [("2002", NAMES_2002), ("2010", NAMES_2010), ("2016", NAMES_2016), ("2020", NAMES_2020)],
)
def test_area_names_in_order(revision: str, names: list[str]) -> None:
    framework = get_framework(revision)
    assert [normalise_area_name(a.name) for a in framework.areas] == [
        normalise_area_name(n) for n in names
    ]
    assert all(a.max_points == 100 for a in framework.areas)
    assert framework.max_total == 800


def test_area_keys_unique_across_revisions_and_ascii() -> None:
    keys = [a.key for f in load_frameworks() for a in f.areas]
    assert len(keys) == len(set(keys)) == 32
    assert all(key.isascii() for key in keys)


def test_only_2016_has_a_question_set() -> None:
    assert {f.name: f.has_question_set for f in load_frameworks()} == {
        "2002": False, "2010": False, "2016": True, "2020": False,
    }  # fmt: skip


def test_2016_question_set_matches_the_reference_max_points() -> None:
    framework = get_framework("2016")
    found = {a.number: [q.max_points for q in a.questions] for a in framework.areas}
    assert found == MAX_POINTS_2016
    assert sum(len(a.questions) for a in framework.areas) == 45


def test_2016_question_ids_and_texts() -> None:
    area_7 = get_framework("2016").area(7)
    assert [q.question_id for q in area_7.questions] == ["7.1", "7.2", "7.3", "7.4", "7.5"]
    assert area_7.question("7.1") is not None
    assert area_7.question("7.1").text == "Finns en strategi för ständiga förbättringar?"
    assert area_7.question("7.6") is None


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is absent")
def test_2016_question_texts_are_printed_in_the_reference_report() -> None:
    report = " ".join((REFERENCE / "amal-2019-report.txt").read_text(encoding="utf-8").split())
    for area in get_framework("2016").areas:
        for question in area.questions:
            assert question.text, question.question_id
            # the report wraps texts over lines: compare with white space folded
            assert " ".join(question.text.split()) in report, question.question_id


def test_models_are_frozen() -> None:
    framework = get_framework("2016")
    with pytest.raises(ValueError):
        framework.name = "2017"  # type: ignore[misc]


def test_get_framework_unknown_name_lists_known() -> None:
    with pytest.raises(UnknownFrameworkError, match="2002, 2010, 2016, 2020"):
        get_framework("1999")


# --- normalising and matching names --------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    [
        "Kommunen som arbetsgivare - personalpolitik",
        "Kommunen som arbetsgivare – personalpolitik",
        "Kommunen som arbetsgivare personalpolitik",
        "KOMMUNEN SOM ARBETSGIVARE  -  PERSONALPOLITIK",
        "6. Kommunen som arbetsgivare - personalpolitik",
        "6.  Kommunen som arbetsgivare -\npersonalpolitik",
        "Område 6 Kommunen som arbetsgivare personalpolitik",
        "OMRÅDE 6: Kommunen som arbetsgivare, personalpolitik",
    ],
)
def test_normalise_folds_variants(printed: str) -> None:
    assert normalise_area_name(printed) == "kommunen som arbetsgivare personalpolitik"


def test_normalise_keeps_swedish_letters_distinct() -> None:
    assert normalise_area_name("Ständiga förbättringar") != normalise_area_name(
        "Standiga forbattringar"
    )


@pytest.mark.parametrize(
    ("printed", "revision", "key"),
    [
        ("Kommun som samhällsbyggare", "2016", "2016.samhallsbyggare"),
        ("Kommunen som samhälls-\nbyggare", "2016", "2016.samhallsbyggare"),
        (
            "Brukarfokus, tillgänglighet och bemötande",
            "2016",
            "2016.tillganglighet_brukarorientering",
        ),
        ("Offentlighet och demokrati", "2020", "2020.samspel_fortroendevalda_medborgare"),
        ("7. Verksamhetsutveckling", "2010", "2010.verksamhetsutveckling"),
        ("chefs och ledarskap samt medarbetarskap", "2020", "2020.chefs_ledarskap_medarbetarskap"),
    ],
)
def test_match_area_through_aliases(printed: str, revision: str, key: str) -> None:
    area = match_area(printed, get_framework(revision))
    assert area is not None and area.key == key


def test_match_area_checks_the_number_when_given() -> None:
    framework = get_framework("2016")
    assert match_area("Ständiga förbättringar", framework, area_no=7) is not None
    assert match_area("Ständiga förbättringar", framework, area_no=3) is None


@pytest.mark.parametrize("printed", ["", "Verksamhetsutveckling", "Ständiga", "Uppnått Max"])
def test_match_area_gives_none_for_other_names(printed: str) -> None:
    assert match_area(printed, get_framework("2016")) is None


# --- data-only changes and validation ------------------------------------------------------


def test_new_revision_is_a_data_file_only(tmp_path: Path) -> None:
    directory = copy_frameworks(tmp_path)
    new_names = [f"Nytt område nummer {n}" for n in "ABCDEFGH"]
    revision = {
        "name": "2030", "title": "Test revision", "first_year": 2030,
        "names_confirmed": True, "$source": "test", "contents": ["box_score"],
        "areas": [
            {"number": n, "key": f"2030.area_{n}", "name": name, "max_points": 100}
            for n, name in enumerate(new_names, start=1)
        ],
    }  # fmt: skip
    (directory / "2030.json").write_text(json.dumps(revision), encoding="utf-8")
    frameworks = load_frameworks(directory)
    assert [f.name for f in frameworks][-1] == "2030"
    match = recognise_framework(new_names, frameworks=frameworks)
    assert match.name == "2030" and match.area_keys[0] == "2030.area_1"


def test_new_alias_is_a_data_file_only(tmp_path: Path) -> None:
    directory = copy_frameworks(tmp_path)
    printed = "Löpande förbättringsarbete"
    assert match_area(printed, get_framework("2016")) is None
    edit_json(directory / "2016.json", lambda c: c["areas"][6]["aliases"].append(printed))
    framework = next(f for f in load_frameworks(directory) if f.name == "2016")
    assert match_area(printed, framework).key == "2016.standiga_forbattringar"  # type: ignore[union-attr]


def _break_question_sum(content: dict) -> None:  # type: ignore[type-arg]
    content["areas"][0]["questions"][0]["max_points"] = 16


def _break_question_id(content: dict) -> None:  # type: ignore[type-arg]
    content["areas"][1]["questions"][2]["question_id"] = "3.3"


def _drop_area(content: dict) -> None:  # type: ignore[type-arg]
    del content["areas"][7]


def _repeat_key(content: dict) -> None:  # type: ignore[type-arg]
    content["areas"][1]["key"] = content["areas"][0]["key"]


def _shared_alias(content: dict) -> None:  # type: ignore[type-arg]
    content["areas"][2]["aliases"] = ["Offentlighet - och demokrati"]


def _misspelt_field(content: dict) -> None:  # type: ignore[type-arg]
    content["areas"][0]["alias"] = ["x"]


def _renumber(content: dict) -> None:  # type: ignore[type-arg]
    for area in content["areas"][:2]:
        del area["questions"]  # so that the numbering, not the question ids, is what fails
    content["areas"][0]["number"], content["areas"][1]["number"] = 2, 1


def _foreign_key(content: dict) -> None:  # type: ignore[type-arg]
    content["areas"][0]["key"] = "2010.offentlighet_demokrati"


def _unknown_part(content: dict) -> None:  # type: ignore[type-arg]
    content["contents"].append("chart")


def _repeated_part(content: dict) -> None:  # type: ignore[type-arg]
    content["contents"].append("strengths")


def _no_contents(content: dict) -> None:  # type: ignore[type-arg]
    del content["contents"]


@pytest.mark.parametrize(
    ("break_file", "expected"),
    [
        (_break_question_sum, "sum to 101"),
        (_break_question_id, "question ids must be 2.1, 2.2"),
        (_drop_area, "8 areas"),
        (_repeat_key, "unique"),
        (_shared_alias, "same as a name of area 1"),
        (_misspelt_field, "alias"),
        (_renumber, "numbered 1..8"),
        (_foreign_key, "must start with '2016.'"),
        (_unknown_part, "contents.7"),
        (_repeated_part, "repeated: strengths"),
        (_no_contents, "contents: Field required"),
    ],
)
def test_invalid_data_file_is_named_with_the_problem(
    tmp_path: Path,
    break_file,
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    directory = copy_frameworks(tmp_path)
    edit_json(directory / "2016.json", break_file)
    with pytest.raises(RulesDataError, match="2016.json") as caught:
        load_frameworks(directory)
    assert expected in str(caught.value)


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    directory = copy_frameworks(tmp_path)
    (directory / "2016.json").write_text('{"name": "2016",\n  oops}', encoding="utf-8")
    with pytest.raises(RulesDataError, match=r"2016.json, line 2: not valid JSON \(column 3"):
        load_frameworks(directory)


def test_duplicate_revision_name_rejected(tmp_path: Path) -> None:
    directory = copy_frameworks(tmp_path)
    shutil.copy(directory / "2016.json", directory / "2016-copy.json")
    with pytest.raises(RulesDataError, match="repeated: 2016"):
        load_frameworks(directory)


def test_empty_directory_rejected(tmp_path: Path) -> None:
    with pytest.raises(RulesDataError, match="no framework files"):
        load_frameworks(tmp_path)


def test_framework_model_accepts_what_the_loader_returns() -> None:
    framework = get_framework("2016")
    assert Framework.model_validate(framework.model_dump()) == framework


def test_every_revision_says_what_its_reports_contain() -> None:
    # The layout every known report follows: six parts per area and the overall comments.
    per_report = [
        "box_score",
        "overview_total",
        "overview_questions",
        "strengths",
        "improvements",
        "area_summary",
        "overall_comments",
    ]
    assert {f.name: list(f.contents) for f in load_frameworks()} == {
        name: per_report for name in ("2002", "2010", "2016", "2020")
    }


def test_an_unknown_revision_is_expected_to_hold_what_every_known_one_holds() -> None:
    from kompass_extract.rules.frameworks import common_contents

    one, other = get_framework("2016"), get_framework("2010")
    narrower = other.model_copy(update={"contents": ("box_score", "strengths")})
    assert common_contents([one, narrower]) == ("box_score", "strengths")
    assert common_contents([]) == ()
