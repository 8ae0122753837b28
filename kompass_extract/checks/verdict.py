"""One verdict per report, from the report and its check results: does it add up?

- ``adds_up``: every part the revision expects was read without doubt, and no check error;
- ``does_not_add_up``: a check error that rounding cannot explain, on figures read without
  doubt (an error on a figure read with doubt is already a warning: ``checks/doubt.py``);
- ``incomplete``: no such error, but a part the revision expects is missing or was read with
  doubt, or an error concerns a question whose row was not read (the row may be missing from
  the print or lost by the reader: nothing read is known to be wrong).

``completeness`` is the share of the expected parts (``checks/parts.py``) read without doubt,
0-1, rounded to four decimals. A pure function: the same report and results, the same verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from kompass_extract.checks.common import Registry
from kompass_extract.checks.parts import (
    Part,
    doubtful_parts,
    expected_parts,
    is_read,
)
from kompass_extract.models import PART_WORDS, CheckResult, Report

VerdictCode = Literal["adds_up", "does_not_add_up", "incomplete"]
VERDICTS: tuple[VerdictCode, ...] = get_args(VerdictCode)
"""The verdicts, as the ``reports.verdict`` column and ``check --json`` write them."""
VERDICT_WORDS: dict[VerdictCode, str] = {
    "adds_up": "adds up",
    "does_not_add_up": "does not add up",
    "incomplete": "incomplete",
}
"""The verdicts in words, as ``check`` and ``extract`` print them."""
COMPLETENESS_DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Verdict:
    """A report's verdict: its ``code``, the share of expected parts read without doubt
    (``completeness``, 0-1), the parts expected, missing and read with doubt, the errors
    counted against the report and those about rows that were not read."""

    code: VerdictCode
    completeness: float
    expected: tuple[Part, ...]
    missing: tuple[Part, ...]
    doubtful: tuple[Part, ...]
    errors: tuple[CheckResult, ...]
    unread_errors: tuple[CheckResult, ...]

    @property
    def words(self) -> str:
        """The verdict in words: 'adds up', 'does not add up', 'incomplete'."""
        return VERDICT_WORDS[self.code]

    @property
    def parts_read(self) -> int:
        """How many expected parts were read without doubt."""
        return len(self.expected) - len(set(self.missing) | set(self.doubtful))

    def explanation(self) -> str:
        """Why, in one line: 'incomplete: 43 of 49 expected parts read without doubt;
        not read: area 5 (box score, ...); read with doubt: ...'; a report that does not add
        up starts with its count of errors."""
        read = f"{self.parts_read} of {len(self.expected)} expected parts read without doubt"
        if self.code == "adds_up":
            return f"{self.words}: {read}, no error beyond rounding"
        details = [read]
        if self.code == "does_not_add_up":
            head = f"{len(self.errors)} error(s) beyond rounding on figures read without doubt"
            details.insert(0, head)
        if self.missing:
            details.append("not read: " + _labels(self.missing))
        if self.doubtful:
            details.append("read with doubt: " + _labels(self.doubtful))
        if self.unread_errors:
            rows = sorted({e.question_id for e in self.unread_errors if e.question_id})
            details.append("errors on question rows not read: " + ", ".join(rows))
        return f"{self.words}: " + "; ".join(details)


def report_verdict(
    report: Report, results: Sequence[CheckResult], frameworks: Registry = None
) -> Verdict:
    """The verdict of ``report`` given its check results (``run_checks(report)``);
    ``frameworks`` defaults to the package's revisions. Never raises for a valid report."""
    expected = expected_parts(report, frameworks)
    missing = tuple(part for part in expected if not is_read(report, part, frameworks))
    doubtful = tuple(p for p in doubtful_parts(report, expected) if p not in missing)
    read_ids = {q.question_id for area in report.areas for q in area.questions}
    errors = [result for result in results if result.severity == "error"]
    unread = tuple(e for e in errors if e.question_id is not None and e.question_id not in read_ids)
    proven = tuple(e for e in errors if e not in unread)
    if proven:
        code: VerdictCode = "does_not_add_up"
    elif missing or doubtful or unread:
        code = "incomplete"
    else:
        code = "adds_up"
    share = (len(expected) - len(missing) - len(doubtful)) / len(expected) if expected else 1.0
    completeness = round(share, COMPLETENESS_DECIMALS)
    return Verdict(code, completeness, expected, missing, doubtful, proven, unread)


def _labels(parts: Sequence[Part], limit: int = 8) -> str:
    """Parts in words, grouped by area ('area 5 (box score, summary)', 'overall comments'),
    at most ``limit`` groups and a count of the rest."""
    by_area: dict[int | None, list[Part]] = {}
    for part in parts:
        by_area.setdefault(part.area_no, []).append(part)
    labels = []
    for area_no, own in by_area.items():
        if area_no is not None and len(own) > 1:
            kinds = ", ".join(PART_WORDS[p.kind] for p in own)
            labels.append(f"area {area_no} ({kinds})")
        else:
            labels += [p.label for p in own]
    shown = labels[:limit]
    rest = f" and {len(labels) - limit} more" if len(labels) > limit else ""
    return ", ".join(shown) + rest
