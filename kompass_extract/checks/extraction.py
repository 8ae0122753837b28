"""What the parser could not read, or read with doubt, as check results."""

from __future__ import annotations

from kompass_extract.checks.common import (
    check,
)
from kompass_extract.models import CheckResult, Report

# --- extraction ---------------------------------------------------------------------------------


@check()
def extraction(report: Report) -> list[CheckResult]:
    """What the parser could not read or read with doubt, as warnings.

    ``Report.notes`` are written down next to the figures rather than lost, with the area and
    the question a note names. An unknown revision is reported by ``known_framework`` instead.
    """
    return [
        CheckResult(
            check="extraction",
            severity="warning",
            area_no=note.area_no,
            question_id=note.question_id,
            message=f"{note.code}: {note.message}"
            + (f" (page {note.page})" if note.page is not None else ""),
        )
        for note in report.notes
        if note.code != "unknown_framework"
    ]
