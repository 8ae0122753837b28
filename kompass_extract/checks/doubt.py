"""A check that fails on a figure read with doubt blames the reading, not the report.

A parse note puts parts of a report in doubt (``checks/parts.py``: ``doubts``). An error of a
check that compares the figures of such a part (``CHECK_READS``) in the same area (and, for a
note on one question, the same question) becomes a warning whose message says which figure
could not be read reliably, where, and why; its ``beyond_rounding`` is dropped, since nothing
is known to be off. The report's verdict is then ``incomplete``, not ``does not add up``.
"""

from __future__ import annotations

from collections.abc import Sequence

from kompass_extract.checks.common import CHECK_READS
from kompass_extract.checks.parts import Doubt, doubts
from kompass_extract.models import PART_WORDS, CheckResult, Report


def qualify_doubt(report: Report, results: Sequence[CheckResult]) -> list[CheckResult]:
    """``results`` with every error on a figure read with doubt turned into a warning that
    says so; every other result unchanged, in the same order."""
    found = doubts(report)
    return [_qualified(result, found) for result in results]


def touches(result: CheckResult, doubt: Doubt) -> bool:
    """True when ``result`` compares a figure of the part ``doubt`` concerns."""
    same_area = result.area_no is None or doubt.area_no is None or result.area_no == doubt.area_no
    same_question = (
        doubt.question_id is None
        or result.question_id is None
        or result.question_id == doubt.question_id
    )
    return doubt.kind in CHECK_READS.get(result.check, ()) and same_area and same_question


def _qualified(result: CheckResult, found: Sequence[Doubt]) -> CheckResult:
    if result.severity != "error":
        return result
    touching = [doubt for doubt in found if touches(result, doubt)]
    if not touching:
        return result
    return result.model_copy(
        update={
            "severity": "warning",
            "beyond_rounding": None,
            "message": f"{result.message}; not counted against the report: {_unreliable(touching)}",
        }
    )


def _unreliable(touching: Sequence[Doubt]) -> str:
    """'the area 1 overview questions could not be read reliably (page 38: ...)'."""
    first = touching[0]
    subject = PART_WORDS[first.kind]
    if first.question_id is not None:
        subject = f"question {first.question_id} of the {subject}"
    where = f"area {first.area_no} " if first.area_no is not None else ""
    page = f"page {first.note.page}: " if first.note.page is not None else ""
    more = f" (and {len(touching) - 1} more)" if len(touching) > 1 else ""
    return (
        f"the {where}{subject} could not be read reliably "
        f"({page}{first.note.code}: {first.note.message}){more}"
    )
