"""Read a build back with the catalogue's types: ``load(OUT)`` -> a dict of typed DataFrames.

Codes and ids are text (``municipality_code`` ``"0180"`` keeps its zero), counts and years are
nullable integers (``Int64``), measures nullable floats (``Float64``), and every column with a
closed list of values (``framework``, ``kind``, ``severity``, ``check``, ``error_code``,
``county_code``, ``county``) a categorical whose categories are that list, in the catalogue's
order. A CSV build and a Parquet build of the same inputs load to equal frames.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from kompass_extract.dataset.catalogue import TABLES, table_fields
from kompass_extract.dataset.specs import FieldSpec

LOAD_FORMATS = ("parquet", "csv")  # preference order when a build has both

_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


class LoadError(ValueError):
    """A folder that holds no build, or a table with a value its codebook does not allow."""


def field_dtype(field: FieldSpec) -> Any:
    """The pandas dtype of a column: ``string``, ``Int64``, ``Float64``, or a categorical of the
    column's allowed values."""
    if field.constraints.enum is not None:
        return pd.CategoricalDtype(categories=list(field.constraints.enum), ordered=False)
    return _DTYPES[field.type]


def table_dtypes(table: str) -> dict[str, Any]:
    """Column -> pandas dtype of every column of ``table`` (``KeyError``: unknown table)."""
    return {field.name: field_dtype(field) for field in table_fields(table)}


def read_raw(path: Path) -> pd.DataFrame:
    """A CSV file as text (only an empty cell is null) or a Parquet file as written."""
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    return pd.read_parquet(path)


def check_allowed(frame: pd.DataFrame, table: str, dtypes: dict[str, Any]) -> None:
    """Raise ``LoadError`` naming the values of a coded column that its list does not allow
    (a categorical would silently turn them into nulls)."""
    for column, dtype in dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and column in frame:
            values = set(frame[column].dropna().astype(str))
            unknown = sorted(values - set(dtype.categories))
            if unknown:
                raise LoadError(f"{table}.{column}: values not in the codebook: {unknown}")


def typed_frame(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """``frame`` (read from a file of ``table``) with the catalogue's dtypes; columns the
    catalogue does not know are kept as they are."""
    dtypes = {c: d for c, d in table_dtypes(table).items() if c in frame.columns}
    check_allowed(frame, table, dtypes)
    return frame.astype(dtypes).reset_index(drop=True)


def read_table(path: Path, table: str) -> pd.DataFrame:
    """One table file (``.csv`` or ``.parquet``) of ``table`` with the catalogue's dtypes."""
    return typed_frame(read_raw(path), table)


def build_files(folder: Path) -> dict[str, Path]:
    """Table name -> its file in ``folder``, Parquet preferred, for the catalogue's tables."""
    found: dict[str, Path] = {}
    for table in TABLES:
        for fmt in LOAD_FORMATS:
            path = Path(folder) / f"{table}.{fmt}"
            if table not in found and path.is_file():
                found[table] = path
    return found


def load(folder: Path | str) -> dict[str, pd.DataFrame]:
    """The tables of a build (the OUT folder of ``extract``, CSV or Parquet) as typed frames.

    Returns table name -> DataFrame, in the catalogue's table order, for every table present.
    Raises ``LoadError`` when ``folder`` holds no table, or a coded column holds a value its
    list does not allow.
    """
    files = build_files(Path(folder))
    if not files:
        raise LoadError(no_tables_text(Path(folder)))
    return {table: read_table(path, table) for table, path in files.items()}


def no_tables_text(folder: Path, name: Path | str | None = None) -> str:
    """Why ``folder`` (a build, named ``name`` in the message: the OUT a user gave) has no table
    to read, and what to do: a build written only as an Excel workbook is told apart from a
    folder that holds no build."""
    shown = name if name is not None else folder
    if any(folder.glob("*.xlsx")):
        return (
            f"{shown}: the build holds its tables only as an Excel workbook, which is not read "
            "back; run extract again with --format parquet (or csv; xlsx may be added) "
            "to read it"
        )
    return f"{shown}: no table files (.parquet or .csv); give the OUT of a build"
