"""The sample registry: each samples/src/<name>.toml describes one sample and its style."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from .document import Document
from .expected import Pages, build_expected

REQUIRED_KEYS = ("sample", "style", "source", "provenance", "report", "title", "area_max")


class SampleError(ValueError):
    """A sample description is incomplete or names something that does not exist."""


def load_meta(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        meta = tomllib.load(handle)
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise SampleError(f"{path}: missing keys {missing}; see samples/README.md")
    return meta


def load_document(meta: dict[str, Any], src_dir: Path) -> Document:
    source = src_dir / meta["source"]
    if not source.is_file():
        raise SampleError(f"sample {meta['sample']}: source file {source} does not exist")
    if source.suffix == ".txt":
        from .markup import read_markup

        bullets = tuple(meta.get("bullets", ["\u2022"]))
        return read_markup(source, bullets, tuple(meta.get("chart_values", [])))
    from .flow_source import read_flow_source

    return read_flow_source(source)


def render(document: Document, meta: dict[str, Any], out_path: Path) -> tuple[Pages, int]:
    if meta["style"] == "word":
        from .word_style import render_word

        return render_word(document, meta, out_path)
    if meta["style"] == "alt":
        from .alt_style import render_alt

        return render_alt(document, meta, out_path)
    raise SampleError(f"sample {meta['sample']}: unknown style {meta['style']!r} (word, alt)")


def expected_json(expected: dict[str, Any]) -> str:
    return json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def planted_errors(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mistakes planted on purpose: each must come out as an error row of the checks table."""
    return [
        {"check": e["check"], "area_no": e.get("area_no"), "question_id": e.get("question_id")}
        for e in entries
    ]


def generate_sample(meta_path: Path, out_dir: Path) -> tuple[Path, Path]:
    meta = load_meta(meta_path)
    document = load_document(meta, meta_path.parent)
    pdf_path = out_dir / meta["sample"]
    pages, page_count = render(document, meta, pdf_path)
    expected = build_expected(document, pages, meta, page_count)
    if "planted_errors" in meta:
        expected["planted_errors"] = planted_errors(meta["planted_errors"])
    expected_path = out_dir / (Path(meta["sample"]).stem + ".expected.json")
    expected_path.write_text(expected_json(expected), encoding="utf-8")
    return pdf_path, expected_path
