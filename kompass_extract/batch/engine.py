"""The batch engine behind ``extract`` and ``check``: find the PDFs, read each once, write the tables.

Typed options in, typed results out: this module parses no arguments and prints nothing (the
command line in ``kompass_extract.cli`` does both).

A run goes: discover PDFs -> hash them -> take what the results cache already holds -> read the
rest in worker processes (each result cached the moment it arrives) -> write a new build aside
and swap it in as a whole (``dataset.builds``). Killing a run at any point loses at most the
files being read, and OUT keeps the previous build whole; the same command started again does
only the remaining work.

The results kept between runs live in ``OUT/.cache/`` (safe to delete: it only saves work).
The lock that stops two runs from writing into the same OUT at once is ``OUT/.lock``, outside
the cache, taken with ``filelock`` (flock on POSIX, a Windows file lock on Windows).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kompass_extract.batch.bounds import check_limits_in_range
from kompass_extract.batch.cache import Attempt, ResultCache
from kompass_extract.batch.failures import exception_chain, library_error_code
from kompass_extract.batch.inputs import discover_pdfs, hash_input, read_task_bytes
from kompass_extract.batch.outfolder import (
    CACHE_FOLDER,
    disk_full_as_error,
    exclusive_out,
    remove_stale_temporaries,
)
from kompass_extract.batch.progress import Reporter
from kompass_extract.batch.warm import run_warm
from kompass_extract.batch.workers import Outcome, Task, WorkerLimits
from kompass_extract.checks import run_checks
from kompass_extract.dataset.builds import recover, write_build
from kompass_extract.dataset.writers import FORMATS, write_tables
from kompass_extract.errors import EncryptedError, KompassError, UsageError
from kompass_extract.models import CheckResult, ExtractionFailure, Report
from kompass_extract.read.files import path_text
from kompass_extract.read.libmessages import library_messages
from kompass_extract.read.pages import DEFAULT_ENGINE
from kompass_extract.read.precheck import Limits
from kompass_extract.version import PARSER_VERSION

__all__ = [
    "CACHE_FOLDER",
    "RunOptions",
    "RunResult",
    "check_limits",
    "check_options",
    "default_extract",
    "discover_pdfs",
    "exclusive_out",
    "read_in_workers",
    "run_extraction",
]


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
    engine: str = DEFAULT_ENGINE  # the reading engine (kompass_extract.read.pages.ENGINES)

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
    extracted: int  # files read by a worker in this run
    written: list[Path]
    check_results: dict[str, list[CheckResult]]  # report_id -> its check results
    cached: int = 0  # files whose result came from the cache


# --- validation ----------------------------------------------------------------------------


def check_limits(jobs: int, limits: WorkerLimits, caps: Limits) -> None:
    """Raise ``UsageError`` when a limit is out of its range (``batch.bounds.BOUNDS``)."""
    check_limits_in_range(
        {
            "jobs": jobs,
            "timeout_s": limits.timeout_s,
            "max_memory": limits.max_memory,
            "max_pages": caps.max_pages,
            "max_size": caps.max_size,
        }
    )


def check_options(options: RunOptions) -> None:
    check_limits(options.jobs, options.limits, options.caps)
    if options.out.exists() and not options.out.is_dir():
        raise UsageError(f"--out {options.out} is a file; give a folder for the tables")


# --- reading --------------------------------------------------------------------------------


def read_one(
    task: Task, *, extract: Extract, caps: Limits, password: str | None, debug: bool = False
) -> Report | Sequence[Report]:
    """Runs inside a worker: read the file's bytes once, check they are the ones hashed, and
    extract them (cheap byte checks first). The PDF libraries' warnings are dropped, or with
    ``debug`` printed after the file's name (``read.libmessages``). Raises a ``KompassError``
    when the file cannot be extracted."""
    data = read_task_bytes(task, caps.max_size)
    source = path_text(task.path)
    try:
        with library_messages(source, show=debug):
            return extract(task.path, password=password, limits=caps, sha256=task.sha256, data=data)
    except KompassError:
        raise
    except Exception as exc:
        if any(library_error_code(cause) == "encrypted" for cause in exception_chain(exc)):
            raise EncryptedError.for_password(path_text(task.path), password) from exc
        raise


def default_extract(engine: str = DEFAULT_ENGINE) -> Extract:
    """``extract_reports`` reading with ``engine`` (imported here: the parent of the workers
    needs the pipeline only when it reads files itself)."""
    from kompass_extract.pipeline import extract_reports

    return functools.partial(extract_reports, engine=engine)


def failure_line(failure: ExtractionFailure) -> str:
    return f"{failure.source_file}: {failure.message} [{failure.error_code}]"


@dataclass
class Collected:
    """Results gathered so far, keyed by source path (as table text, ``path_text``; a file may
    hold several reports)."""

    reports: dict[str, tuple[Report, ...]]
    failures: dict[str, ExtractionFailure]
    extracted: int = 0
    cached: int = 0  # files whose result came from the cache
    copies: dict[str, str] = field(default_factory=dict)  # path -> path with the same bytes
    inputs: list[dict[str, Any]] = field(default_factory=list)  # manifest entries

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


def input_entry(item: Task | ExtractionFailure) -> dict[str, Any]:
    """An input as the manifest lists it: the size and hash of the bytes this run read."""
    if isinstance(item, Task):
        return {"path": path_text(item.path), "size_bytes": item.size, "sha256": item.sha256}
    return {
        "path": item.source_file,
        "size_bytes": None,
        "sha256": None,
        "unreadable": item.message,
    }


def plan(
    inputs: Iterable[Task | ExtractionFailure],
    cache: ResultCache,
    attempt: Attempt,
    reporter: Reporter,
) -> tuple[Collected, list[Task]]:
    """Split inputs into results already known (cache, hashing failures) and work to do."""
    collected = Collected({}, {})
    todo: list[Task] = []
    first_path_of: dict[str, str] = {}
    for item in inputs:
        collected.inputs.append(input_entry(item))
        if isinstance(item, ExtractionFailure):
            collected.add((), item)
            reporter.failure(failure_line(item))
            continue
        name = path_text(item.path)
        if item.sha256 in first_path_of:
            original = first_path_of[item.sha256]
            reporter.failure(f"{name}: same content as {original}, which is the one read")
            collected.copies[name] = original
            continue
        first_path_of[item.sha256] = name
        known = cache.load(item.sha256, name, attempt)
        if known is None:
            todo.append(item)
        else:
            collected.add(known.reports, known.failure)
            collected.cached += 1
            if known.failure is not None:
                reporter.failure(failure_line(known.failure))
    return collected, todo


def record(
    outcome: Outcome, cache: ResultCache, attempt: Attempt, options: RunOptions, reporter: Reporter
) -> None:
    """Store one finished file in the cache at once (a failure only when it belongs to the
    file's bytes: see ``ResultCache.store_failure``), and tell the user."""
    if outcome.reports:
        cache.store_reports(outcome.reports, attempt)
    elif outcome.failure is not None:
        cache.store_failure(outcome.failure, attempt)
        reporter.failure(failure_line(outcome.failure))
        if options.debug and outcome.traceback:
            reporter.failure(outcome.traceback.rstrip())
    reporter.file_done(outcome)


def hash_all(
    pdfs: Sequence[Path], caps: Limits, limits: WorkerLimits
) -> list[Task | ExtractionFailure]:
    """Every input hashed (each within ``--timeout``), or its failure."""
    return [hash_input(path, caps.max_size, limits.timeout_s) for path in pdfs]


def collect_results(
    options: RunOptions, pdfs: Sequence[Path], extract: Extract, reporter: Reporter
) -> Collected:
    # each engine reads a file its own way: its results are kept apart
    cache = ResultCache(options.out / CACHE_FOLDER, f"{PARSER_VERSION}-{options.engine}")
    attempt = options.attempt()
    collected, todo = plan(hash_all(pdfs, options.caps, options.limits), cache, attempt, reporter)
    work = functools.partial(
        read_one,
        extract=extract,
        caps=options.caps,
        password=options.password,
        debug=options.debug,
    )
    reporter.start(len(todo), collected.cached)
    jobs, limits, engine = options.jobs, options.limits, options.engine
    outcomes = run_warm(todo, work, jobs=jobs, limits=limits, on_tick=reporter.tick, engine=engine)
    try:
        for outcome in outcomes:
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
    debug: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> Iterator[tuple[Path, Report | ExtractionFailure]]:
    """Each file read in an isolated worker, without the results cache (``check`` uses it):
    ``(path, report or failure)`` as each file finishes, files that cannot be hashed first; a
    file that holds several reports gives one pair per report, in file order. ``debug``: the PDF
    libraries' warnings are printed after the file's name (otherwise dropped). ``engine``: the
    reading engine ``extract`` uses, imported before the workers fork (``batch.warm``).
    ``reporter`` (optional) is told of the work's start, each finished file and its end.
    """
    inputs = hash_all(pdfs, caps, limits)
    for path, item in zip(pdfs, inputs, strict=True):
        if isinstance(item, ExtractionFailure):
            yield path, item
    tasks = [i for i in inputs if isinstance(i, Task)]
    work = functools.partial(read_one, extract=extract, caps=caps, password=password, debug=debug)
    on_tick = reporter.tick if reporter is not None else (lambda: None)
    if reporter is not None:
        reporter.start(len(tasks), 0)
    outcomes = run_warm(tasks, work, jobs=jobs, limits=limits, on_tick=on_tick, engine=engine)
    try:
        for outcome in outcomes:
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
    inputs: Sequence[Path | Mapping[str, Any]],
    check_results: Mapping[str, Sequence[CheckResult]] | None = None,
) -> list[Path]:
    """Every file of a build (tables, ``datapackage.json``, ``manifest.json``), written aside
    and swapped into OUT as a whole; OUT's paths of the files. New outputs are added here.

    ``inputs``: the PDFs read, as paths or as ready manifest entries. Raises ``OSError`` (a
    full disk among them) with OUT still holding its previous build.
    """
    from kompass_extract.dataset.manifest import write_dataset_metadata  # only where written:
    from kompass_extract.dataset.tables import reports_to_frames  # the catalogue, pandas

    frames = reports_to_frames(reports, failures, check_results)

    def write(folder: Path) -> None:
        write_tables(frames, folder, formats)
        # Last: the manifest hashes the tables and datapackage.json written before it.
        write_dataset_metadata(folder, frames, inputs, formats=formats)

    return write_build(out, write)


def run_extraction(
    options: RunOptions, pdfs: Sequence[Path], extract: Extract, reporter: Reporter
) -> RunResult:
    """Read ``pdfs`` and write a new build into ``options.out``; the API behind ``extract``.

    Raises ``UsageError`` (OUT held by another run) and ``DiskFullError`` (no space left: the
    previous build is still whole, and the error says so).
    """
    out = options.out
    with exclusive_out(out), disk_full_as_error(out):
        for note in recover(out):
            reporter.failure(f"{path_text(out)}: {note}")
        remove_stale_temporaries(out)
        collected = collect_results(options, pdfs, extract, reporter)
        # Sorted by source path: the tables do not depend on the order workers finished in.
        reports = [report for k in sorted(collected.reports) for report in collected.reports[k]]
        failures = [collected.failures[k] for k in sorted(collected.failures)]
        results = {report.report_id: run_checks(report) for report in reports}
        written = write_outputs(out, reports, failures, options.formats, collected.inputs, results)
    return RunResult(reports, failures, collected.extracted, written, results, collected.cached)
