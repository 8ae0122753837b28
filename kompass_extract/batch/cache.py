"""Per-file results, stored as soon as each file is done, so an interrupted run resumes.

One JSON file per input, at ``<folder>/<parser version>/<sha256>.json``, written atomically. An
entry holds either the file's Reports (one, or several when it binds several) or the failure
(code and message, without the file's path, which is filled in again on reading, so a renamed or
copied file reuses its entry). Only what belongs to the file's bytes is kept: a failure that
says nothing certain about them (``unreadable``, ``worker_killed``, ``internal``: the error
class is not ``cacheable``) is never stored, and never served from an entry an older version
stored. A failure that depends on the run's limits (timeout, memory, page and size caps) or on
a password is reused only when a new attempt could not end differently. Each entry records the
tool version that wrote it (``tool_version``), for whoever inspects the cache.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from pydantic import ValidationError

from kompass_extract.dataset.writers import write_atomic
from kompass_extract.errors import error_class
from kompass_extract.models import ExtractionFailure, Report
from kompass_extract.version import PARSER_VERSION

SCHEMA = 2  # bump when the entry layout changes (2: a list of reports per file)


@dataclass(frozen=True, slots=True)
class Attempt:
    """The settings under which a result was obtained; they decide whether it can be reused."""

    timeout_s: float
    max_memory: int
    max_pages: int
    max_size: int
    password_given: bool


@dataclass(frozen=True, slots=True)
class CachedResult:
    """A stored result: the file's reports (empty for a failure) or its failure."""

    reports: tuple[Report, ...]
    failure: ExtractionFailure | None


# What a larger value of each option means for the attempt: the failure may not recur.
_ALLOWS_MORE = {
    "--timeout": lambda then, now: now.timeout_s > then.timeout_s,
    "--max-memory": lambda then, now: now.max_memory > then.max_memory,
    "--max-pages": lambda then, now: now.max_pages > then.max_pages,
    "--max-size": lambda then, now: now.max_size > then.max_size,
    "--password": lambda then, now: now.password_given,
}


def tool_version() -> str:
    """The installed kompass-extract version and the parser version, as one string."""
    try:
        installed = metadata.version("kompass-extract")
    except metadata.PackageNotFoundError:
        installed = "source"
    return f"{installed}+parser.{PARSER_VERSION}"


def cacheable(code: str) -> bool:
    """Whether a failure with this code says something about the file's bytes."""
    try:
        return error_class(code).cacheable
    except KeyError:
        return True


def still_valid(code: str, then: Attempt, now: Attempt) -> bool:
    """Whether a failure recorded under ``then`` would recur under ``now``.

    The error class names the option that could change the outcome (``KompassError.option``);
    a failure is retried when ``now`` allows more of it.
    """
    try:
        option = error_class(code).option
    except KeyError:
        return True
    return option is None or not _ALLOWS_MORE[option](then, now)


class ResultCache:
    """The results of one parser version in ``folder``; ``version`` is the tool version recorded
    in each entry (default: the installed one)."""

    def __init__(self, folder: Path, parser_version: str, version: str | None = None) -> None:
        self.folder = Path(folder) / parser_version
        self.version = version or tool_version()

    def entry_path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def store_reports(self, reports: Sequence[Report], attempt: Attempt) -> None:
        """Store the reports of one file (all share its SHA-256); ``reports`` is not empty."""
        excluded = {*Report.model_computed_fields, "source_file"}
        payload = {"reports": [r.model_dump(mode="json", exclude=excluded) for r in reports]}
        self._write(reports[0].sha256, payload, attempt)

    def store_failure(self, failure: ExtractionFailure, attempt: Attempt) -> bool:
        """Store a failure that belongs to the file's bytes; False (nothing stored) for one
        that does not, or for a file without a hash."""
        if not failure.sha256 or not cacheable(failure.error_code):
            return False
        payload = {"failure": failure.model_dump(mode="json", exclude={"source_file"})}
        self._write(failure.sha256, payload, attempt)
        return True

    def _write(self, sha256: str, payload: dict, attempt: Attempt) -> None:
        entry = {
            "schema": SCHEMA,
            "attempt": asdict(attempt),
            "tool_version": self.version,
            **payload,
        }
        text = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.entry_path(sha256), lambda tmp: write_text(tmp, text))

    def load(self, sha256: str, source_file: str, attempt: Attempt) -> CachedResult | None:
        """The stored result for this content, relabelled with ``source_file``; None to redo."""
        entry = read_entry(self.entry_path(sha256))
        if entry is None:
            return None
        try:
            return result_from_entry(entry, source_file, attempt)
        except (ValidationError, KeyError, TypeError):
            return None  # an unreadable entry is simply redone


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def read_entry(path: Path) -> dict | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("schema") == SCHEMA else None


def result_from_entry(entry: dict, source_file: str, attempt: Attempt) -> CachedResult | None:
    """The entry's result relabelled with ``source_file``; None when it must be redone."""
    if "reports" in entry:
        reports = tuple(
            Report.model_validate({**stored, "source_file": source_file})
            for stored in entry["reports"]
        )
        return CachedResult(reports, None) if reports else None
    failure = ExtractionFailure.model_validate({**entry["failure"], "source_file": source_file})
    code = failure.error_code
    if not cacheable(code) or not still_valid(code, Attempt(**entry["attempt"]), attempt):
        return None
    return CachedResult((), failure)
