"""load(): typed frames from CSV or Parquet builds; recipes for other tools; DuckDB keys;
numbers at their printed precision, so CSV and Parquet builds are identical under diff."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import regex

from kompass_extract import load
from kompass_extract.cli import main
from kompass_extract.dataset.catalogue import TABLES, columns, primary_key, table_fields
from kompass_extract.dataset.codebook import CODEBOOK_FILE, codebook_text
from kompass_extract.dataset.load import LoadError
from kompass_extract.dataset.recipes import duckdb_recipe, pandas_recipe, readr_recipe, recipes
from tests.dataset_reports import extract_build, sample_pdfs

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")
needs_samples = pytest.mark.skipif(not sample_pdfs(), reason="needs the sample PDFs")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The samples extracted once, and the same tables as a CSV-only and a Parquet-only build."""
    root = tmp_path_factory.mktemp("load")
    both = extract_build(root / "both", sample_pdfs())
    folders = {"both": both}
    for fmt in ("csv", "parquet"):
        folders[fmt] = root / fmt
        folders[fmt].mkdir()
        for path in both.glob(f"*.{fmt}"):
            shutil.copy(path, folders[fmt] / path.name)
    return folders


@needs_samples
def test_load_gives_the_catalogue_types(builds) -> None:
    frames = load(builds["csv"])
    assert list(frames) == list(TABLES)
    reports = frames["reports"]
    assert reports["municipality_code"].dtype == "string"
    assert set(reports["municipality_code"].dropna()) == {"1492"}  # Åmål, the only real one
    assert reports["evaluation_year"].dtype == "Int64"
    assert list(reports["framework"].cat.categories) == ["2002", "2010", "2016", "2020", "unknown"]
    assert set(reports["county"].dropna()) == {"Västra Götalands län"}
    assert frames["questions"]["question_id"].dtype == "string"
    assert frames["questions"]["points"].dtype == "Float64"
    assert list(frames["findings"]["kind"].cat.categories) == ["strength", "improvement"]
    for table, frame in frames.items():
        assert list(frame.columns) == columns(table)


@needs_samples
def test_csv_and_parquet_builds_load_to_equal_frames(builds) -> None:
    from_csv, from_parquet = load(builds["csv"]), load(builds["parquet"])
    for table in TABLES:
        pd.testing.assert_frame_equal(from_csv[table], from_parquet[table], obj=table)


@needs_samples
def test_numbers_are_written_at_their_printed_precision(builds) -> None:
    for table in TABLES:
        text = pd.read_csv(builds["csv"] / f"{table}.csv", dtype=str, keep_default_na=False)
        stored = pd.read_parquet(builds["parquet"] / f"{table}.parquet")
        for field in (f for f in table_fields(table) if f.type == "number"):
            printed = [float(v) if v else None for v in text[field.name]]
            values = [None if pd.isna(v) else float(v) for v in stored[field.name]]
            assert values == printed, (table, field.name)
    beyond = pd.read_parquet(builds["parquet"] / "checks.parquet")["beyond_rounding"].dropna()
    assert not beyond.empty  # the planted mistakes of provby give some


@needs_samples
def test_diff_finds_a_csv_build_and_a_parquet_build_identical(builds, capsys) -> None:
    assert main(["diff", str(builds["csv"]), str(builds["parquet"])]) == 0
    assert capsys.readouterr().out.rstrip().endswith("identical")


def test_load_refuses_a_folder_without_tables_and_a_value_outside_its_list(tmp_path) -> None:
    with pytest.raises(LoadError, match="no table files"):
        load(tmp_path)
    (tmp_path / "reports.csv").write_text(
        ",".join(columns("reports")) + "\nr,f.pdf," + "0" * 64 + ",Testby,,2019,,2099,,,,3,0.1,,\n",
        encoding="utf-8",
    )
    with pytest.raises(
        LoadError, match=r"reports.framework: values not in the codebook: \['2099'\]"
    ):
        load(tmp_path)


# --- the recipes for other tools --------------------------------------------------------


def readme_block(marker: str) -> str:
    """The one line of a README code block that starts with ``marker``."""
    found = regex.search(rf"^({regex.escape(marker)}.*)$", README, regex.M)
    assert found, f"README has no line starting {marker!r}"
    return found.group(1)


def dtype_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """Column -> dtype, with every categorical as plain "category" (its categories aside)."""
    return {
        c: "category" if isinstance(d, pd.CategoricalDtype) else str(d)
        for c, d in frame.dtypes.items()
    }


def test_the_readme_quotes_the_generated_recipes_of_reports() -> None:
    for line in recipes("reports").values():
        assert line in README


@needs_samples
def test_the_readme_pandas_recipe_reads_reports_with_the_right_types(builds, monkeypatch) -> None:
    line = readme_block('pd.read_csv("reports.csv"')
    monkeypatch.chdir(builds["csv"])
    frame = eval(line, {"pd": pd})  # the README's line, as a reader would paste it
    assert frame["municipality_code"].dropna().tolist() == ["1492", "1492"]
    assert frame["county_code"].dropna().tolist() == ["14", "14"]
    assert frame["evaluation_year"].dtype == "Int64"
    assert list(frame["framework"].cat.categories)[-1] == "unknown"
    pd.testing.assert_frame_equal(frame, load(builds["csv"])["reports"])


@needs_samples
@pytest.mark.parametrize("table", list(TABLES))
def test_every_pandas_recipe_gives_the_types_of_load(builds, monkeypatch, table) -> None:
    monkeypatch.chdir(builds["csv"])
    frame = eval(pandas_recipe(table), {"pd": pd})
    pd.testing.assert_frame_equal(frame, load(builds["csv"])[table], obj=table)


DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE"}


@needs_samples
@pytest.mark.parametrize("table", list(TABLES))
def test_every_duckdb_recipe_gives_the_catalogue_types(builds, monkeypatch, table) -> None:
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(builds["csv"])
    result = duckdb.connect().sql(duckdb_recipe(table))
    types = dict(zip(result.columns, (str(t) for t in result.types), strict=True))
    for field in table_fields(table):
        wanted = "ENUM" if field.constraints.enum else DUCKDB_TYPES[field.type]
        assert types[field.name].startswith(wanted), (table, field.name, types[field.name])
    assert len(result.fetchall()) == len(load(builds["csv"])[table])


@needs_samples
@pytest.mark.parametrize("table", [t for t in TABLES if primary_key(t)])
def test_duckdb_accepts_every_primary_key(builds, monkeypatch, table) -> None:
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(builds["csv"])
    database = duckdb.connect()
    definitions = [
        f'"{f.name}" {DUCKDB_TYPES[f.type]}' + (" NOT NULL" if f.constraints.required else "")
        for f in table_fields(table)
    ]
    key = ", ".join(f'"{name}"' for name in primary_key(table))
    database.execute(f'CREATE TABLE "{table}" ({", ".join(definitions)}, PRIMARY KEY ({key}))')
    database.execute(f'INSERT INTO "{table}" {duckdb_recipe(table)}')
    ((count,),) = database.sql(f'SELECT count(*) FROM "{table}"').fetchall()
    assert count == len(load(builds["csv"])[table])


def test_summaries_key_has_no_empty_column() -> None:
    fields = {f.name: f for f in table_fields("summaries")}
    assert primary_key("summaries") == ("report_id", "summary_no")
    assert (
        fields["summary_no"].constraints.required and fields["summary_no"].constraints.minimum == 0
    )
    assert not fields["area_no"].constraints.required  # empty for the overall comments
    for table in TABLES:
        fields = {f.name: f for f in table_fields(table)}
        assert all(fields[name].constraints.required for name in primary_key(table)), table


# --- the codebook -------------------------------------------------------------------------


def test_the_committed_codebook_is_a_regeneration() -> None:
    committed = (REPO / CODEBOOK_FILE).read_text("utf-8")
    assert committed == codebook_text(), "run `make codebook` to regenerate CODEBOOK.md"


@needs_samples
def test_a_build_carries_its_codebook(builds) -> None:
    text = (builds["both"] / CODEBOOK_FILE).read_text("utf-8")
    assert text == codebook_text()
    for table in TABLES:
        assert f"## `{table}`" in text
    assert "Stabilt id" in text and "Stable id" in text  # both languages


R_CLASSES = {"string": "character", "integer": "integer", "number": "numeric"}


@needs_samples
@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R (Rscript with readr) not installed")
@pytest.mark.parametrize("table", list(TABLES))
def test_every_readr_recipe_gives_the_catalogue_types(builds, table) -> None:
    script = (
        f"x <- {readr_recipe(table)}; "
        'cat(paste0(names(x), "=", sapply(x, function(c) class(c)[1])), sep = "\\n")'
    )
    done = subprocess.run(
        ["Rscript", "-e", script], cwd=builds["csv"], capture_output=True, text=True, timeout=120
    )
    if "there is no package called" in done.stderr:
        pytest.skip("R has no readr")
    assert done.returncode == 0, done.stderr
    classes = dict(line.split("=", 1) for line in done.stdout.splitlines())
    expected = {
        f.name: "factor" if f.constraints.enum else R_CLASSES[f.type] for f in table_fields(table)
    }
    assert classes == expected


@pytest.fixture
def stockholm_build(tmp_path) -> Path:
    """The hand-made reports (Stockholm, code 0180, county 01) as a CSV build."""
    from kompass_extract.dataset.tables import reports_to_frames
    from kompass_extract.dataset.writers import write_tables
    from tests.dataset_reports import sample_reports

    write_tables(reports_to_frames(sample_reports()), tmp_path, ("csv",))
    return tmp_path


def test_the_readme_pandas_recipe_keeps_the_leading_zeros(stockholm_build, monkeypatch) -> None:
    monkeypatch.chdir(stockholm_build)
    frame = eval(readme_block('pd.read_csv("reports.csv"'), {"pd": pd})
    assert frame["municipality_code"].dropna().tolist() == ["0180"]
    assert frame["county_code"].dropna().tolist() == ["01"]


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R (Rscript with readr) not installed")
def test_the_readr_recipe_keeps_the_leading_zeros(stockholm_build) -> None:
    script = (
        f"x <- {readr_recipe('reports')}; "
        'cat(na.omit(x$municipality_code), as.character(na.omit(x$county_code)), sep = "\\n")'
    )
    done = subprocess.run(
        ["Rscript", "-e", script], cwd=stockholm_build, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["0180", "01"]


def test_the_duckdb_recipe_keeps_the_leading_zeros(stockholm_build, monkeypatch) -> None:
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(stockholm_build)
    rows = duckdb.connect().sql(duckdb_recipe("reports")).fetchall()
    codes = sorted((row[4], row[13]) for row in rows if row[4] is not None)
    assert codes == [("0180", "01")]


def test_a_build_written_only_as_a_workbook_is_told_apart(tmp_path) -> None:
    (tmp_path / "kommunkompassen.xlsx").write_bytes(b"PK")
    with pytest.raises(LoadError, match="only as an Excel workbook.*--format parquet"):
        load(tmp_path)
