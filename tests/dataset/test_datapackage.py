"""datapackage.json derives from the field catalogue and a produced package passes `frictionless`."""

from __future__ import annotations

import json
import subprocess
import sys
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
    hex64 = "^[0-9a-f]{64}$"
    errors = {f["name"]: f for f in table_schema("errors")["fields"]}
    assert errors["sha256"]["constraints"] == {"pattern": hex64}  # may be empty in errors
    reports = {f["name"]: f for f in table_schema("reports")["fields"]}
    assert reports["sha256"]["constraints"] == {"required": True, "pattern": hex64}


def test_keys_and_foreign_keys():
    assert table_schema("reports")["primaryKey"] == ["report_id"]
    assert "foreignKeys" not in table_schema("reports")
    assert table_schema("summaries")["primaryKey"] == ["report_id", "summary_no"]
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


@pytest.mark.slow
@pytest.mark.skipif(not sample_pdfs(), reason="needs the sample PDFs")
def test_package_of_the_samples_passes_frictionless(tmp_path):
    build = extract_build(tmp_path / "out", sample_pdfs())
    assert validation_errors(build) == []
    package = json.loads((build / "datapackage.json").read_text(encoding="utf-8"))
    written = {path.stem for path in build.glob("*.csv")}
    assert {resource["name"] for resource in package["resources"]} == written


def test_the_package_has_licence_version_sources_and_citation():
    from kompass_extract.version import __version__

    package = build_datapackage(TABLES)
    assert package["version"] == __version__
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-4.0"]
    assert all(source["path"].startswith("https://") for source in package["sources"])
    assert f"kompass-extract {__version__}" in package["citation"]


def test_every_coded_column_has_its_allowed_values():
    coded = {
        ("reports", "framework"): ["2002", "2010", "2016", "2020", "unknown"],
        ("scores", "framework"): ["2002", "2010", "2016", "2020", "unknown"],
        ("checks", "severity"): ["error", "warning", "info"],
        ("findings", "kind"): ["strength", "improvement"],
    }
    for (table, column), values in coded.items():
        fields = {f["name"]: f for f in table_schema(table)["fields"]}
        assert fields[column]["constraints"]["enum"] == values, (table, column)
    checks = {f["name"]: f for f in table_schema("checks")["fields"]}
    assert "questions_sum" in checks["check"]["constraints"]["enum"]
    errors = {f["name"]: f for f in table_schema("errors")["fields"]}
    assert "not_kompass" in errors["error_code"]["constraints"]["enum"]
    reports = {f["name"]: f for f in table_schema("reports")["fields"]}
    assert len(reports["county"]["constraints"]["enum"]) == 21
    assert reports["county_code"]["constraints"]["enum"][0] == "01"


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_planted_unknown_framework_fails_validation(built):
    replace_in(built / "reports.csv", ",2016,", ",2099,")
    errors = validation_errors(built)
    assert sorted({error[0] for error in errors}) == ["constraint-error"]
    assert any("2099" in note or "enum" in note for _, note in errors)


def test_the_county_follows_the_municipality_code(built):
    reports = Package(str(built / "datapackage.json")).get_resource("reports")
    rows = {row["municipality"]: row for row in reports.read_rows()}
    assert (rows["Stockholm"]["county_code"], rows["Stockholm"]["county"]) == (
        "01",
        "Stockholms län",
    )
    assert (rows["Testby"]["county_code"], rows["Testby"]["county"]) == (None, None)


def frictionless_cli(package) -> subprocess.CompletedProcess:
    """``frictionless validate PACKAGE`` as a user runs it."""
    command = [sys.executable, "-m", "frictionless", "validate", str(package)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_frictionless_validate_passes_then_rejects_a_planted_framework(built):
    passed = frictionless_cli(built / "datapackage.json")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    replace_in(built / "reports.csv", ",2016,", ",2099,")
    rejected = frictionless_cli(built / "datapackage.json")
    assert rejected.returncode != 0
    assert "constraint-error" in rejected.stdout and "2099" in rejected.stdout
