"""The field catalogue: each column described once, every table built from it, and sound."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kompass_extract.dataset.catalogue import (
    FIELDS,
    TABLES,
    CatalogueError,
    catalogue_problems,
    columns,
    measured_columns,
    primary_key,
    resolve,
    table_fields,
)
from kompass_extract.dataset.specs import Column, FieldSpec, TableSpec
from kompass_extract.dataset.tables import TABLE_MODELS, make_row


def test_the_catalogue_is_sound() -> None:
    assert catalogue_problems() == []


def test_every_table_has_a_row_model_with_the_catalogue_columns_in_order() -> None:
    assert list(TABLE_MODELS) == list(TABLES)
    for table, model in TABLE_MODELS.items():
        assert list(model.model_fields) == columns(table)


def test_a_column_override_replaces_the_description_and_merges_constraints() -> None:
    (page,) = [f for f in table_fields("areas") if f.name == "page"]
    assert page.description == "Page of the area heading"
    assert page.description_sv == "Sidan med områdets rubrik"
    assert page.constraints.required is True  # kept from the field
    (area_no,) = [f for f in table_fields("checks") if f.name == "area_no"]
    assert area_no.constraints.required is False  # overridden in checks only
    (area_no,) = [f for f in table_fields("areas") if f.name == "area_no"]
    assert area_no.constraints.required is True
    assert FIELDS["page"].description.startswith("Physical 1-based page")


def test_kind_takes_its_allowed_values_from_the_record_types() -> None:
    findings = {f.name: f for f in table_fields("findings")}
    summaries = {f.name: f for f in table_fields("summaries")}
    assert findings["kind"].constraints.enum == ("strength", "improvement")
    assert summaries["kind"].constraints.enum == ("area_summary", "overall_comments")


def test_the_row_model_enforces_the_catalogue() -> None:
    row = make_row(
        "findings",
        report_id="r",
        area_no=1,
        kind="strength",
        position=1,
        text="En styrka",
        page=3,
        x0=None,
        top=None,
        x1=None,
        bottom=None,
    )
    assert row.model_dump()["kind"] == "strength"
    with pytest.raises(ValidationError):
        make_row("findings", **(row.model_dump() | {"x0": -1.0}))
    with pytest.raises(ValidationError):
        make_row("findings", **(row.model_dump() | {"kind": "weakness"}))
    with pytest.raises(ValidationError):
        make_row("findings", **(row.model_dump() | {"page": None}))


def test_keys_and_measured_columns() -> None:
    assert primary_key("questions") == ("report_id", "question_id")
    assert primary_key("checks") == ()
    assert measured_columns("errors") == {"elapsed_s"}
    assert measured_columns("reports") == set()


def test_a_column_that_is_not_in_the_catalogue_is_refused() -> None:
    with pytest.raises(CatalogueError, match="'no_such_field' is not in the catalogue"):
        resolve(Column(name="no_such_field"), "reports")
    with pytest.raises(CatalogueError, match="reports, column page"):
        resolve(Column(name="page", constraints={"required": "sometimes"}), "reports")


def test_a_table_naming_a_key_it_lacks_or_a_column_twice_is_refused() -> None:
    titles = dict(title="T", title_sv="T", description="D", description_sv="D")
    with pytest.raises(ValidationError, match="primary key names no column"):
        TableSpec(name="t", columns=(Column(name="page"),), primary_key=("area_no",), **titles)
    with pytest.raises(ValidationError, match="columns listed twice"):
        TableSpec(name="t", columns=(Column(name="page"), Column(name="page")), **titles)


def test_allowed_values_are_for_text_columns_only() -> None:
    with pytest.raises(ValidationError, match="text columns only"):
        FieldSpec(
            name="score",
            type="integer",
            description="d",
            description_sv="d",
            constraints={"enum": ("1",)},
        )


def test_every_field_is_described_in_both_languages() -> None:
    for field in FIELDS.values():
        assert field.description and field.description_sv, field.name
        assert field.description != field.description_sv, field.name
