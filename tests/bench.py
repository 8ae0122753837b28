"""Benchmark (``make bench``): every reading engine measured in one run.

Per page, in this process: pages per second of the reader alone (``pdf_to_pages``) and of
``extract_report`` over the samples, against pdfplumber's own ``extract_text()`` over the same
PDFs. Then (``tests/bench_archive.py``) one 40-page report through the command line
(``extract`` and ``check``, as a user waits for them), and a synthetic archive of 240
byte-distinct reports (about 7,000 pages) extracted with 1 and 2 workers: wall time, pages per
second, speed-up, workers' and parent's peak memory. ``make bench BENCH_ARGS="--reports 24
--engine pdfium"`` runs a quicker subset; ``--help`` lists the options.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kompass_extract.pipeline import extract_report  # noqa: E402
from kompass_extract.read.pages import ENGINES, pdf_to_pages  # noqa: E402
from tests.bench_archive import ARCHIVE_REPORTS, CLI_REPEATS, bench_archive, bench_cli  # noqa: E402


def pdfplumber_seconds_per_page(samples: list[Path]) -> float:
    import pdfplumber

    pages, started = 0, time.perf_counter()
    for sample in samples:
        with pdfplumber.open(sample) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return (time.perf_counter() - started) / pages


def pages_per_second(samples: list[Path], engine: str) -> tuple[float, float]:
    """Pages per second over the samples, in this process: the reader alone, and
    ``extract_report``."""
    started = time.perf_counter()
    pages = sum(len(pdf_to_pages(sample, engine=engine)) for sample in samples)
    read = time.perf_counter() - started
    started = time.perf_counter()
    for sample in samples:
        extract_report(sample, engine=engine)
    return pages / read, pages / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--reports",
        type=int,
        default=ARCHIVE_REPORTS,
        help=f"archive size, default {ARCHIVE_REPORTS}",
    )
    parser.add_argument("--jobs", type=int, default=2, help="workers to compare with 1; default 2")
    parser.add_argument("--engine", action="append", choices=sorted(ENGINES), help="default: all")
    parser.add_argument("--repeats", type=int, default=CLI_REPEATS, help="CLI runs per command")
    parser.add_argument("--skip", action="append", default=[], choices=["pages", "cli", "archive"])
    args = parser.parse_args()
    samples = sorted((REPO / "samples").glob("*.pdf"))
    if not samples:
        print("bench: no samples/*.pdf; run `make samples` first", file=sys.stderr)
        return 2
    engines = args.engine or sorted(ENGINES)
    print(f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f} (1 min)", flush=True)
    if "pages" not in args.skip:
        baseline = pdfplumber_seconds_per_page(samples)
        print(f"pdfplumber extract_text() alone: {1 / baseline:.1f} pages/s", flush=True)
        for engine in engines:
            print(bench_engine(engine, samples), flush=True)
    if "cli" not in args.skip:
        print("\n".join(bench_cli(engines, args.repeats)), flush=True)
    if "archive" not in args.skip:
        print("\n".join(bench_archive(samples, engines, args.reports, args.jobs)), flush=True)
    return 0


def bench_engine(engine: str, samples: list[Path]) -> str:
    """One line: the engine's reading and extraction rates over the samples, per page."""
    read_rate, extract_rate = pages_per_second(samples, engine)
    return f"{engine:<11} read {read_rate:6.1f} pages/s, extract_report {extract_rate:6.1f} pages/s"


if __name__ == "__main__":
    raise SystemExit(main())
