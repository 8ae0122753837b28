"""Options shared by the commands: how files are read (workers and their limits), ``--debug``."""

from __future__ import annotations

import argparse
import math
import os

import regex

from kompass_extract.batch.workers import WorkerLimits
from kompass_extract.read.pages import DEFAULT_ENGINE, ENGINES
from kompass_extract.read.precheck import Limits

SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = regex.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$", regex.IGNORECASE)


def parse_size(text: str) -> int:
    """'2G', '512MiB', '100M', '1048576' -> bytes (binary units); for argparse ``type=``."""
    match = _SIZE.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 2G, 512M, 100MiB)")
    size = float(match.group(1)) * SIZE_UNITS[match.group(2).upper()]
    if not math.isfinite(size):  # hundreds of digits: the range check cannot even hold it
        raise argparse.ArgumentTypeError(f"not a size: {text!r} is too large")
    return int(size)


def default_jobs() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def add_limit_options(command: argparse.ArgumentParser) -> None:
    """How files are read: in isolated workers, each with time, memory, page and size caps.
    The defaults are those of the engine's own limits, so they are stated once."""
    worker, caps = WorkerLimits(), Limits()
    command.add_argument(
        "--jobs", type=int, default=None, help="files read in parallel (default: number of CPUs)"
    )
    command.add_argument(
        "--timeout",
        type=float,
        default=worker.timeout_s,
        help=f"seconds allowed per file (default: {worker.timeout_s:g})",
    )
    command.add_argument(
        "--max-memory",
        type=parse_size,
        default=worker.max_memory,
        help=f"memory a worker may use for one file, e.g. 2G or 512M "
        f"(default: {worker.max_memory >> 30}G)",
    )
    command.add_argument(
        "--max-pages",
        type=int,
        default=caps.max_pages,
        help=f"skip files with more pages (default: {caps.max_pages})",
    )
    command.add_argument(
        "--max-size",
        type=parse_size,
        default=caps.max_size,
        help=f"skip files larger than this, e.g. 100M (default: {caps.max_size >> 20}M)",
    )


def add_debug_option(command: argparse.ArgumentParser) -> None:
    """``--debug``: a failure shows its traceback instead of one line."""
    command.add_argument("--debug", action="store_true", help="show tracebacks of failures")


def add_engine_option(command: argparse.ArgumentParser) -> None:
    """``--engine``: which library reads the PDFs' glyphs."""
    command.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default=DEFAULT_ENGINE,
        help=f"the library that reads the PDFs' text (default: {DEFAULT_ENGINE}; pdfplumber "
        "is the slower reference)",
    )


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
