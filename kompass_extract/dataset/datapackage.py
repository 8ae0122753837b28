"""The Frictionless data package (``datapackage.json``) that documents the output tables.

Everything is derived from the row models in ``kompass_extract.tables`` (column names, order,
types, English descriptions, allowed values, required columns), so the package cannot drift
from what is written. What a Python annotation cannot say lives in ``dataset/codebook.json``,
keyed by table and column: Swedish titles and descriptions, units, primary keys and the
package's sources. Every table with a ``report_id`` column gets a foreign key to ``reports``.

Nulls are written as empty CSV cells. ``summaries`` keeps ``area_no`` in its key with an empty
value for the overall comments: Frictionless accepts a null in a key field and treats two nulls
as equal, so the key still allows one overall comment per report.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.fields import FieldInfo

from kompass_extract.dataset.tables import TABLE_MODELS
from kompass_extract.dataset.writers import write_atomic

CODEBOOK_FILE = "codebook.json"
DATAPACKAGE_FILE = "datapackage.json"
REPORT_KEY = "report_id"

# Python annotation -> Frictionless field type.
_FIELD_TYPES: dict[type, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}

_MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ColumnDoc(_Doc):
    description_sv: str = Field(min_length=1)
    unit: str | None = None
    # a measurement of the run (a time), not data read from a report: it differs between
    # runs, so `diff` does not count a change in it
    measured: bool = False


class TableDoc(_Doc):
    title: str = Field(min_length=1)
    title_sv: str = Field(min_length=1)
    description: str = Field(min_length=1)
    description_sv: str = Field(min_length=1)
    primary_key: tuple[str, ...] = ()
    columns: dict[str, ColumnDoc]

    @model_validator(mode="after")
    def _key_columns_exist(self) -> TableDoc:
        missing = [name for name in self.primary_key if name not in self.columns]
        if missing:
            raise ValueError(f"primary_key names columns that are not documented: {missing}")
        return self


class SourceDoc(_Doc):
    title: str = Field(min_length=1)
    path: str | None = None


class PackageDoc(_Doc):
    name: str = Field(pattern=r"^[a-z0-9._-]+$")
    title: str
    title_sv: str
    description: str
    description_sv: str
    sources: tuple[SourceDoc, ...] = ()


class Codebook(_Doc):
    package: PackageDoc
    tables: dict[str, TableDoc]


class CodebookError(ValueError):
    """The packaged codebook is invalid: a defect of the installation, not of the input."""


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The codebook shipped in the package, validated."""
    source = resources.files("kompass_extract.dataset") / CODEBOOK_FILE
    try:
        return Codebook.model_validate_json(source.read_text(encoding="utf-8"))
    except ValidationError as error:
        raise CodebookError(f"kompass_extract/data/{CODEBOOK_FILE} is invalid: {error}") from None


def codebook_gaps(codebook: Codebook) -> list[str]:
    """Tables and columns of the row models that the codebook does not match, in words.

    Fix a gap in ``kompass_extract/dataset/codebook.json``: every column needs a Swedish description.
    """
    gaps: list[str] = []
    for table, model in TABLE_MODELS.items():
        doc = codebook.tables.get(table)
        if doc is None:
            gaps.append(f"table {table!r} is not in the codebook")
            continue
        documented, actual = set(doc.columns), set(model.model_fields)
        gaps += [f"{table}.{col} is not in the codebook" for col in sorted(actual - documented)]
        gaps += [f"{table}.{col} is not a column" for col in sorted(documented - actual)]
    # A codebook table without a row model yet is documentation written ahead: not a gap.
    return gaps


def _union_members(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def is_nullable(annotation: Any) -> bool:
    return type(None) in _union_members(annotation)


def allowed_values(annotation: Any) -> list[Any] | None:
    """The values of a ``Literal`` annotation (optional or not); None when any value goes."""
    for member in _union_members(annotation):
        if typing.get_origin(member) is Literal:
            return list(typing.get_args(member))
    return None


def field_type(annotation: Any) -> str:
    """The Frictionless type of a column's annotation."""
    for member in _union_members(annotation):
        if typing.get_origin(member) is Literal:
            return field_type(type(typing.get_args(member)[0]))
        if member in _FIELD_TYPES:
            return _FIELD_TYPES[member]
    return "any"


def field_descriptor(name: str, info: FieldInfo, doc: ColumnDoc | None) -> dict[str, Any]:
    """One column as a Frictionless field: type, descriptions, unit and constraints."""
    descriptor: dict[str, Any] = {
        "name": name,
        "type": field_type(info.annotation),
        "description": info.description or "",
    }
    if doc is not None:
        descriptor["description_sv"] = doc.description_sv
        if doc.unit is not None:
            descriptor["unit"] = doc.unit
    constraints: dict[str, Any] = {}
    if not is_nullable(info.annotation):
        constraints["required"] = True
    enum = allowed_values(info.annotation)
    if enum is not None:
        constraints["enum"] = enum
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def table_schema(table: str, codebook: Codebook | None = None) -> dict[str, Any]:
    """The Frictionless Table Schema of one output table."""
    codebook = codebook or load_codebook()
    model = TABLE_MODELS[table]
    doc = codebook.tables.get(table)
    columns = doc.columns if doc is not None else {}
    schema: dict[str, Any] = {
        "fields": [
            field_descriptor(name, info, columns.get(name))
            for name, info in model.model_fields.items()
        ],
        "missingValues": [""],
    }
    if doc is not None and doc.primary_key:
        schema["primaryKey"] = list(doc.primary_key)
    if table != "reports" and REPORT_KEY in model.model_fields:
        reference = {"resource": "reports", "fields": [REPORT_KEY]}
        schema["foreignKeys"] = [{"fields": [REPORT_KEY], "reference": reference}]
    return schema


def resource_descriptor(table: str, fmt: str, codebook: Codebook | None = None) -> dict[str, Any]:
    """One table file as a data resource, with the table's titles and schema."""
    codebook = codebook or load_codebook()
    descriptor: dict[str, Any] = {
        "name": table,
        "type": "table",
        "path": f"{table}.{fmt}",
        "scheme": "file",
        "format": fmt,
        "mediatype": _MEDIA_TYPES[fmt],
    }
    if fmt == "csv":
        descriptor["encoding"] = "utf-8"
    doc = codebook.tables.get(table)
    if doc is not None:
        descriptor |= doc.model_dump(include={"title", "title_sv", "description", "description_sv"})
    descriptor["schema"] = table_schema(table, codebook)
    return descriptor


def build_datapackage(tables: Iterable[str], fmt: str = "csv") -> dict[str, Any]:
    """The ``datapackage.json`` descriptor for the given tables written as ``fmt`` files.

    Contains no time or path of the run, so the same tables give the same descriptor.
    """
    if fmt not in _MEDIA_TYPES:
        raise ValueError(f"no data package for format {fmt!r}: use one of {sorted(_MEDIA_TYPES)}")
    codebook = load_codebook()
    package = codebook.package.model_dump(exclude_none=True)
    # Reports first, so that every foreign key points to a resource declared above it.
    ordered = sorted(tables, key=lambda name: name != "reports")
    package["resources"] = [resource_descriptor(table, fmt, codebook) for table in ordered]
    return package


def dump_json(document: dict[str, Any]) -> str:
    """Stable JSON text: UTF-8 characters kept, two-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_text_atomic(target: Path, text: str) -> Path:
    """Write UTF-8 text to ``target`` through a temporary file, as the tables are written."""

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return write_atomic(target, write)


def write_datapackage(out_dir: Path, tables: Iterable[str], fmt: str = "csv") -> Path:
    """Write ``datapackage.json`` into ``out_dir`` (atomically) and return its path."""
    text = dump_json(build_datapackage(tables, fmt))
    return write_text_atomic(Path(out_dir) / DATAPACKAGE_FILE, text)
