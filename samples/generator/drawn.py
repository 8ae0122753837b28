"""Whole reports drawn in any layout: a sample source, a ``Layout``, a PDF and its expected file.

The content comes from the structured sample sources (samples/src/*.json with their .toml); the
layout changes what is printed (``variants.apply_layout``) and where (``random_style``); the
expected file is built from the changed document and where each item landed, as for the
committed samples, never from the extractor's output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .expected import build_expected
from .layouts import Layout
from .random_style import render_layout
from .samples import load_document, load_meta
from .variants import apply_layout

SRC = Path(__file__).resolve().parent.parent / "src"
SOURCES = (
    "exempelstad-2021",
    "exempelvik-2014",
    "exempelholm-2022",
    "exempeltorp-2006",
    "okandby-2024",
)


def draw_report(source: str, layout: Layout, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Typeset ``source`` in ``layout`` into ``out_dir``: the PDF's path and its expected file."""
    meta = load_meta(SRC / f"{source}.toml")
    document = apply_layout(load_document(meta, SRC), layout)
    pdf_path = out_dir / f"{source}.pdf"
    pages, page_count = render_layout(document, meta, layout, pdf_path)
    return pdf_path, build_expected(document, pages, meta, page_count)
