"""The engine table (read/pages.py): each engine's reader, its module imported on first lookup."""

from __future__ import annotations

import pytest

from kompass_extract.read import pdfium
from kompass_extract.read import pdfplumber as pdfplumber_engine
from kompass_extract.read.pages import ENGINES, pdf_to_pages


def test_the_table_gives_each_engine_its_reader() -> None:
    assert sorted(ENGINES) == ["pdfium", "pdfplumber"]
    assert len(ENGINES) == 2
    assert ENGINES["pdfium"] is pdfium.read_chars
    assert ENGINES["pdfplumber"] is pdfplumber_engine.read_chars
    assert dict(ENGINES.items())["pdfium"] is pdfium.read_chars


def test_an_engine_not_in_the_table() -> None:
    assert "pdfminer" not in ENGINES
    with pytest.raises(KeyError):
        ENGINES["pdfminer"]
    with pytest.raises(ValueError, match="unknown engine 'pdfminer'; choose one of pdfplumber, "):
        pdf_to_pages("report.pdf", engine="pdfminer")
