"""The archive and command-line parts of ``make bench`` (``tests/bench.py`` runs them).

- ``bench_archive``: a synthetic archive of byte-distinct copies of the samples (240 by
  default, about 7,000 pages: the 40-page samples, a real report's length, four times as
  often as the short ones), extracted per engine with ``--jobs 1`` and ``--jobs 2``. Each run
  is a fresh process (as ``kompass-extract extract`` is), reporting its wall time, pages per
  second, the speed-up of 2 workers over 1, the workers' and the parent's peak resident
  memory, how many workers were busy on average (the sum of the files' times over the wall
  time: below the number of workers, the parent kept a core waiting), the CPU time of the run
  and its workers, and the load average. Other work on the machine stretches wall times, so
  "if quiet" gives the speed-up a machine of one's own would show: the busy workers times the
  CPU cost per page with 1 worker over that with n (each worker on a core of its own).
- ``bench_cli``: one 40-page report through the command line, ``extract`` and ``check``, the
  wall time a user sees (interpreter start, imports, a worker, writing the tables), best and
  median of a few runs.

A copy differs from its sample by a comment line after ``%%EOF``, so every copy has its own
SHA-256 and the results cache cannot short-circuit a run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script (the archive runs), not as a test module
    sys.path.insert(0, str(REPO))

ARCHIVE_REPORTS = 240
LONG_REPORT_PAGES = 30  # samples at least this long stand for a real report's length
LONG_REPORT_WEIGHT = 4  # ... and come this many times as often as the short ones
CLI_REPORT = "amal-2019.pdf"  # 40 pages
CLI_REPEATS = 3


def page_count(pdf: Path) -> int:
    """Pages of a PDF (PDFium)."""
    import pypdfium2

    from kompass_extract.read.pdfium import PDFIUM_LOCK

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def archive_cycle(samples: list[Path]) -> list[Path]:
    """The samples in the order the archive repeats them, long ones weighted."""
    return [
        sample
        for sample in samples
        for _ in range(LONG_REPORT_WEIGHT if page_count(sample) >= LONG_REPORT_PAGES else 1)
    ]


def make_archive(samples: list[Path], folder: Path, reports: int) -> tuple[int, int]:
    """Write ``reports`` byte-distinct copies into ``folder``; (files, pages) written."""
    folder.mkdir(parents=True, exist_ok=True)
    cycle = archive_cycle(samples)
    pages = {sample: page_count(sample) for sample in samples}
    total = 0
    for index in range(reports):
        sample = cycle[index % len(cycle)]
        copy = folder / f"{index:03d}-{sample.stem}.pdf"
        copy.write_bytes(sample.read_bytes() + b"\n%% bench copy %d\n" % index)
        total += pages[sample]
    return reports, total


def one_run(archive: Path, out: Path, jobs: int, engine: str) -> dict:
    """Extract ``archive`` into ``out`` in this process, as ``extract`` does; its figures."""
    from kompass_extract.batch.engine import RunOptions, default_extract, run_extraction
    from kompass_extract.batch.inputs import discover_pdfs
    from kompass_extract.batch.progress import QuietReporter
    from kompass_extract.batch.workers import Outcome, WorkerLimits

    class Recorder(QuietReporter):
        def __init__(self) -> None:
            super().__init__()
            self.outcomes: list[Outcome] = []

        def file_done(self, outcome: Outcome) -> None:
            self.outcomes.append(outcome)

    recorder = Recorder()
    options = RunOptions(paths=(archive,), out=out, jobs=jobs, limits=WorkerLimits(), engine=engine)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    result = run_extraction(options, discover_pdfs([archive]), default_extract(engine), recorder)
    wall = time.perf_counter() - started
    outcomes = recorder.outcomes
    return {
        "wall_s": wall,
        "files": len(outcomes),
        "failed": [f"{f.source_file} ({f.error_code})" for f in result.failures],
        "pages": sum(o.pages for o in outcomes),
        "busy_workers": sum(o.elapsed_s for o in outcomes) / wall,
        "worker_peak_rss": max((o.peak_rss or 0 for o in outcomes), default=0),
        "parent_peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "load": (load_before, os.getloadavg()[0]),
    }


def children_cpu_s() -> float:
    """CPU seconds (user + system) of this process's ended children and their children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_in_fresh_process(archive: Path, out: Path, jobs: int, engine: str) -> dict:
    """``one_run`` in a new interpreter, so the parent's peak memory is the run's own; with
    ``cpu_s``, the CPU time of that process and its workers (a busy machine stretches wall
    time, hardly CPU time)."""
    code = (
        "import json, sys; from pathlib import Path; from tests.bench_archive import one_run; "
        "print(json.dumps(one_run(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), "
        "sys.argv[4])))"
    )
    cpu_before = children_cpu_s()
    done = subprocess.run(
        [sys.executable, "-c", code, str(archive), str(out), str(jobs), engine],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench: the archive run failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["cpu_s"] = children_cpu_s() - cpu_before
    if figures["failed"]:
        raise SystemExit(f"bench: some copies failed: {', '.join(figures['failed'])}")
    return figures


def bench_archive(samples: list[Path], engines: list[str], reports: int, jobs: int) -> list[str]:
    """Lines: the archive, then per engine its runs with 1 and ``jobs`` workers."""
    lines = []
    with tempfile.TemporaryDirectory(prefix="kompass-bench-") as scratch:
        archive = Path(scratch) / "archive"
        files, pages = make_archive(samples, archive, reports)
        lines.append(
            f"archive: {files} byte-distinct copies of {len(samples)} samples, {pages} pages "
            f"(samples of {LONG_REPORT_PAGES}+ pages {LONG_REPORT_WEIGHT}x as often)"
        )
        lines.append(
            f"{'engine':<11}{'jobs':>5}{'wall s':>9}{'pages/s':>9}{'speed-up':>10}"
            f"{'busy':>6}{'cpu s':>8}{'if quiet':>10}{'worker MiB':>12}{'parent MiB':>12}"
            "  load before/after"
        )
        for engine in engines:
            runs = {}
            for count in sorted({1, jobs}):
                out = Path(scratch) / f"out-{engine}-{count}"
                runs[count] = run_in_fresh_process(archive, out, count, engine)
            lines += [
                archive_line(engine, count, figures, runs[1]) for count, figures in runs.items()
            ]
    return lines


def archive_line(engine: str, jobs: int, figures: dict, single: dict) -> str:
    speed_up = single["wall_s"] / figures["wall_s"]
    # what a machine of our own would show: the slots kept busy, at the CPU cost per page
    if_quiet = single["cpu_s"] / figures["cpu_s"] * figures["busy_workers"]
    return (
        f"{engine:<11}{jobs:>5}{figures['wall_s']:>9.1f}{figures['pages'] / figures['wall_s']:>9.1f}"
        f"{speed_up:>9.2f}x{figures['busy_workers']:>6.2f}{figures['cpu_s']:>8.1f}"
        f"{if_quiet:>9.2f}x"
        f"{figures['worker_peak_rss'] / 2**20:>12.0f}{figures['parent_peak_rss'] / 2**20:>12.0f}"
        f"  {figures['load'][0]:.2f} / {figures['load'][1]:.2f}"
    )


def cli_seconds(
    argv: list[str], repeats: int, fresh_out: Path | None = None
) -> tuple[list[float], list[float]]:
    """Wall and CPU times (the process and its workers) of ``kompass-extract ARGV`` run
    ``repeats`` times, each in a new process (with ``fresh_out``: each into a new ``--out``
    folder below it, so no cache is reused)."""
    times, cpu = [], []
    for index in range(repeats):
        out = ["--out", str(fresh_out / str(index))] if fresh_out is not None else []
        started, cpu_before = time.perf_counter(), children_cpu_s()
        done = subprocess.run(
            [sys.executable, "-m", "kompass_extract", *argv, *out],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - started)
        cpu.append(children_cpu_s() - cpu_before)
        if done.returncode not in (0, 1):  # 1: a verdict other than "adds up"
            raise SystemExit(f"bench: kompass-extract {' '.join(argv)} failed:\n{done.stderr}")
    return times, cpu


def bench_cli(engines: list[str], repeats: int = CLI_REPEATS) -> list[str]:
    """Lines: ``extract`` and ``check`` of one 40-page report per engine, best and median."""
    report = REPO / "samples" / CLI_REPORT
    lines = [f"one report through the CLI ({CLI_REPORT}, {page_count(report)} pages), seconds:"]
    with tempfile.TemporaryDirectory(prefix="kompass-bench-cli-") as scratch:
        for engine in engines:
            extract = cli_seconds(
                ["extract", str(report), "--engine", engine, "--quiet"],
                repeats,
                fresh_out=Path(scratch) / engine,
            )
            check = cli_seconds(["check", str(report), "--engine", engine], repeats)
            lines += [
                cli_line(engine, "extract", *extract),
                cli_line(engine, "check", *check),
            ]
    return lines


def cli_line(engine: str, command: str, wall: list[float], cpu: list[float]) -> str:
    return (
        f"{engine:<11} {command:<8} wall best {min(wall):5.2f} median "
        f"{statistics.median(wall):5.2f}; cpu best {min(cpu):5.2f}"
    )
