"""The parsers' vocabulary (kompass_extract/rules/vocabulary.json) is data, validated at load."""

from __future__ import annotations

import json
from importlib import resources

import pydantic
import pytest

from kompass_extract.rules.vocabulary import Vocabulary, vocabulary


def raw() -> dict:
    text = resources.files("kompass_extract.rules").joinpath("vocabulary.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("$")}


def test_headings_and_their_variants_match() -> None:
    vocab = vocabulary()
    for text in (
        "SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK",
        "SAMMANFATTNING AV UTVÄRDERINGS INTRYCK",
        "Sammanfattning av utvärderarnas intryck",
    ):
        assert vocab.area_summary.match(text), text
    assert vocab.section("section_4").match("4. Översikt av poängfördelning")
    assert vocab.section("section_4").match("4. Poängsammanställning")
    assert vocab.section("section_3").match(
        "3 Detaljerad genomgång i förhållande till Kommunkompassens åtta områden"
    )
    assert (
        vocab.area_heading.match("Område 7 Ständiga förbättringar")["name"]
        == "Ständiga förbättringar"
    )
    assert not vocab.area_heading.match("Området handlar om hur kommunen informerar")


def test_month_names_and_abbreviations() -> None:
    vocab = vocabulary()
    assert [vocab.month_number(m) for m in ("november", "FEBRUARI", "dec.", "Mars")] == [
        11,
        2,
        12,
        3,
    ]
    assert vocab.month_number("ma") is None and vocab.month_number("kommun") is None


def test_the_square_and_round_bullets_are_known() -> None:
    assert {"•", "▪", "\uf0a7", "-", "–"} <= set(vocabulary().bullets)


def test_a_misspelt_key_or_a_broken_pattern_is_refused() -> None:
    data = raw()
    assert Vocabulary.model_validate(data) == vocabulary()  # the file itself is valid
    with pytest.raises(pydantic.ValidationError):
        Vocabulary.model_validate({**data, "strenghts": "^styrkor$"})
    with pytest.raises(Exception, match="missing|unterminated|bad"):
        Vocabulary.model_validate({**data, "strengths": "^(styrkor$"})
    with pytest.raises(pydantic.ValidationError, match="twelve"):
        Vocabulary.model_validate({**data, "months": data["months"][:11]})


def test_a_bullet_alone_must_be_one_of_the_bullets() -> None:
    data = raw()
    with pytest.raises(pydantic.ValidationError, match="bullets_alone must be among the bullets"):
        Vocabulary.model_validate({**data, "bullets_alone": ["-", "+"]})


def test_page_numbers_and_evaluator_separators_are_vocabulary() -> None:
    vocab = vocabulary()
    assert [
        bool(vocab.page_number.match(t)) for t in ("5", "Sida 3 (24)", "2 (34)", "5 poäng")
    ] == [
        True,
        True,
        True,
        False,
    ]
    parts = vocab.title.evaluator_separators.split("A B, C D och E F samt G H & I J; K L")
    assert [p.strip() for p in parts] == ["A B", "C D", "E F", "G H", "I J", "K L"]


def test_the_name_of_an_unnamed_area_holds_its_number() -> None:
    assert vocabulary().unnamed_area.format(number=3) == "Område 3"
    with pytest.raises(pydantic.ValidationError, match="must hold '{number}'"):
        Vocabulary.model_validate({**raw(), "unnamed_area": "Område"})
