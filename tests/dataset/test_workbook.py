"""--format: a comma-separated list; xlsx writes one workbook, one sheet per table, codes as text."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from kompass_extract.cli import main
from kompass_extract.dataset.catalogue import TABLES, columns
from kompass_extract.dataset.load import load, typed_frame
from kompass_extract.dataset.manifest import write_dataset_metadata
from kompass_extract.dataset.tables import reports_to_frames
from kompass_extract.dataset.workbook import MAX_WIDTH, MIN_WIDTH, workbook_bytes
from kompass_extract.dataset.writers import WORKBOOK_FILE, parse_formats, write_tables
from tests.dataset_reports import sample_reports


@pytest.mark.parametrize(
    ("text", "formats"),
    [
        ("csv", ("csv",)),
        ("xlsx,csv", ("csv", "xlsx")),
        ("both", ("csv", "parquet")),
        ("both,xlsx", ("csv", "parquet", "xlsx")),
        (" Parquet , csv,csv", ("csv", "parquet")),
    ],
)
def test_format_lists(text: str, formats: tuple[str, ...]) -> None:
    assert parse_formats(text) == formats


@pytest.mark.parametrize(("text", "problem"), [("pdf", "unknown format 'pdf'"), (",", "no format")])
def test_bad_format_lists(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_formats(text)


def test_a_bad_format_on_the_command_line_is_bad_usage(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "csv,pdf"])
    assert stop.value.code == 2
    assert "unknown format 'pdf'" in capsys.readouterr().err


@pytest.fixture
def workbook_build(tmp_path):
    frames = reports_to_frames(sample_reports())
    write_tables(frames, tmp_path, ("csv", "xlsx"))
    write_dataset_metadata(tmp_path, frames, [], formats=("csv", "xlsx"))
    return tmp_path


def test_one_sheet_per_table_with_frozen_bold_header(workbook_build) -> None:
    book = openpyxl.load_workbook(workbook_build / WORKBOOK_FILE)
    assert book.sheetnames == list(TABLES)
    for table in TABLES:
        sheet = book[table]
        assert [cell.value for cell in sheet[1]] == columns(table)
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(MIN_WIDTH <= width <= MAX_WIDTH for width in widths)


def test_codes_are_text_and_counts_are_numbers(workbook_build) -> None:
    sheet = openpyxl.load_workbook(workbook_build / WORKBOOK_FILE)["reports"]
    header = [cell.value for cell in sheet[1]]
    stockholm = next(row for row in sheet.iter_rows(min_row=2) if row[3].value == "Stockholm")
    code = stockholm[header.index("municipality_code")]
    assert code.value == "0180" and code.data_type == "s" and code.number_format == "@"
    assert stockholm[header.index("county_code")].value == "01"
    assert stockholm[header.index("evaluation_year")].value == 2017
    assert stockholm[header.index("framework")].value == "2016"


def test_the_sheets_hold_the_values_of_the_csv_files(workbook_build) -> None:
    from_csv = load(workbook_build)
    for table in TABLES:
        sheet = pd.read_excel(workbook_build / WORKBOOK_FILE, sheet_name=table, dtype=object)
        pd.testing.assert_frame_equal(typed_frame(sheet, table), from_csv[table], obj=table)


def test_the_workbook_is_byte_identical_for_the_same_tables() -> None:
    frames = reports_to_frames(sample_reports())
    assert workbook_bytes(frames) == workbook_bytes(reports_to_frames(sample_reports()))


def test_manifest_lists_the_workbook(workbook_build) -> None:
    import json

    manifest = json.loads((workbook_build / "manifest.json").read_text("utf-8"))
    assert WORKBOOK_FILE in [entry["path"] for entry in manifest["outputs"]]


def test_a_workbook_only_package_passes_frictionless(tmp_path) -> None:
    from frictionless import Package

    frames = reports_to_frames(sample_reports())
    write_tables(frames, tmp_path, ("xlsx",))
    write_dataset_metadata(tmp_path, frames, [], formats=("xlsx",))
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.flatten(["type", "note"]) == []
