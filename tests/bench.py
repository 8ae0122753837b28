"""Benchmark (``make bench``): every reading engine measured in one run.

Per page, in this process: pages per CPU second (so that other load disturbs the figures less)
of the reader alone (``pdf_to_pages``) and of ``extract_report`` over the samples, each also as a
share of pdfplumber's own ``extract_text()`` rate over the same PDFs. Then (``tests/bench_archive.py``) one 40-page report through the command line
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
        baseline = extract_text_rate(samples)
        print(f"pdfplumber extract_text() alone: {baseline:.1f} pages/CPU-s", flush=True)
        for engine in engines:
            print(bench_engine(engine, samples, baseline), flush=True)
    if "cli" not in args.skip:
        print("\n".join(bench_cli(engines, args.repeats)), flush=True)
    if "archive" not in args.skip:
        print("\n".join(bench_archive(samples, engines, args.reports, args.jobs)), flush=True)
    return 0


def bench_engine(engine: str, samples: list[Path], baseline: float) -> str:
    """One line: the engine's reading and extraction rates over the samples, in pages per CPU
    second and as a share of ``baseline`` (``extract_text()``'s rate)."""
    read_rate, extract_rate = pages_per_second(samples, engine)
    return (
        f"{engine:<11} read {read_rate:6.1f} pages/CPU-s ({read_rate / baseline:4.2f}x extract_text), "
        f"extract_report {extract_rate:6.1f} pages/CPU-s ({extract_rate / baseline:4.2f}x)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
