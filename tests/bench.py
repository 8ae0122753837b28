"""Benchmark (``make bench``): extraction throughput with 1 worker and with every CPU.

Copies the sample PDFs into a batch of COPIES files (a comment line appended after %%EOF makes
each copy's SHA-256 different, so the results cache cannot short-circuit), extracts the batch
with ``--jobs 1`` and ``--jobs <CPUs>`` into fresh folders, and prints pages per second, the
speed-up and the peak resident memory of the workers. For comparison it also times
pdfplumber's own ``extract_text()`` over every page of the samples, in this process.
"""

from __future__ import annotations

import argparse
import os
import statistics
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


def timed_run(batch_dir: Path, out: Path, jobs: int) -> tuple[float, Recorder]:
    recorder = Recorder()
    options = RunOptions(paths=(batch_dir,), out=out, jobs=jobs, limits=WorkerLimits())
    started = time.perf_counter()
    result = run_extraction(options, discover_pdfs([batch_dir]), default_extract(), recorder)
    seconds = time.perf_counter() - started
    if result.failures:
        failed = ", ".join(f"{f.source_file} ({f.error_code})" for f in result.failures)
        raise SystemExit(f"bench: some copies failed to extract: {failed}")
    return seconds, recorder


def pdfplumber_seconds_per_page(samples: list[Path]) -> float:
    import pdfplumber

    pages, started = 0, time.perf_counter()
    for sample in samples:
        with pdfplumber.open(sample) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return (time.perf_counter() - started) / pages


def describe_run(label: str, seconds: float, recorder: Recorder) -> tuple[float, str]:
    pages = sum(o.pages for o in recorder.outcomes)
    peaks = [o.peak_rss / 2**20 for o in recorder.outcomes if o.peak_rss]
    line = (
        f"{label:<12} {len(recorder.outcomes):>3} files {pages:>5} pages {seconds:>7.2f} s "
        f"{pages / seconds:>7.1f} pages/s  {seconds / pages * 1000:>6.1f} ms/page  "
        f"worker peak RSS max {max(peaks):.0f} MiB, median {statistics.median(peaks):.0f} MiB"
    )
    return pages / seconds, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=COPIES, help=f"default: {COPIES}")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="default: CPUs")
    args = parser.parse_args()
    samples = sorted((REPO / "samples").glob("*.pdf"))
    if not samples:
        print("bench: no samples/*.pdf; run `make samples` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kompass-bench-") as scratch:
        batch_dir = Path(scratch) / "batch"
        make_batch(samples, batch_dir, args.copies)
        print(f"{args.copies} copies of {len(samples)} sample(s), {os.cpu_count()} CPU(s)")
        one_s, one = timed_run(batch_dir, Path(scratch) / "out-1", 1)
        all_s, every = timed_run(batch_dir, Path(scratch) / "out-n", args.jobs)
    rate_one, line_one = describe_run("--jobs 1", one_s, one)
    rate_all, line_all = describe_run(f"--jobs {args.jobs}", all_s, every)
    print(line_one)
    print(line_all)
    print(f"speed-up with {args.jobs} workers: {rate_all / rate_one:.2f}x")
    baseline = pdfplumber_seconds_per_page(samples)
    pipeline = one_s / sum(o.pages for o in one.outcomes)
    print(
        f"pdfplumber extract_text() alone: {baseline * 1000:.1f} ms/page; whole pipeline "
        f"with 1 worker: {pipeline * 1000:.1f} ms/page ({pipeline / baseline:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
