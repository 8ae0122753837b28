"""kompass_extract: Kommunkompassen evaluation reports (SKR/SKL) from PDF into validated tables."""

from typing import Any

from kompass_extract.errors import KompassError
from kompass_extract.models import (
    Area,
    ExtractionFailure,
    Finding,
    Question,
    Report,
    SubArea,
    Summary,
)
from kompass_extract.pipeline import extract_report, extract_reports
from kompass_extract.version import PARSER_VERSION, __version__

__all__ = [
    "PARSER_VERSION",
    "Area",
    "ExtractionFailure",
    "Finding",
    "KompassError",
    "Question",
    "Report",
    "SubArea",
    "Summary",
    "__version__",
    "extract_report",
    "extract_reports",
    "load",
    "reports_to_frames",
]


def __getattr__(name: str) -> Any:
    """``load`` and ``reports_to_frames``, imported on first use: they need pandas, which
    reading and checking reports do not (it costs a quarter of a second to import)."""
    if name == "load":
        from kompass_extract.dataset.load import load

        return load
    if name == "reports_to_frames":
        from kompass_extract.dataset.tables import reports_to_frames

        return reports_to_frames
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
