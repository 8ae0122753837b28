"""One-line recipes that read a table's CSV file with the catalogue's types in other tools.

pandas, R (readr) and DuckDB each get one line per table, generated from the field catalogue,
giving the types ``kompass_extract.load`` gives: codes and ids as text, counts and years as
integers, measures as decimals, coded columns as categoricals of their allowed values (pandas
``CategoricalDtype``, R factor, DuckDB ``ENUM``), and only an empty cell as a null. The README quotes the lines of ``reports``;
``CODEBOOK.md`` has every table's.
"""

from __future__ import annotations

from kompass_extract.dataset.catalogue import table_fields
from kompass_extract.dataset.specs import FieldSpec

_PANDAS = {"string": "string", "integer": "Int64", "number": "Float64"}
_READR = {"string": "c", "integer": "i", "number": "d"}
_DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE"}


def pandas_type(field: FieldSpec) -> str:
    """The pandas dtype of a column in ``read_csv(dtype=...)``, as Python source.

    A coded column gets a ``pd.CategoricalDtype`` of its allowed values: a bare ``"category"``
    lets pandas infer the categories, and it reads ``"01"`` or ``"2016"`` as numbers."""
    enum = field.constraints.enum
    if enum is None:
        return f'"{_PANDAS[field.type]}"'
    values = ", ".join(f'"{value}"' for value in enum)
    return f"pd.CategoricalDtype([{values}])"


def readr_letter(field: FieldSpec) -> str:
    """The readr compact column type: ``c`` text, ``i`` integer, ``d`` double, ``f`` factor."""
    return "f" if field.constraints.enum is not None else _READR[field.type]


def duckdb_type(field: FieldSpec) -> str:
    """The DuckDB type of a column, an ``ENUM`` of the allowed values for a coded column."""
    enum = field.constraints.enum
    if enum is None:
        return _DUCKDB[field.type]
    quoted = ", ".join("''" + value.replace("'", "''''") + "''" for value in enum)
    return f"ENUM({quoted})"


def csv_name(table: str) -> str:
    """The CSV file of ``table`` as the recipes name it, relative to the OUT folder."""
    return f"{table}.csv"


def pandas_recipe(table: str) -> str:
    """``pd.read_csv`` of ``<table>.csv`` with every column's dtype; one line of Python."""
    dtypes = ", ".join(f'"{f.name}": {pandas_type(f)}' for f in table_fields(table))
    return (
        f'pd.read_csv("{csv_name(table)}", dtype={{{dtypes}}}, '
        'keep_default_na=False, na_values=[""])'
    )


def readr_recipe(table: str) -> str:
    """readr's ``read_csv`` of ``<table>.csv`` with a compact column specification; one line of R."""
    letters = "".join(readr_letter(field) for field in table_fields(table))
    return f'readr::read_csv("{csv_name(table)}", col_types = "{letters}", na = "")'


def duckdb_recipe(table: str) -> str:
    """A DuckDB query over ``<table>.csv`` with every column's type; one line of SQL."""
    types = ", ".join(f"'{f.name}': '{duckdb_type(f)}'" for f in table_fields(table))
    return f"SELECT * FROM read_csv('{csv_name(table)}', header = true, types = {{{types}}})"


def recipes(table: str) -> dict[str, str]:
    """Tool -> its one-line recipe for ``table`` (``KeyError`` for an unknown table)."""
    return {
        "pandas": pandas_recipe(table),
        "R (readr)": readr_recipe(table),
        "DuckDB": duckdb_recipe(table),
    }
