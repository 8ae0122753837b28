"""The committed JSON Schemas match the row models, and rows of the tables validate against them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kompass_extract.dataset.schemas import main, schema_texts, stale_schemas, table_json_schema
from kompass_extract.dataset.tables import TABLE_MODELS, report_to_rows
from tests.dataset_reports import sample_reports

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def test_committed_schemas_match_a_regeneration():
    problems = stale_schemas(SCHEMA_DIR)
    assert problems == [], "run `make schemas` to regenerate: " + "; ".join(problems)


def test_every_table_has_a_schema_file():
    assert sorted(schema_texts()) == sorted(f"{table}.schema.json" for table in TABLE_MODELS)


def test_a_changed_schema_file_is_reported_stale(tmp_path):
    main(["--write", str(tmp_path)])
    (tmp_path / "areas.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "gone.schema.json").write_text("{}\n", encoding="utf-8")
    problems = stale_schemas(tmp_path)
    assert any("areas.schema.json differs" in p for p in problems)
    assert any("gone.schema.json belongs to no table" in p for p in problems)
    assert main(["--check", str(tmp_path)]) == 1


def test_check_passes_on_freshly_written_schemas(tmp_path):
    assert main(["--write", str(tmp_path)]) == 0
    assert main(["--check", str(tmp_path)]) == 0


@pytest.mark.parametrize("table", [t for t in TABLE_MODELS if t != "errors"])
def test_rows_of_a_report_validate_against_the_schema(table):
    schema = table_json_schema(table)
    rows = report_to_rows(sample_reports()[0])[table]
    assert rows, f"the sample report has no {table} rows"
    for row in rows:
        jsonschema.validate(json.loads(row.model_dump_json()), schema)


def test_schema_rejects_a_kind_outside_the_allowed_values():
    schema = table_json_schema("findings")
    row = json.loads(report_to_rows(sample_reports()[0])["findings"][0].model_dump_json())
    row["kind"] = "weakness"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(row, schema)


def test_schema_carries_swedish_description_and_unit():
    score = table_json_schema("areas")["properties"]["score"]
    assert score["unit"] == "points"
    assert score["description_sv"].startswith("Poängen")
    assert table_json_schema("areas")["primary_key"] == ["report_id", "area_no"]
