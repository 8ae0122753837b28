"""PDF -> Report, as one chain of conversions:
pdf_to_pages -> pages_to_lines -> lines_to_sections -> sections_to_report.
"""

from __future__ import annotations

from pathlib import Path

from .models import Report


def extract_report(path: str | Path, *, password: str | None = None) -> Report:
    """Read one Kommunkompassen report PDF into a validated Report.

    Raises a ``KompassError`` subclass (with a stable ``code``) when the file cannot be read.
    """
    raise NotImplementedError("pipeline under construction")
