"""The field catalogue as the rest of the package reads it: the columns of each table, resolved.

``table_fields("areas")`` gives the ``FieldSpec`` of every column of ``areas`` in order, with the
table's own description and constraints already applied, so a reader never merges anything.
The row models (``tables.py``), ``datapackage.json`` (``datapackage.py``), the JSON Schemas
(``schemas.py``), the codebook, ``diff`` and ``load`` all start here.
"""

from __future__ import annotations

from functools import cache

from kompass_extract.dataset.fields import FIELDS
from kompass_extract.dataset.resources import PACKAGE, TABLES
from kompass_extract.dataset.specs import Column, Constraints, FieldSpec, PackageSpec, TableSpec

__all__ = [
    "FIELDS",
    "PACKAGE",
    "TABLES",
    "CatalogueError",
    "PackageSpec",
    "TableSpec",
    "catalogue_problems",
    "columns",
    "measured_columns",
    "primary_key",
    "table_fields",
    "tolerances",
]


class CatalogueError(ValueError):
    """The catalogue names a field it does not describe, or a table override is invalid."""


def resolve(column: Column, table: str) -> FieldSpec:
    """The field of ``column`` as ``table`` uses it: its overrides applied.

    Raises ``CatalogueError`` when the field is not in the catalogue or an override is invalid.
    """
    field = FIELDS.get(column.name)
    if field is None:
        raise CatalogueError(f"table {table}: column {column.name!r} is not in the catalogue")
    merged = field.constraints.model_dump() | column.constraints
    overrides = column.model_dump(include={"description", "description_sv"}, exclude_none=True)
    try:
        constraints = Constraints.model_validate(merged)
        return field.model_validate(field.model_dump() | overrides | {"constraints": constraints})
    except ValueError as error:
        raise CatalogueError(f"table {table}, column {column.name}: {error}") from None


@cache
def table_fields(table: str) -> tuple[FieldSpec, ...]:
    """Every column of ``table`` as a resolved field, in the order of the table's files.

    Raises ``KeyError`` for a table that does not exist.
    """
    return tuple(resolve(column, table) for column in TABLES[table].columns)


def columns(table: str) -> list[str]:
    """The column names of ``table``, in order."""
    return [column.name for column in TABLES[table].columns]


def primary_key(table: str) -> tuple[str, ...]:
    """The primary key of ``table``: column names; empty for a table without a key."""
    return TABLES[table].primary_key


def measured_columns(table: str) -> set[str]:
    """Columns of ``table`` that record the run, not the reports (``elapsed_s``)."""
    return {field.name for field in table_fields(table) if field.measured}


def tolerances(table: str) -> dict[str, float]:
    """Columns of ``table`` whose small moves ``diff`` does not count, with how far they may
    move (in their unit): the boxes' coordinates."""
    return {f.name: f.tolerance for f in table_fields(table) if f.tolerance is not None}


def catalogue_problems() -> list[str]:
    """Everything wrong with the catalogue, in words; empty when it is sound.

    A field that no table uses is a problem too: the catalogue describes output, nothing else.
    """
    problems: list[str] = []
    for table in TABLES:
        try:
            table_fields(table)
        except CatalogueError as error:
            problems.append(str(error))
    used = {column.name for table in TABLES.values() for column in table.columns}
    problems += [f"field {name!r} is used by no table" for name in FIELDS if name not in used]
    return problems
