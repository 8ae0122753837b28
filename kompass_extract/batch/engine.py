"""The batch engine behind ``extract`` and ``check``: find the PDFs, read each once, write the tables.

Typed options in, typed results out: this module parses no arguments and prints nothing (the
command line in ``kompass_extract.cli`` does both).

A run goes: discover PDFs -> hash them -> take what the results cache already holds -> read the
rest in worker processes (each result cached the moment it arrives) -> write every output
atomically -> print a summary. Killing a run at any point loses at most the files being read;
the same command started again does only the remaining work.

Everything the run keeps between runs lives in ``OUT/.cache/`` (safe to delete: it only saves
work). A lock file there stops two runs from writing into the same OUT at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from kompass_extract.batch.cache import Attempt, ResultCache
from kompass_extract.batch.progress import Reporter
from kompass_extract.batch.workers import (
    Outcome,
    Task,
    WorkerLimits,
    exception_chain,
    library_error_code,
    run_batch,
)
from kompass_extract.checks import run_checks
from kompass_extract.dataset.manifest import write_dataset_metadata
from kompass_extract.dataset.tables import reports_to_frames
from kompass_extract.dataset.writers import FORMATS, write_tables
from kompass_extract.errors import (
    EncryptedError,
    KompassError,
    NotPdfError,
    TooLargeError,
    UsageError,
)
from kompass_extract.models import CheckResult, ExtractionFailure, Report
from kompass_extract.read.files import file_sha256
from kompass_extract.read.precheck import Limits, check_size
from kompass_extract.version import PARSER_VERSION

CACHE_FOLDER = ".cache"
LOCK_FILE = "lock"
_TEMPORARY = regex.compile(r"^\..+\.(?:csv|parquet|json|xlsx|md)\.[^.]+\.tmp$")

# The per-file extraction: each report of the file (``extract_reports``), or one report.
Extract = Callable[..., Report | Sequence[Report]]


@dataclass(frozen=True, slots=True)
class RunOptions:
    paths: tuple[Path, ...]
    out: Path
    formats: tuple[str, ...] = FORMATS
    jobs: int = 1
    limits: WorkerLimits = WorkerLimits()
    caps: Limits = Limits()
    password: str | None = None
    quiet: bool = False
    debug: bool = False

    def attempt(self) -> Attempt:
        return Attempt(
            timeout_s=self.limits.timeout_s,
            max_memory=self.limits.max_memory,
            max_pages=self.caps.max_pages,
            max_size=self.caps.max_size,
            password_given=self.password is not None,
        )


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run produced: reports and failures sorted by source path, and what it wrote."""

    reports: list[Report]
    failures: list[ExtractionFailure]
    extracted: int  # files read in this run (the rest came from the cache)
    written: list[Path]
    check_results: dict[str, list[CheckResult]]  # report_id -> its check results


# --- validation ----------------------------------------------------------------------------


def check_limits(jobs: int, limits: WorkerLimits, caps: Limits) -> None:
    problems = {
        "--jobs must be at least 1": jobs < 1,
        "--timeout must be more than 0 seconds": limits.timeout_s <= 0,
        "--max-memory must be more than 0": limits.max_memory <= 0,
        "--max-pages must be at least 1": caps.max_pages < 1,
        "--max-size must be more than 0": caps.max_size <= 0,
    }
    for problem, present in problems.items():
        if present:
            raise UsageError(problem)


def check_options(options: RunOptions) -> None:
    check_limits(options.jobs, options.limits, options.caps)
    if options.out.exists() and not options.out.is_dir():
        raise UsageError(f"--out {options.out} is a file; give a folder for the tables")


# --- discovery and hashing ------------------------------------------------------------------


def discover_pdfs(paths: Sequence[Path], out: Path | None = None) -> list[Path]:
    """PDF files named directly or found (recursively, *.pdf) in folders, sorted, unique."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} does not exist; give PDF files or folders holding PDFs")
        found += pdfs_under(path, out) if path.is_dir() else [path]
    if not found:
        shown = ", ".join(str(p) for p in paths)
        raise UsageError(f"no PDF file (*.pdf) found in {shown}")
    unique = {os.path.realpath(p): p for p in sorted(found, key=str, reverse=True)}
    return sorted(unique.values(), key=str)


def pdfs_under(folder: Path, out: Path | None) -> list[Path]:
    skipped = os.path.realpath(out) if out is not None else None
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        # Hidden folders (the results cache among them) and the output folder hold no inputs.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(root, d)) != skipped]
        found += [Path(root, f) for f in files if f.lower().endswith(".pdf")]
    return found


def hash_input(path: Path, caps: Limits) -> Task | ExtractionFailure:
    """The file as a task; a failure when it is too big to hash or cannot be read."""
    try:
        check_size(path, path.stat().st_size, caps.max_size)
        return Task(path, file_sha256(path))
    except TooLargeError as exc:
        return ExtractionFailure(source_file=str(path), error_code=exc.code, message=exc.detail)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        error = NotPdfError(str(path), f"the file cannot be read ({reason}); check its permissions")
        return ExtractionFailure(source_file=str(path), error_code=error.code, message=error.detail)


# --- reading --------------------------------------------------------------------------------


def read_one(
    task: Task, *, extract: Extract, caps: Limits, password: str | None
) -> Report | Sequence[Report]:
    """Runs inside a worker: the extraction, whose cheap byte checks run first."""
    try:
        return extract(task.path, password=password, limits=caps, sha256=task.sha256)
    except KompassError:
        raise
    except Exception as exc:
        if any(library_error_code(cause) == "encrypted" for cause in exception_chain(exc)):
            raise EncryptedError.for_password(str(task.path), password) from exc
        raise


def default_extract() -> Extract:
    from kompass_extract.pipeline import extract_reports

    return extract_reports


def failure_line(failure: ExtractionFailure) -> str:
    return f"{failure.source_file}: {failure.message} [{failure.error_code}]"


@dataclass
class Collected:
    """Results gathered so far, keyed by source path (a file may hold several reports)."""

    reports: dict[str, tuple[Report, ...]]
    failures: dict[str, ExtractionFailure]
    extracted: int = 0
    copies: dict[str, str] = field(default_factory=dict)  # path -> path with the same bytes

    def add_copies(self) -> None:
        """A copy of a failed file fails too (one errors row per file); a copy of a report
        is left out, since both would have the same report_id."""
        for copy, original in self.copies.items():
            if original in self.failures:
                failure = self.failures[original]
                self.failures[copy] = failure.model_copy(update={"source_file": copy})

    def add(self, reports: Sequence[Report], failure: ExtractionFailure | None) -> None:
        if reports:
            self.reports[reports[0].source_file] = tuple(reports)
        if failure is not None:
            self.failures[failure.source_file] = failure


def plan(
    inputs: Iterable[Task | ExtractionFailure],
    cache: ResultCache,
    attempt: Attempt,
    reporter: Reporter,
) -> tuple[Collected, list[Task]]:
    """Split inputs into results already known (cache, hashing failures) and work to do."""
    collected = Collected({}, {})
    todo: list[Task] = []
    first_path_of: dict[str, Path] = {}
    for item in inputs:
        if isinstance(item, ExtractionFailure):
            collected.add((), item)
            reporter.failure(failure_line(item))
            continue
        if item.sha256 in first_path_of:
            reporter.failure(
                f"{item.path}: same content as {first_path_of[item.sha256]}, which is the one read"
            )
            collected.copies[str(item.path)] = str(first_path_of[item.sha256])
            continue
        first_path_of[item.sha256] = item.path
        known = cache.load(item.sha256, str(item.path), attempt)
        if known is None:
            todo.append(item)
        else:
            collected.add(known.reports, known.failure)
            if known.failure is not None:
                reporter.failure(failure_line(known.failure))
    return collected, todo


def record(
    outcome: Outcome, cache: ResultCache, attempt: Attempt, options: RunOptions, reporter: Reporter
) -> None:
    """Store one finished file in the cache at once, and tell the user."""
    if outcome.reports:
        cache.store_reports(outcome.reports, attempt)
    elif outcome.failure is not None:
        cache.store_failure(outcome.failure, attempt)
        reporter.failure(failure_line(outcome.failure))
        if options.debug and outcome.traceback:
            reporter.failure(outcome.traceback.rstrip())
    reporter.file_done(outcome)


def collect_results(
    options: RunOptions, pdfs: Sequence[Path], extract: Extract, reporter: Reporter
) -> Collected:
    cache = ResultCache(options.out / CACHE_FOLDER, PARSER_VERSION)
    attempt = options.attempt()
    inputs = [hash_input(path, options.caps) for path in pdfs]
    collected, todo = plan(inputs, cache, attempt, reporter)
    work = functools.partial(
        read_one, extract=extract, caps=options.caps, password=options.password
    )
    reporter.start(len(todo), len(pdfs) - len(todo))
    try:
        for outcome in run_batch(
            todo, work, jobs=options.jobs, limits=options.limits, on_tick=reporter.tick
        ):
            record(outcome, cache, attempt, options, reporter)
            collected.add(outcome.reports, outcome.failure)
            collected.extracted += 1
    finally:
        reporter.finish()
    collected.add_copies()
    return collected


def iter_in_workers(
    pdfs: Sequence[Path],
    extract: Extract,
    *,
    jobs: int,
    limits: WorkerLimits,
    caps: Limits,
    password: str | None,
    reporter: Reporter | None = None,
) -> Iterator[tuple[Path, Report | ExtractionFailure]]:
    """Each file read in an isolated worker, without the results cache (``check`` uses it):
    ``(path, report or failure)`` as each file finishes, files that cannot be hashed first; a
    file that holds several reports gives one pair per report, in file order.

    ``reporter`` (optional) is told of the work's start, each finished file and its end.
    """
    inputs = [hash_input(path, caps) for path in pdfs]
    for failure in (i for i in inputs if isinstance(i, ExtractionFailure)):
        yield Path(failure.source_file), failure
    tasks = [i for i in inputs if isinstance(i, Task)]
    work = functools.partial(read_one, extract=extract, caps=caps, password=password)
    on_tick = reporter.tick if reporter is not None else (lambda: None)
    if reporter is not None:
        reporter.start(len(tasks), 0)
    try:
        for outcome in run_batch(tasks, work, jobs=jobs, limits=limits, on_tick=on_tick):
            if reporter is not None:
                reporter.file_done(outcome)
            if outcome.failure is not None:
                yield outcome.task.path, outcome.failure
            for report in outcome.reports:
                yield outcome.task.path, report
    finally:
        if reporter is not None:
            reporter.finish()


def read_in_workers(
    pdfs: Sequence[Path],
    extract: Extract,
    *,
    jobs: int,
    limits: WorkerLimits,
    caps: Limits,
    password: str | None,
) -> dict[Path, list[Report] | ExtractionFailure]:
    """Every file's result at once, by path: the reports it holds (one, or several bound
    together, in file order) or its failure (``iter_in_workers`` collected)."""
    results: dict[Path, list[Report] | ExtractionFailure] = {}
    for path, result in iter_in_workers(
        pdfs, extract, jobs=jobs, limits=limits, caps=caps, password=password
    ):
        if isinstance(result, ExtractionFailure):
            results[path] = result
        else:
            found = results.setdefault(path, [])
            assert isinstance(found, list)  # a file gives reports or a failure, never both
            found.append(result)
    return results


# --- output ---------------------------------------------------------------------------------


def write_outputs(
    out: Path,
    reports: Sequence[Report],
    failures: Sequence[ExtractionFailure],
    formats: Sequence[str],
    inputs: Sequence[Path],
    check_results: Mapping[str, Sequence[CheckResult]] | None = None,
) -> list[Path]:
    """Every file a run writes into OUT, each atomically. New outputs are added here."""
    frames = reports_to_frames(reports, failures, check_results)
    written = write_tables(frames, out, formats)
    # Last: the manifest hashes the tables and datapackage.json written before it.
    return written + write_dataset_metadata(out, frames, inputs, formats=formats)


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files left by a run killed mid-write: the writers name them
    ``.<target name>.<random>.tmp`` beside the target (OUT itself, or inside OUT/.cache)."""
    candidates = [*out.glob(".*.tmp"), *(out / CACHE_FOLDER).rglob(".*.tmp")]
    for stale in candidates:
        if _TEMPORARY.match(stale.name) and stale.is_file():
            stale.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive_out(out: Path) -> Iterator[None]:
    """Hold OUT for this run; the kernel releases the lock even if the run is killed."""
    lock_path = out / CACHE_FOLDER / LOCK_FILE
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another extraction is writing into {out}; wait for it or choose another --out"
            ) from None
        yield


def run_extraction(
    options: RunOptions, pdfs: Sequence[Path], extract: Extract, reporter: Reporter
) -> RunResult:
    """Read ``pdfs`` and write all outputs into ``options.out``; the API behind ``extract``."""
    with exclusive_out(options.out):
        remove_stale_temporaries(options.out)
        collected = collect_results(options, pdfs, extract, reporter)
        # Sorted by source path: the tables do not depend on the order workers finished in.
        reports = [report for k in sorted(collected.reports) for report in collected.reports[k]]
        failures = [collected.failures[k] for k in sorted(collected.failures)]
        results = {report.report_id: run_checks(report) for report in reports}
        written = write_outputs(options.out, reports, failures, options.formats, pdfs, results)
    return RunResult(reports, failures, collected.extracted, written, results)
