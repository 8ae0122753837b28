"""Many files in parallel, each in its own worker process that can be killed.

Every file gets a fresh process forked from this one (cheap: the libraries are already
imported), with a wall-clock deadline, a cap on the address space it may add (RLIMIT_AS), a CPU
limit slightly above the deadline and a death signal tied to its parent, so that neither a
file that spins forever, nor one that inflates to gigabytes, nor a killed parent leaves a
process behind. The per-file function is a parameter: the engine knows nothing of reports.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kompass_extract.batch.failures import (
    EXIT_OUT_OF_MEMORY,
    classify,
    death_cause,
    memory_message,
)
from kompass_extract.batch.forked import MeasuredForkProcess, resident_memory
from kompass_extract.models import ExtractionFailure, Report
from kompass_extract.read.files import path_text

try:  # POSIX only: on Windows workers run without memory and CPU limits
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

CPU_GRACE_S = 2  # RLIMIT_CPU backstop above the wall-clock deadline
TICK_S = 0.2  # how often the parent wakes to check deadlines and refresh progress
PR_SET_PDEATHSIG = 1
# Workers are forked where the system can (cheap: the libraries are already imported), else
# started afresh ("spawn", Windows), which needs a work function that can be pickled.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
# Whether the limits below are enforced by the operating system on this platform.
MEMORY_LIMIT_ENFORCED = resource is not None


@dataclass(frozen=True, slots=True)
class Task:
    """One file to read: its path and the SHA-256 of its bytes when they were hashed (the
    worker reads the file again and reads only those bytes); ``size`` in bytes."""

    path: Path
    sha256: str
    size: int = 0


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    timeout_s: float = 120.0
    max_memory: int = 2 << 30  # bytes of address space a worker may add while reading a file


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file: its reports (one, or several when the file binds several
    together) or a failure, with its cost."""

    task: Task
    reports: tuple[Report, ...]
    failure: ExtractionFailure | None
    elapsed_s: float
    peak_rss: int | None = None  # bytes, as measured by the worker itself
    traceback: str | None = None

    @property
    def pages(self) -> int:
        """Pages of the file's reports (0 for a failure)."""
        return sum(report.page_count for report in self.reports)


# The per-file function: one report, or each report of a file that holds several.
Work = Callable[[Task], Report | Sequence[Report]]


def as_reports(result: Report | Sequence[Report]) -> tuple[Report, ...]:
    """What a work function returned, as a tuple of reports."""
    return (result,) if isinstance(result, Report) else tuple(result)


@dataclass
class Running:
    task: Task
    process: BaseProcess
    connection: Connection
    started: float
    deadline: float
    message: tuple | None = field(default=None)
    # bytes resident in the worker when it began, as it measured them (-1: not known); the
    # parent's own figure would count file-backed pages that a fork does not map into the child
    start_rss: Any = None


# --- the worker side ----------------------------------------------------------------------


def worker_main(
    connection: Connection, task: Task, work: Work, limits: WorkerLimits, start_rss: Any = None
) -> None:
    """Body of a worker process: note its resident memory (into the shared ``start_rss``),
    confine itself, read one file, send back the result.

    A MemoryError anywhere, even while an earlier failure is being described or sent, ends
    as ``memory_limit``; the process leaves with ``os._exit`` once the result is sent.
    """
    try:
        if start_rss is not None:
            start_rss.value = resident_memory() or -1
        die_with_parent()
        confine(limits)
        message = attempt(task, work, limits)
        connection.send((*message, peak_rss()))
    except MemoryError:
        send_out_of_memory(connection, limits)
    os._exit(0)


def attempt(task: Task, work: Work, limits: WorkerLimits) -> tuple:
    """("report", Report) or ("failure", code, message, traceback) for one file.

    A MemoryError, raised by the work or while its failure is described, goes up to
    ``worker_main``."""
    try:
        return ("report", work(task))
    except MemoryError:
        raise
    except BaseException as exc:  # noqa: BLE001 - every failure must become a row
        code, detail = classify(exc, limits)
        trace = None if code == "memory_limit" else traceback.format_exc()
        return ("failure", code, detail, trace)


def send_out_of_memory(connection: Connection, limits: WorkerLimits) -> None:
    try:
        connection.send(("failure", "memory_limit", memory_message(limits), None, None))
    except BaseException:  # noqa: BLE001 - not even that fits: the exit status says it
        os._exit(EXIT_OUT_OF_MEMORY)


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux; a no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def confine(limits: WorkerLimits) -> None:
    """Cap the address space above the current footprint, and CPU time above the deadline
    (where the platform has ``resource``; elsewhere only the parent's deadline applies)."""
    if resource is None:  # pragma: no cover - Windows
        return
    address_space = current_address_space() + limits.max_memory
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    cpu_seconds = math.ceil(limits.timeout_s) + CPU_GRACE_S
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + CPU_GRACE_S))


def current_address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def peak_rss() -> int | None:
    """Peak resident memory of this process in bytes (ru_maxrss is KiB on Linux); None where
    the platform cannot tell."""
    if resource is None:  # pragma: no cover - Windows
        return None
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


# --- the parent side ----------------------------------------------------------------------


def run_batch(
    tasks: Iterable[Task],
    work: Work,
    *,
    jobs: int,
    limits: WorkerLimits,
    on_tick: Callable[[], None] = lambda: None,
) -> Iterator[Outcome]:
    """Yield one Outcome per task as workers finish (in finishing order, not task order).

    Whatever happens to the caller (an exception, Ctrl-C, closing the generator), every
    worker still alive is killed and reaped before this returns.
    """
    pending = deque(tasks)
    running: list[Running] = []
    context = multiprocessing.get_context(START_METHOD)

    def fill() -> None:
        while pending and len(running) < max(1, jobs):
            running.append(start_worker(context, pending.popleft(), work, limits))

    try:
        fill()
        while running:
            wait_for_any(running)
            on_tick()
            done = []
            for entry in list(running):
                outcome = collect(entry, limits)
                if outcome is not None:
                    running.remove(entry)
                    done.append(outcome)
            fill()  # before the caller handles the outcomes (caching, printing): no core waits
            yield from done
    finally:
        for entry in running:
            stop(entry.process)


def start_worker(context, task: Task, work: Work, limits: WorkerLimits) -> Running:
    receiver, sender = context.Pipe(duplex=False)
    start_rss = context.RawValue("q", -1)  # the worker writes what it starts with
    # forked: reaped with wait4, so a worker that dies without a word still tells its memory
    kind = MeasuredForkProcess if START_METHOD == "fork" else context.Process
    process = kind(
        target=worker_main,
        args=(sender, task, work, limits, start_rss),
        name=f"kompass-{path_text(task.path.name)}",
    )
    process.daemon = True
    with sigint_held():
        process.start()
    sender.close()  # only the child writes; EOF on the receiver then means the child is gone
    now = time.monotonic()
    return Running(task, process, receiver, now, now + limits.timeout_s, start_rss=start_rss)


@contextlib.contextmanager
def sigint_held() -> Iterator[None]:
    """Ctrl-C held back while a worker starts: one that lands inside the start would be lost
    in multiprocessing's internals ("Exception ignored"); held, it is raised right after. The
    worker inherits SIGINT blocked: on Ctrl-C the parent stops its workers itself."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def wait_for_any(running: list[Running]) -> None:
    if not running:
        return
    earliest = min(entry.deadline for entry in running)
    timeout = max(0.0, min(TICK_S, earliest - time.monotonic()))
    wait([entry.connection for entry in running], timeout)


def collect(entry: Running, limits: WorkerLimits) -> Outcome | None:
    """The outcome of a worker that has finished, died or overrun; None while it runs."""
    if entry.connection.poll():
        entry.message = receive(entry.connection)
        entry.process.join(timeout=5)
        return finish(entry, limits, timed_out=False)
    if time.monotonic() >= entry.deadline:
        return finish(entry, limits, timed_out=True)
    return None


def receive(connection: Connection) -> tuple | None:
    try:
        return connection.recv()
    except (EOFError, OSError):  # the worker died before sending
        return None
    finally:
        connection.close()


def finish(entry: Running, limits: WorkerLimits, *, timed_out: bool) -> Outcome:
    stop(entry.process)
    outcome = outcome_from(entry, limits, timed_out=timed_out)
    entry.process.close()
    if not entry.connection.closed:
        entry.connection.close()
    return outcome


def stop(process: BaseProcess) -> None:
    if process.is_alive():
        process.kill()
    process.join()


def outcome_from(entry: Running, limits: WorkerLimits, *, timed_out: bool) -> Outcome:
    elapsed = round(time.monotonic() - entry.started, 3)
    message = entry.message
    if message is not None and message[0] == "report":
        return Outcome(entry.task, as_reports(message[1]), None, elapsed, peak_rss=message[2])
    if message is not None:
        _, code, detail, trace, rss = message
    else:
        rss = getattr(entry.process, "peak_rss", None)
        started_with = entry.start_rss.value if entry.start_rss is not None else -1
        added = rss - started_with if rss is not None and started_with >= 0 else None
        exitcode = entry.process.exitcode
        code, detail = death_cause(exitcode, limits, timed_out=timed_out, memory_added=added)
        trace = None
    failure = ExtractionFailure(
        source_file=path_text(entry.task.path),
        sha256=entry.task.sha256,
        error_code=code,
        message=detail,
        elapsed_s=elapsed,
    )
    return Outcome(entry.task, (), failure, elapsed, peak_rss=rss, traceback=trace)
