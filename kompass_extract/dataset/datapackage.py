"""The Frictionless data package (``datapackage.json``) that documents the output tables.

Everything comes from the field catalogue (``catalogue.py``): the package's titles and sources,
every table's titles, columns in order, types, descriptions in English and Swedish, units,
constraints and primary key; so the package cannot drift from what is written. Every table
with a ``report_id`` column gets a foreign key to ``reports``.

Nulls are written as empty CSV cells. No key column is ever empty: ``summaries`` is keyed by
``summary_no`` (0 for the overall comments, whose ``area_no`` is empty).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kompass_extract.dataset.catalogue import PACKAGE, TABLES, columns, primary_key, table_fields
from kompass_extract.dataset.specs import FieldSpec
from kompass_extract.dataset.writers import WORKBOOK_FILE, write_atomic
from kompass_extract.version import __version__

DATAPACKAGE_FILE = "datapackage.json"
REPORT_KEY = "report_id"

_MEDIA_TYPES = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def field_constraints(field: FieldSpec) -> dict[str, Any]:
    """The Frictionless constraints of a column: only those that restrict something."""
    constraints = field.constraints.model_dump(exclude_none=True)
    if not constraints.get("required"):
        constraints.pop("required", None)
    if "enum" in constraints:
        constraints["enum"] = list(constraints["enum"])
    return constraints


def field_descriptor(field: FieldSpec) -> dict[str, Any]:
    """One column as a Frictionless field: type, descriptions, unit and constraints."""
    descriptor: dict[str, Any] = {
        "name": field.name,
        "type": field.type,
        "description": field.description,
        "description_sv": field.description_sv,
    }
    if field.unit is not None:
        descriptor["unit"] = field.unit
    constraints = field_constraints(field)
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def table_schema(table: str) -> dict[str, Any]:
    """The Frictionless Table Schema of one output table; ``KeyError`` for an unknown table."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(field) for field in table_fields(table)],
        "missingValues": [""],
    }
    if primary_key(table):
        schema["primaryKey"] = list(primary_key(table))
    if table != "reports" and REPORT_KEY in columns(table):
        reference = {"resource": "reports", "fields": [REPORT_KEY]}
        schema["foreignKeys"] = [{"fields": [REPORT_KEY], "reference": reference}]
    return schema


def resource_descriptor(table: str, fmt: str) -> dict[str, Any]:
    """One table file (``<table>.<fmt>``, or the workbook's sheet ``<table>`` for ``xlsx``) as a
    data resource, with its titles and schema."""
    descriptor: dict[str, Any] = {
        "name": table,
        "type": "table",
        "path": WORKBOOK_FILE if fmt == "xlsx" else f"{table}.{fmt}",
        "scheme": "file",
        "format": fmt,
        "mediatype": _MEDIA_TYPES[fmt],
    }
    if fmt == "csv":
        descriptor["encoding"] = "utf-8"
    if fmt == "xlsx":
        descriptor["dialect"] = {"excel": {"sheet": table}}
    descriptor |= TABLES[table].model_dump(
        include={"title", "title_sv", "description", "description_sv"}
    )
    descriptor["schema"] = table_schema(table)
    return descriptor


def dataset_citation(version: str = __version__) -> str:
    """How to cite a dataset built by kompass-extract ``version`` (default: this one)."""
    return PACKAGE.citation.format(version=version)


def package_metadata() -> dict[str, Any]:
    """The package's top level without its resources: titles, version, licence, sources,
    citation. The version is the tool's: the same inputs and version give the same tables."""
    described = PACKAGE.model_dump(include={"name", "title", "title_sv"})
    described |= PACKAGE.model_dump(include={"description", "description_sv"})
    described["version"] = __version__
    described |= PACKAGE.model_dump(include={"licenses", "sources"})
    described["citation"] = dataset_citation()
    return described


def build_datapackage(tables: Iterable[str], fmt: str = "csv") -> dict[str, Any]:
    """The ``datapackage.json`` descriptor for the given tables written as ``fmt`` files.

    Contains no time or path of the run, so the same tables give the same descriptor.
    """
    if fmt not in _MEDIA_TYPES:
        raise ValueError(f"no data package for format {fmt!r}: use one of {sorted(_MEDIA_TYPES)}")
    package = package_metadata()
    # Reports first, so that every foreign key points to a resource declared above it.
    ordered = sorted(tables, key=lambda name: name != "reports")
    package["resources"] = [resource_descriptor(table, fmt) for table in ordered]
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
