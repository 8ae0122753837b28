"""Design rules that keep the pipeline easy to change."""

from __future__ import annotations

from pathlib import Path

import regex

PACKAGE = Path(__file__).resolve().parent.parent / "kompass_extract"
PDF_IMPORT = regex.compile(r"^\s*(?:import|from)\s+(?:pdfplumber|pdfminer)\b", regex.M)


def test_only_the_reader_imports_pdfplumber_or_pdfminer() -> None:
    importers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if PDF_IMPORT.search(path.read_text("utf-8"))
    )
    assert importers == ["reader.py"]


def test_the_package_does_not_import_the_sample_generator_libraries() -> None:
    generator = regex.compile(r"^\s*(?:import|from)\s+(?:reportlab|fpdf|fontTools)\b", regex.M)
    assert [p.name for p in PACKAGE.rglob("*.py") if generator.search(p.read_text("utf-8"))] == []
