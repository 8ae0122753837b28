"""JSON Schemas of the output tables, one file per table: ``schemas/<table>.schema.json``.

Each schema describes one row of its table and is generated from the row model in
``kompass_extract.tables``; the committed files are checked against a regeneration by the
tests, so they cannot drift. Regenerate with ``python -m kompass_extract.dataset.schemas --write schemas``
(``make schemas``); ``--check schemas`` exits 1 when a committed file is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kompass_extract.dataset.datapackage import dump_json, load_codebook, write_text_atomic
from kompass_extract.dataset.tables import TABLE_MODELS

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_SUFFIX = ".schema.json"


def table_json_schema(table: str) -> dict[str, Any]:
    """The JSON Schema of one row of ``table``, titled and described from the codebook."""
    model_schema = TABLE_MODELS[table].model_json_schema()
    doc = load_codebook().tables.get(table)
    header: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT, "title": table}
    if doc is not None:
        header["description"] = f"One row of the {table} table. {doc.description}"
        header["description_sv"] = f"En rad i tabellen {table}. {doc.description_sv}"
        if doc.primary_key:
            header["primary_key"] = list(doc.primary_key)
        for name, column in doc.columns.items():
            if name in model_schema["properties"]:
                model_schema["properties"][name] |= column.model_dump(exclude_defaults=True)
    model_schema.pop("title", None)
    model_schema.pop("description", None)
    return header | model_schema


def schema_file_name(table: str) -> str:
    return f"{table}{SCHEMA_SUFFIX}"


def schema_texts() -> dict[str, str]:
    """File name -> file content of every table's schema."""
    return {schema_file_name(table): dump_json(table_json_schema(table)) for table in TABLE_MODELS}


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
