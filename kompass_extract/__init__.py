"""kompass_extract: Kommunkompassen evaluation reports (SKR/SKL) from PDF into validated tables."""

from .errors import KompassError
from .models import Area, ExtractionFailure, Finding, Question, Report, SubArea, Summary
from .pipeline import extract_report
from .tables import reports_to_frames
from .version import PARSER_VERSION

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
    "extract_report",
    "reports_to_frames",
]
