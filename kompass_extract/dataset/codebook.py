"""``CODEBOOK.md``: the field catalogue as a readable document, in English and Swedish.

For the package (titles, version, licence, sources, citation) and for every table (titles,
descriptions, primary key, every column with its type, unit, allowed values and both
descriptions, and the one-line recipes to read it with the right types). Generated, never
edited: ``extract`` writes it into OUT beside the tables, and the committed ``CODEBOOK.md`` is
checked against a regeneration by the tests (``make codebook`` rewrites it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kompass_extract.dataset.catalogue import PACKAGE, TABLES, table_fields
from kompass_extract.dataset.datapackage import dataset_citation, write_text_atomic
from kompass_extract.dataset.recipes import recipes
from kompass_extract.dataset.specs import FieldSpec
from kompass_extract.version import __version__

CODEBOOK_FILE = "CODEBOOK.md"
TYPE_WORDS = {"string": "text", "integer": "integer", "number": "number"}


def cell(text: str) -> str:
    """Text made safe for one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def allowed_text(field: FieldSpec) -> str:
    """The constraints of a column in words: values, range, pattern, whether it may be empty."""
    constraints = field.constraints
    parts = []
    if constraints.enum is not None:
        parts.append(", ".join(f"`{value}`" for value in constraints.enum))
    if constraints.minimum is not None or constraints.maximum is not None:
        low = "" if constraints.minimum is None else f"{constraints.minimum}"
        high = "" if constraints.maximum is None else f"{constraints.maximum}"
        parts.append(f"{low}–{high}" if high else f"≥ {low}")
    if constraints.pattern is not None:
        parts.append(f"pattern `{constraints.pattern}`")
    parts.append("never empty" if constraints.required else "may be empty")
    return "; ".join(parts)


def column_row(field: FieldSpec) -> str:
    """One column as a row of the codebook's Markdown table of its table."""
    cells = [
        f"`{field.name}`",
        TYPE_WORDS[field.type],
        field.unit or "",
        allowed_text(field),
        field.description + (" (a measurement of the run)" if field.measured else ""),
        field.description_sv,
    ]
    return "| " + " | ".join(cell(text) for text in cells) + " |"


def table_section(table: str) -> list[str]:
    """The codebook's section of one table."""
    spec = TABLES[table]
    key = ", ".join(f"`{name}`" for name in spec.primary_key) or "none (compared as whole rows)"
    lines = [
        f"## `{table}`: {spec.title} / {spec.title_sv}",
        "",
        spec.description,
        "",
        f"*{spec.description_sv}*",
        "",
        f"Primary key / Primärnyckel: {key}. File / Fil: `{table}.csv`, `{table}.parquet`.",
        "",
        "| column | type | unit | allowed values | description | beskrivning |",
        "|---|---|---|---|---|---|",
        *(column_row(field) for field in table_fields(table)),
        "",
        "Read with the right types / Läs med rätt typer:",
        "",
    ]
    for tool, line in recipes(table).items():
        lines += [f"- {tool}:", "  ```", f"  {line}", "  ```"]
    return [*lines, ""]


def package_section() -> list[str]:
    """The head of the codebook: the dataset, its version, licence, sources and citation."""
    licences = ", ".join(f"[{lic.title}]({lic.path}) (`{lic.name}`)" for lic in PACKAGE.licenses)
    sources = [f"- {source.title}: <{source.path}>" for source in PACKAGE.sources]
    return [
        f"# Codebook / Kodbok: {PACKAGE.title}",
        "",
        f"*{PACKAGE.title_sv}*. Generated from the field catalogue of kompass-extract "
        f"{__version__} (`kompass_extract/dataset/fields.py`); do not edit.",
        "",
        PACKAGE.description,
        "",
        f"*{PACKAGE.description_sv}*",
        "",
        f"Version: {__version__}. Licence / Licens: {licences}.",
        "",
        "Sources / Källor:",
        "",
        *sources,
        "",
        "Cite as / Citera som:",
        "",
        f"> {dataset_citation()}",
        "",
        "An empty cell is a null (no value); every other cell is a value, also `0`. In Python, "
        "`kompass_extract.load(folder)` reads every table with these types. / En tom cell "
        "saknar värde; `kompass_extract.load(mapp)` läser alla tabeller med dessa typer.",
        "",
    ]


def codebook_text() -> str:
    """The whole ``CODEBOOK.md`` text."""
    lines = package_section()
    for table in TABLES:
        lines += table_section(table)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_codebook(out_dir: Path) -> Path:
    """Write ``CODEBOOK.md`` into ``out_dir`` (atomically) and return its path."""
    return write_text_atomic(Path(out_dir) / CODEBOOK_FILE, codebook_text())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kompass_extract.dataset.codebook --write FILE | --check FILE``."""
    parser = argparse.ArgumentParser(
        prog="python -m kompass_extract.dataset.codebook",
        description="Write or check CODEBOOK.md, generated from the field catalogue.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, metavar="FILE", help="write the codebook")
    action.add_argument("--check", type=Path, metavar="FILE", help="exit 1 if FILE is stale")
    args = parser.parse_args(argv)
    if args.write is not None:
        write_text_atomic(args.write, codebook_text())
        return 0
    current = args.check.is_file() and args.check.read_text(encoding="utf-8") == codebook_text()
    if not current:
        print(f"{args.check} is stale: run `make codebook` to regenerate", file=sys.stderr)
    return 0 if current else 1


if __name__ == "__main__":
    sys.exit(main())
