"""The ``extract`` command's engine: find the PDFs, read each once, write the tables.

A run goes: discover PDFs -> hash them -> take what the results cache already holds -> read the
rest in worker processes (each result cached the moment it arrives) -> write every output
atomically -> print a summary. Killing a run at any point loses at most the files being read;
the same command started again does only the remaining work.

Everything the run keeps between runs lives in ``OUT/.cache/`` (safe to delete: it only saves
work). A lock file there stops two runs from writing into the same OUT at once.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import functools
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .batch import (
    Outcome,
    Task,
    WorkerLimits,
    exception_chain,
    library_error_code,
    run_batch,
)
from .cache import Attempt, ResultCache
from .errors import EncryptedError, KompassError, NotPdfError, TooLargeError
from .files import file_sha256
from .manifest import write_dataset_metadata
from .models import ExtractionFailure, Report
from .precheck import Limits, check_size
from .progress import Reporter, choose_reporter
from .tables import reports_to_frames
from .verdict import strict_check_errors
from .version import PARSER_VERSION
from .writers import FORMATS, write_tables

CACHE_FOLDER = ".cache"
LOCK_FILE = "lock"
EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_TEMPORARY = regex.compile(r"^\..+\.(?:csv|parquet|json)\.[^.]+\.tmp$")
_SIZE = regex.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$", regex.IGNORECASE)

Extract = Callable[..., Report]


class UsageError(Exception):
    """Bad arguments: reported in one line, exit code 2."""


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
    reports: list[Report]
    failures: list[ExtractionFailure]
    extracted: int  # files read in this run (the rest came from the cache)
    written: list[Path]


# --- arguments ------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    """'2G', '512MiB', '100M', '1048576' -> bytes (binary units); for argparse ``type=``."""
    match = _SIZE.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 2G, 512M, 100MiB)")
    return int(float(match.group(1)) * SIZE_UNITS[match.group(2).upper()])


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def options_from_args(args: argparse.Namespace) -> RunOptions:
    """Validated run options from the parsed ``extract`` command line."""
    fmt = getattr(args, "format", "both")
    jobs, limits, caps = limits_from_args(args)
    options = RunOptions(
        paths=tuple(args.paths),
        out=Path(args.out),
        formats=FORMATS if fmt == "both" else (fmt,),
        jobs=jobs,
        limits=limits,
        caps=caps,
        password=getattr(args, "password", None),
        quiet=getattr(args, "quiet", False),
        debug=getattr(args, "debug", False),
    )
    check_options(options)
    return options


def limits_from_args(args: argparse.Namespace) -> tuple[int, WorkerLimits, Limits]:
    """--jobs, worker limits and byte-check caps; defaults for options a caller left out."""
    limits, caps = WorkerLimits(), Limits()
    jobs = default_jobs() if getattr(args, "jobs", None) is None else args.jobs
    return (
        jobs,
        WorkerLimits(
            timeout_s=getattr(args, "timeout", limits.timeout_s),
            max_memory=getattr(args, "max_memory", limits.max_memory),
        ),
        Limits(
            max_size=getattr(args, "max_size", caps.max_size),
            max_pages=getattr(args, "max_pages", caps.max_pages),
        ),
    )


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


def read_one(task: Task, *, extract: Extract, caps: Limits, password: str | None) -> Report:
    """Runs inside a worker: the extraction, whose cheap byte checks run first."""
    try:
        return extract(task.path, password=password, limits=caps, sha256=task.sha256)
    except KompassError:
        raise
    except Exception as exc:
        if any(library_error_code(cause) == "encrypted" for cause in exception_chain(exc)):
            raise EncryptedError(str(task.path), password_message(password)) from exc
        raise


def password_message(password: str | None) -> str:
    if password is None:
        return (
            "the PDF is encrypted and the empty password does not open it; "
            "give its password with --password"
        )
    return "the PDF is encrypted and the password given with --password does not open it"


def default_extract() -> Extract:
    from .pipeline import extract_report

    return extract_report


def failure_line(failure: ExtractionFailure) -> str:
    return f"{failure.source_file}: {failure.message} [{failure.error_code}]"


@dataclass
class Collected:
    """Results gathered so far, keyed by source path."""

    reports: dict[str, Report]
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

    def add(self, report: Report | None, failure: ExtractionFailure | None) -> None:
        if report is not None:
            self.reports[report.source_file] = report
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
            collected.add(None, item)
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
            collected.add(known.report, known.failure)
            if known.failure is not None:
                reporter.failure(failure_line(known.failure))
    return collected, todo


def record(
    outcome: Outcome, cache: ResultCache, attempt: Attempt, options: RunOptions, reporter: Reporter
) -> None:
    """Store one finished file in the cache at once, and tell the user."""
    if outcome.report is not None:
        cache.store_report(outcome.report, attempt)
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
            collected.add(outcome.report, outcome.failure)
            collected.extracted += 1
    finally:
        reporter.finish()
    collected.add_copies()
    return collected


def read_in_workers(
    pdfs: Sequence[Path],
    extract: Extract,
    *,
    jobs: int,
    limits: WorkerLimits,
    caps: Limits,
    password: str | None,
) -> dict[Path, Report | ExtractionFailure]:
    """Each file read in an isolated worker, without the results cache (``check`` uses it)."""
    inputs = [hash_input(path, caps) for path in pdfs]
    results: dict[Path, Report | ExtractionFailure] = {
        Path(i.source_file): i for i in inputs if isinstance(i, ExtractionFailure)
    }
    tasks = [i for i in inputs if isinstance(i, Task)]
    work = functools.partial(read_one, extract=extract, caps=caps, password=password)
    for outcome in run_batch(tasks, work, jobs=jobs, limits=limits):
        result = outcome.report if outcome.report is not None else outcome.failure
        assert result is not None  # an outcome is a report or a failure
        results[outcome.task.path] = result
    return results


# --- output ---------------------------------------------------------------------------------


def write_outputs(
    out: Path,
    reports: Sequence[Report],
    failures: Sequence[ExtractionFailure],
    formats: Sequence[str],
    inputs: Sequence[Path],
) -> list[Path]:
    """Every file a run writes into OUT, each atomically. New outputs are added here."""
    frames = reports_to_frames(reports, failures)
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
        reports = [collected.reports[k] for k in sorted(collected.reports)]
        failures = [collected.failures[k] for k in sorted(collected.failures)]
        written = write_outputs(options.out, reports, failures, options.formats, pdfs)
    return RunResult(reports, failures, collected.extracted, written)


def report_line(report: Report) -> str:
    """One report in one line: who, when, which revision, the totals and what was read."""
    areas = report.areas
    errors = sum(1 for f in report.checks() if f.severity == "error")
    when = f"{report.evaluation_year or '?'}" + (
        f"-{report.evaluation_month:02d}" if report.evaluation_month else ""
    )
    code = f" ({report.municipality_code})" if report.municipality_code else ""
    return (
        f"  {report.report_id}: {report.municipality or '?'}{code} {when}, framework "
        f"{report.framework}, total {report.total_score if report.total_score is not None else '?'}"
        f"/{report.max_total or '?'}, {len(areas)} areas, "
        f"{sum(len(a.questions) for a in areas)} questions, "
        f"{sum(len(a.strengths) for a in areas)} strengths, "
        f"{sum(len(a.improvements) for a in areas)} improvements, "
        f"{len(report.notes)} parse note(s), "
        + ("adds up" if errors == 0 else f"{errors} check error(s)")
    )


def summary(result: RunResult, out: Path) -> str:
    from_cache = len(result.reports) + len(result.failures) - result.extracted
    lines = [
        *(report_line(r) for r in result.reports),
        f"{len(result.reports)} report(s) extracted, {len(result.failures)} file(s) failed "
        f"({result.extracted} read now, {from_cache} from the cache)",
        f"wrote {len(result.written)} file(s) into {out}: "
        + ", ".join(sorted({p.stem for p in result.written})),
    ]
    if result.failures:
        lines.append(f"the reasons for the failures are in {out / 'errors.csv'}")
    return "\n".join(lines)


def extract_paths(args: argparse.Namespace, extract: Extract | None = None) -> int:
    """The ``extract`` command: exit 0 when every file was extracted, 1 if any failed, 2 on
    bad usage."""
    try:
        options = options_from_args(args)
        pdfs = discover_pdfs(options.paths, options.out)
        reporter = choose_reporter(options.quiet)
        with terminate_as_interrupt():
            result = run_extraction(options, pdfs, extract or default_extract(), reporter)
    except UsageError as exc:
        print(f"kompass-extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(
            f"kompass-extract: interrupted; the files finished so far are kept in "
            f"{Path(args.out) / CACHE_FOLDER}: run the same command again to finish",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if not options.quiet:
        print(summary(result, options.out))
    strict_problem = strict_check_errors(result.reports) if getattr(args, "strict", False) else None
    if strict_problem:
        print(strict_problem, file=sys.stderr)
    return EXIT_FAILURES if result.failures or strict_problem else EXIT_OK


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so running workers are killed on the way out."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
