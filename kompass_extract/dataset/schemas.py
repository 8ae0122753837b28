"""JSON Schemas of the output tables, one file per table: ``schemas/<table>.schema.json``.

Each schema describes one row of its table and is generated from the row model in
``kompass_extract.dataset.tables``, which is built from the field catalogue; the committed files are checked against a regeneration by the
tests, so they cannot drift. Regenerate with ``python -m kompass_extract.dataset.schemas --write schemas``
(``make schemas``); ``--check schemas`` exits 1 when a committed file is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kompass_extract.dataset.catalogue import TABLES, table_fields
from kompass_extract.dataset.datapackage import dump_json, write_text_atomic
from kompass_extract.dataset.tables import TABLE_MODELS

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_SUFFIX = ".schema.json"


def catalogue_keywords(table: str) -> dict[str, dict[str, Any]]:
    """Per column, what JSON Schema has no keyword for: Swedish description, unit, measured."""
    keywords: dict[str, dict[str, Any]] = {}
    for field in table_fields(table):
        extra = field.model_dump(include={"description_sv", "unit", "measured"})
        keywords[field.name] = {k: v for k, v in extra.items() if v not in (None, False)}
    return keywords


def table_json_schema(table: str) -> dict[str, Any]:
    """The JSON Schema of one row of ``table``, titled and described from the catalogue.

    Raises ``KeyError`` for an unknown table."""
    model_schema = TABLE_MODELS[table].model_json_schema()
    spec = TABLES[table]
    header: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT, "title": table}
    header["description"] = f"One row of the {table} table. {spec.description}"
    header["description_sv"] = f"En rad i tabellen {table}. {spec.description_sv}"
    if spec.primary_key:
        header["primary_key"] = list(spec.primary_key)
    for name, keywords in catalogue_keywords(table).items():
        model_schema["properties"][name] |= keywords
    model_schema.pop("title", None)
    model_schema.pop("description", None)
    return header | model_schema


def schema_file_name(table: str) -> str:
    return f"{table}{SCHEMA_SUFFIX}"


def schema_texts() -> dict[str, str]:
    """File name -> file content of every table's schema."""
    return {schema_file_name(table): dump_json(table_json_schema(table)) for table in TABLES}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the paths written."""
    return [write_text_atomic(Path(folder) / name, text) for name, text in schema_texts().items()]


def stale_schemas(folder: Path) -> list[str]:
    """Problems of the committed schemas in ``folder``, in words; empty when all are current."""
    expected = schema_texts()
    problems = []
    for name, text in expected.items():
        path = Path(folder) / name
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path} differs from the row model")
    for path in sorted(Path(folder).glob(f"*{SCHEMA_SUFFIX}")):
        if path.name not in expected:
            problems.append(f"{path} belongs to no table")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kompass_extract.dataset.schemas",
        description="Write or check the JSON Schemas of the output tables.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, metavar="DIR", help="write the schemas into DIR")
    action.add_argument("--check", type=Path, metavar="DIR", help="exit 1 if DIR is stale")
    args = parser.parse_args(argv)
    if args.write is not None:
        for path in write_schemas(args.write):
            print(path)
        return 0
    problems = stale_schemas(args.check)
    for problem in problems:
        print(f"{problem}: run `make schemas` to regenerate", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
