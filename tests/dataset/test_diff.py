"""`kompass-extract diff` reports rows added, removed and changed between two builds."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from kompass_extract.cli import main
from kompass_extract.dataset.diff import DiffInputError, diff_builds, format_diff
from kompass_extract.dataset.tables import report_to_rows, reports_to_frames
from kompass_extract.dataset.writers import write_tables
from tests.dataset_reports import extract_build, make_report, sample_pdfs, sample_reports


def build(folder, reports, formats=("csv", "parquet")):
    write_tables(reports_to_frames(reports), folder, formats)
    return folder


def rows_of(report, table: str, key: list[str]) -> set[tuple[tuple[str, str], ...]]:
    """The key of every row of ``table`` for ``report``, as the diff names them."""
    dumped = [row.model_dump() for row in report_to_rows(report)[table]]
    return {tuple((c, "" if row[c] is None else str(row[c])) for c in key) for row in dumped}


def by_table(result):
    return {table.table: table for table in result.tables}


def test_same_reports_are_identical(tmp_path, capsys):
    old = build(tmp_path / "old", sample_reports())
    new = build(tmp_path / "new", sample_reports())
    assert diff_builds(old, new).identical
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("tables compared: identical")


def test_removing_one_report_removes_exactly_its_rows(tmp_path):
    kept, dropped = sample_reports()
    result = diff_builds(build(tmp_path / "old", [kept, dropped]), build(tmp_path / "new", [kept]))
    tables = by_table(result)
    keys = {
        "reports": ["report_id"],
        "areas": ["report_id", "area_no"],
        "subareas": ["report_id", "area_no", "position"],
        "questions": ["report_id", "question_id"],
        "findings": ["report_id", "area_no", "kind", "position"],
        "summaries": ["report_id", "summary_no"],
        "scores": ["report_id", "area_no"],
    }
    for table, key in keys.items():
        assert set(tables[table].removed) == rows_of(dropped, table, key), table
        assert tables[table].added == () and tables[table].changed == ()
    assert tables["errors"].identical
    assert not result.identical


def test_a_changed_score_names_the_row_and_field(tmp_path):
    before = make_report("Testby", None, 2019, [50] * 8)
    after = make_report("Testby", None, 2019, [50, 61, 50, 50, 50, 50, 50, 50])
    result = diff_builds(build(tmp_path / "old", [before]), build(tmp_path / "new", [after]))
    (change,) = by_table(result)["areas"].changed
    assert change.key == (("report_id", before.report_id), ("area_no", "2"))
    assert [(f.column, f.old, f.new) for f in change.fields] == [
        ("score", "50", "61"),
        ("overview_total", "50", "61"),
        ("overview_percent", "50", "61"),
    ]
    (report_change,) = by_table(result)["reports"].changed
    changed_totals = [(f.column, f.old, f.new) for f in report_change.fields]
    assert changed_totals == [("total_score", "400", "411")]
    text = format_diff(result)
    assert f"~ report_id={before.report_id} area_no=2" in text
    assert "score: 50 -> 61" in text  # a number without quotes
    assert "total_score: 400 -> 411" in text


def test_diff_shows_numbers_bare_and_text_quoted():
    from kompass_extract.dataset.diff import FieldChange, change_text

    assert change_text(FieldChange("score", "277.87", "277.86")) == "score: 277.87 -> 277.86"
    assert change_text(FieldChange("score", "", "5")) == "score: '' -> 5"  # empty: quoted
    assert (
        change_text(FieldChange("municipality", "Åmål", "Amal")) == "municipality: 'Åmål' -> 'Amal'"
    )
    assert change_text(FieldChange("municipality_code", "0180", "0181")) == (
        "municipality_code: '0180' -> '0181'"  # a code is text, its zero kept
    )


def test_a_new_report_is_added(tmp_path):
    first, second = sample_reports()
    result = diff_builds(build(tmp_path / "old", [first]), build(tmp_path / "new", [first, second]))
    assert by_table(result)["reports"].added == ((("report_id", second.report_id),),)


def test_a_code_filled_in_is_a_change_from_empty(tmp_path):
    before = make_report("Testby", None, 2019, [50] * 8)
    after = before.model_copy(update={"municipality_code": "1492"})
    result = diff_builds(build(tmp_path / "old", [before]), build(tmp_path / "new", [after]))
    (change,) = by_table(result)["reports"].changed
    assert [(f.column, f.old, f.new) for f in change.fields] == [
        ("municipality_code", "", "1492"),
        ("county_code", "", "14"),
        ("county", "", "Västra Götalands län"),
    ]
    assert len(by_table(result)["scores"].changed) == 8


def test_parquet_only_builds_compare_too(tmp_path):
    kept, dropped = sample_reports()
    old = build(tmp_path / "old", [kept, dropped], formats=("parquet",))
    new = build(tmp_path / "new", [kept], formats=("parquet",))
    assert len(by_table(diff_builds(old, new))["areas"].removed) == 8
    assert diff_builds(old, build(tmp_path / "same", [kept, dropped], ("parquet",))).identical


def test_added_column_and_missing_table_are_reported(tmp_path):
    old = build(tmp_path / "old", sample_reports(), formats=("csv",))
    new = build(tmp_path / "new", sample_reports(), formats=("csv",))
    areas = pd.read_csv(new / "areas.csv", dtype=str, keep_default_na=False)
    areas.assign(extra="x").to_csv(new / "areas.csv", index=False)
    (new / "errors.csv").unlink()
    tables = by_table(diff_builds(old, new))
    assert tables["areas"].columns_added == ("extra",)
    assert tables["areas"].changed == ()
    assert tables["errors"].only_in == "old"


def test_duplicate_keys_fall_back_to_whole_rows(tmp_path):
    old = build(tmp_path / "old", sample_reports(), formats=("csv",))
    new = build(tmp_path / "new", sample_reports(), formats=("csv",))
    lines = (new / "reports.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (new / "reports.csv").write_text("".join([*lines, lines[1]]), encoding="utf-8")
    reports = by_table(diff_builds(old, new))["reports"]
    assert "not unique" in (reports.note or "")
    assert len(reports.added) == 1 and reports.removed == ()


def test_folder_that_is_no_build_is_a_clear_error(tmp_path, capsys):
    build(tmp_path / "old", sample_reports())
    (tmp_path / "empty").mkdir()
    with pytest.raises(DiffInputError, match=r"no table files \(.parquet or .csv\)"):
        diff_builds(tmp_path / "old", tmp_path / "empty")
    assert main(["diff", str(tmp_path / "old"), str(tmp_path / "missing")]) == 2
    assert "missing: no such folder" in capsys.readouterr().err


def test_cli_exit_1_and_summary_lines(tmp_path, capsys):
    kept, dropped = sample_reports()
    old = build(tmp_path / "old", [kept, dropped])
    new = build(tmp_path / "new", [kept])
    assert main(["diff", "--summary", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "reports: 1 removed" in out and "areas: 8 removed" in out
    assert "report_id=" not in out


# --- the sample PDFs, through the extract command ----------------------------------------------

needs_samples = pytest.mark.skipif(len(sample_pdfs()) < 2, reason="needs two sample PDFs")


@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory):
    """Two full builds of the samples, and one without the last sample."""
    root = tmp_path_factory.mktemp("builds")
    pdfs = sample_pdfs()
    first = extract_build(root / "first", pdfs)
    second = extract_build(root / "second", pdfs)
    # The results cache makes the smaller build cheap; it is the same reading either way.
    shutil.copytree(first / ".cache", root / "fewer" / ".cache")
    (root / "fewer" / ".cache" / "lock").unlink(missing_ok=True)
    fewer = extract_build(root / "fewer", pdfs[:-1])
    return first, second, fewer


@pytest.mark.slow
@needs_samples
def test_two_runs_on_the_samples_give_identical_files(sample_builds):
    first, second, _ = sample_builds
    names = sorted(p.name for p in first.iterdir() if p.is_file() and p.name != "manifest.json")
    assert "scores.csv" in names and "datapackage.json" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.slow
@needs_samples
def test_diff_between_two_runs_reports_nothing(sample_builds, capsys):
    first, second, _ = sample_builds
    assert main(["diff", str(first), str(second)]) == 0
    assert "differ" not in capsys.readouterr().out


@pytest.mark.slow
@needs_samples
def test_diff_after_removing_a_sample_reports_exactly_its_rows(sample_builds):
    first, _, fewer = sample_builds
    reports = pd.read_csv(first / "reports.csv", dtype=str, keep_default_na=False)
    dropped = reports.loc[reports["source_file"] == str(sample_pdfs()[-1]), "report_id"].item()
    result = diff_builds(first, fewer)
    for table in result.tables:
        frame = pd.read_csv(first / f"{table.table}.csv", dtype=str, keep_default_na=False)
        expected = len(frame[frame["report_id"] == dropped]) if "report_id" in frame else 0
        assert len(table.removed) == expected, table.table
        assert all(dict(key)["report_id"] == dropped for key in table.removed), table.table
        assert table.added == () and table.changed == (), table.table
    assert len(by_table(result)["reports"].removed) == 1


def test_a_measured_time_is_not_a_difference_but_a_new_error_code_is(tmp_path):
    from kompass_extract.models import ExtractionFailure

    def failure(code: str, elapsed: float) -> ExtractionFailure:
        return ExtractionFailure(
            source_file="archive/bad.pdf",
            error_code=code,
            message="cannot be read",
            elapsed_s=elapsed,
        )

    def errors_build(folder, code, elapsed):
        write_tables(reports_to_frames([], [failure(code, elapsed)]), folder, ("csv",))
        return folder

    first = errors_build(tmp_path / "a", "timeout", 120.4)
    assert diff_builds(first, errors_build(tmp_path / "b", "timeout", 119.8)).identical
    changed = by_table(diff_builds(first, errors_build(tmp_path / "c", "malformed", 120.4)))
    (row,) = changed["errors"].changed
    assert [f.column for f in row.fields] == ["error_code"]


def with_heading_box(report, x0: float):
    """``report`` with a heading box on area 1, its left edge at ``x0``."""
    area = report.areas[0].model_copy(update={"x0": x0, "top": 100.0, "x1": 300.0, "bottom": 114.0})
    return report.model_copy(update={"areas": (area, *report.areas[1:])})


def test_a_box_moved_by_rounding_is_no_change_unless_asked(tmp_path):
    base = make_report("Testby", None, 2019, [50] * 8)
    old = build(tmp_path / "old", [with_heading_box(base, 72.0)])
    rounded = build(tmp_path / "rounded", [with_heading_box(base, 72.01)])
    engine = build(tmp_path / "engine", [with_heading_box(base, 72.5)])
    moved = build(tmp_path / "moved", [with_heading_box(base, 86.0)])
    gone = build(tmp_path / "gone", [base])
    assert diff_builds(old, rounded).identical and diff_builds(old, engine).identical
    (change,) = by_table(diff_builds(old, rounded, exact=True))["areas"].changed
    assert [(f.column, f.old, f.new) for f in change.fields] == [("x0", "72", "72.01")]
    (change,) = by_table(diff_builds(old, moved))["areas"].changed
    assert [(f.column, f.old, f.new) for f in change.fields] == [("x0", "72", "86")]
    (change,) = by_table(diff_builds(old, gone))["areas"].changed
    assert [f.column for f in change.fields] == ["x0", "top", "x1", "bottom"]
    assert main(["diff", str(old), str(rounded), "--exact"]) == 1
    assert main(["diff", str(old), str(rounded)]) == 0
