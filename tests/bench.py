"""Benchmark (``make bench``): each reading engine's throughput, with 1 worker and every CPU.

For every engine of ``ENGINES``: pages per CPU second of the reader alone (``pdf_to_pages``) and
of ``extract_report`` over the samples in this process, each also as a share of pdfplumber's own
``extract_text()`` rate (CPU time, so that other load on the machine disturbs the figures less),
then the batch below; one line each.

Copies the sample PDFs into a batch of COPIES files (a comment line appended after %%EOF makes
each copy's SHA-256 different, so the results cache cannot short-circuit), extracts the batch
with ``--jobs 1`` and ``--jobs <CPUs>`` into fresh folders, and prints pages per second, the
speed-up and the peak resident memory of the workers (wall-clock time).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kompass_extract.batch.engine import (  # noqa: E402
    RunOptions,
    default_extract,
    discover_pdfs,
    run_extraction,
)
from kompass_extract.batch.progress import QuietReporter  # noqa: E402
from kompass_extract.batch.workers import Outcome, WorkerLimits  # noqa: E402
from kompass_extract.cli.options import default_jobs  # noqa: E402
from kompass_extract.pipeline import extract_report  # noqa: E402
from kompass_extract.read.pages import ENGINES, pdf_to_pages  # noqa: E402

COPIES = 20


class Recorder(QuietReporter):
    """Keeps every outcome, to read pages and peak memory afterwards."""

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: list[Outcome] = []

    def file_done(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)


def make_batch(samples: list[Path], folder: Path, copies: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for index in range(copies):
        sample = samples[index % len(samples)]
        copy = folder / f"{sample.stem}-copy{index:02d}.pdf"
        copy.write_bytes(sample.read_bytes() + b"\n%% bench copy %d\n" % index)
        made.append(copy)
    return made


def timed_run(batch_dir: Path, out: Path, jobs: int, engine: str) -> tuple[float, Recorder]:
    recorder = Recorder()
    options = RunOptions(
        paths=(batch_dir,), out=out, jobs=jobs, limits=WorkerLimits(), engine=engine
    )
    started = time.perf_counter()
    extract = default_extract(engine)
    result = run_extraction(options, discover_pdfs([batch_dir]), extract, recorder)
    seconds = time.perf_counter() - started
    if result.failures:
        failed = ", ".join(f"{f.source_file} ({f.error_code})" for f in result.failures)
        raise SystemExit(f"bench: some copies failed to extract: {failed}")
    return seconds, recorder


def extract_text_rate(samples: list[Path]) -> float:
    """Pages per CPU second of pdfplumber's own ``extract_text()`` over the samples."""
    import pdfplumber

    pages, started = 0, time.process_time()
    for sample in samples:
        with pdfplumber.open(sample) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages / (time.process_time() - started)


def pages_per_second(samples: list[Path], engine: str) -> tuple[float, float]:
    """Pages per CPU second over the samples, in this process: the reader alone, and
    ``extract_report`` (one file read first, so that loading rules is not counted)."""
    extract_report(samples[0], engine=engine)
    started = time.process_time()
    pages = sum(len(pdf_to_pages(sample, engine=engine)) for sample in samples)
    read = time.process_time() - started
    started = time.process_time()
    for sample in samples:
        extract_report(sample, engine=engine)
    return pages / read, pages / (time.process_time() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=COPIES, help=f"default: {COPIES}")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="default: CPUs")
    parser.add_argument("--engine", action="append", choices=sorted(ENGINES), help="default: all")
    args = parser.parse_args()
    samples = sorted((REPO / "samples").glob("*.pdf"))
    if not samples:
        print("bench: no samples/*.pdf; run `make samples` first", file=sys.stderr)
        return 2
    print(f"{args.copies} copies of {len(samples)} sample(s), {os.cpu_count()} CPU(s)")
    baseline = extract_text_rate(samples)
    print(f"pdfplumber extract_text() alone: {baseline:.1f} pages/CPU-s")
    for engine in args.engine or sorted(ENGINES):
        print(bench_engine(engine, samples, args.copies, args.jobs, baseline))
    return 0


def bench_engine(engine: str, samples: list[Path], copies: int, jobs: int, baseline: float) -> str:
    """One line: the engine's reading and extraction rates (pages per CPU second, and as a share
    of ``baseline``, extract_text()'s rate) and its batch runs."""
    read_rate, extract_rate = pages_per_second(samples, engine)
    with tempfile.TemporaryDirectory(prefix="kompass-bench-") as scratch:
        batch_dir = Path(scratch) / "batch"
        make_batch(samples, batch_dir, copies)
        one_s, one = timed_run(batch_dir, Path(scratch) / "out-1", 1, engine)
        all_s, every = timed_run(batch_dir, Path(scratch) / "out-n", jobs, engine)
    pages = sum(o.pages for o in one.outcomes)
    peaks = [o.peak_rss / 2**20 for o in every.outcomes if o.peak_rss]
    return (
        f"{engine:<11} read {read_rate:6.1f} pages/CPU-s ({read_rate / baseline:4.2f}x extract_text), "
        f"extract_report {extract_rate:6.1f} pages/CPU-s ({extract_rate / baseline:4.2f}x); "
        f"batch of {pages} pages: --jobs 1 {one_s:6.2f} s ({pages / one_s:6.1f} pages/s), "
        f"--jobs {jobs} {all_s:6.2f} s ({pages / all_s:6.1f} pages/s, {one_s / all_s:.2f}x); "
        f"worker peak RSS max {max(peaks, default=0):.0f} MiB"
    )


if __name__ == "__main__":
    raise SystemExit(main())
