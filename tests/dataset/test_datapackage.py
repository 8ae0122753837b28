"""datapackage.json derives from the field catalogue and a produced package passes `frictionless`."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from frictionless import Package

from kompass_extract.dataset.catalogue import TABLES, columns
from kompass_extract.dataset.datapackage import build_datapackage, table_schema
from kompass_extract.dataset.manifest import write_dataset_metadata
from kompass_extract.dataset.tables import reports_to_frames
from kompass_extract.dataset.writers import write_tables
from tests.dataset_reports import extract_build, sample_pdfs, sample_reports


@pytest.fixture
def built(tmp_path):
    """A dataset build of the hand-made reports, with its data package."""
    frames = reports_to_frames(sample_reports())
    write_tables(frames, tmp_path)
    write_dataset_metadata(tmp_path, frames, [], created=datetime(2024, 1, 1, tzinfo=UTC))
    return tmp_path


def validation_errors(folder) -> list[list[str]]:
    report = Package(str(folder / "datapackage.json")).validate()
    return report.flatten(["type", "note"])


def test_produced_package_passes_frictionless(built):
    assert validation_errors(built) == []


def test_package_fields_follow_the_catalogue():
    package = build_datapackage(TABLES)
    by_name = {resource["name"]: resource for resource in package["resources"]}
    assert list(by_name) == ["reports", *[t for t in TABLES if t != "reports"]]
    for table in TABLES:
        fields = by_name[table]["schema"]["fields"]
        assert [f["name"] for f in fields] == columns(table)
        assert all(f["description"] and f["description_sv"] for f in fields)


def test_types_enums_required_and_units():
    fields = {f["name"]: f for f in table_schema("findings")["fields"]}
    assert fields["kind"]["constraints"] == {
        "required": True,
        "enum": ["strength", "improvement"],
    }
    assert fields["position"]["type"] == "integer"
    questions = {f["name"]: f for f in table_schema("questions")["fields"]}
    assert questions["points"]["type"] == "number"
    assert "constraints" not in questions["points"]
    assert questions["percent"]["unit"] == "percent"
    errors = {f["name"]: f for f in table_schema("errors")["fields"]}
    assert "constraints" not in errors["sha256"]  # may be empty in errors, not in reports
    reports = {f["name"]: f for f in table_schema("reports")["fields"]}
    assert reports["sha256"]["constraints"] == {"required": True}


def test_keys_and_foreign_keys():
    assert table_schema("reports")["primaryKey"] == ["report_id"]
    assert "foreignKeys" not in table_schema("reports")
    assert table_schema("summaries")["primaryKey"] == ["report_id", "kind", "area_no"]
    assert "foreignKeys" not in table_schema("errors")
    for table in ("areas", "subareas", "questions", "findings", "summaries", "scores"):
        (foreign,) = table_schema(table)["foreignKeys"]
        assert foreign == {
            "fields": ["report_id"],
            "reference": {"resource": "reports", "fields": ["report_id"]},
        }


def test_municipality_code_keeps_its_leading_zero(built):
    reports = Package(str(built / "datapackage.json")).get_resource("reports")
    codes = {row["municipality"]: row["municipality_code"] for row in reports.read_rows()}
    assert codes == {"Stockholm": "0180", "Testby": None}


def test_duplicate_key_fails_validation(built):
    areas = built / "areas.csv"
    lines = areas.read_text(encoding="utf-8").splitlines(keepends=True)
    areas.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    assert sorted({error[0] for error in validation_errors(built)}) == ["primary-key"]


def test_two_overall_comments_for_one_report_fail_validation(built):
    summaries = built / "summaries.csv"
    lines = summaries.read_text(encoding="utf-8").splitlines(keepends=True)
    overall = [line for line in lines if ",overall_comments," in line]
    summaries.write_text("".join([*lines, overall[0]]), encoding="utf-8")
    assert "primary-key" in {error[0] for error in validation_errors(built)}


def test_orphan_row_fails_the_foreign_key(built):
    findings = built / "findings.csv"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text + "no-such-report,1,strength,9,Text,3\n", encoding="utf-8")
    assert "foreign-key" in {error[0] for error in validation_errors(built)}


def test_value_outside_the_enum_fails_validation(built):
    findings = built / "findings.csv"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace(",strength,", ",weakness,", 1), encoding="utf-8")
    assert "constraint-error" in {error[0] for error in validation_errors(built)}


def test_package_text_is_deterministic_and_timeless(built):
    text = (built / "datapackage.json").read_text(encoding="utf-8")
    assert "2024" not in text
    assert json.loads(text)["sources"][1]["title"].startswith("Swedish Geodata")


@pytest.mark.skipif(not sample_pdfs(), reason="needs the sample PDFs")
def test_package_of_the_samples_passes_frictionless(tmp_path):
    build = extract_build(tmp_path / "out", sample_pdfs())
    assert validation_errors(build) == []
    package = json.loads((build / "datapackage.json").read_text(encoding="utf-8"))
    written = {path.stem for path in build.glob("*.csv")}
    assert {resource["name"] for resource in package["resources"]} == written
