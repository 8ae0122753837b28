"""The parent made warm before it forks workers: what every worker needs is loaded once.

A forked worker inherits the parent's memory. Whatever the parent has not loaded (the
pipeline and its reading engines, the rules' data files, validated into models), each worker
loads again for its one file, a cold start that costs tens of milliseconds per file. Loaded
in the parent, then moved out of the garbage collector's sight with ``gc.freeze()``, the
objects are shared by every worker and stay shared: a collection in a worker does not touch
them, so their pages are not copied. The parent reads no PDF here (workers do: a hostile
file must not reach the parent); only the package's own data files.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import time
from collections.abc import Callable, Iterator, Sequence

from kompass_extract.batch.workers import Outcome, Task, WorkerLimits, run_batch
from kompass_extract.models import Report

# Imported by the parent for its workers: the pipeline imports every reading engine.
WORKER_MODULES = ("kompass_extract.pipeline", "kompass_extract.read.structure")


def load_rules() -> None:
    """Load and validate every rules data file into its cached models (each loader caches)."""
    from kompass_extract.rules.counties import load_counties
    from kompass_extract.rules.doubt import doubt_rules
    from kompass_extract.rules.frameworks import load_frameworks, normalise_area_name
    from kompass_extract.rules.municipalities import resolve_municipality
    from kompass_extract.rules.vocabulary import vocabulary

    vocabulary()
    load_frameworks()
    normalise_area_name("Område 1")  # the area-name forms and their pattern
    resolve_municipality("Åmål")  # the municipality list, its forms and its indexes
    load_counties()
    doubt_rules()


def warm_up() -> float:
    """Import the workers' modules and load the rules in this process; seconds it took."""
    started = time.perf_counter()
    for name in WORKER_MODULES:
        importlib.import_module(name)
    load_rules()
    return time.perf_counter() - started


@contextlib.contextmanager
def warm_parent() -> Iterator[None]:
    """Within the block, this process is warm (``warm_up``) and its objects are frozen out
    of garbage collection (``gc.freeze``), so forked workers share them; unfrozen after."""
    warm_up()
    gc.collect()  # what is garbage now is not frozen with the rest
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_warm(
    tasks: Sequence[Task],
    work: Callable[[Task], Report | Sequence[Report]],
    *,
    jobs: int,
    limits: WorkerLimits,
    on_tick: Callable[[], None],
) -> Iterator[Outcome]:
    """``run_batch`` forking from a warm parent (the pipeline imported, the rules loaded, then
    frozen out of garbage collection); no warm-up when there is no task.

    The largest files go first: the run's end, when fewer files are left than workers and
    cores idle, is then spent on small files (a file's size stands in for its work).
    """
    if not tasks:
        return
    largest_first = sorted(tasks, key=lambda task: task.size, reverse=True)
    with warm_parent():
        yield from run_batch(largest_first, work, jobs=jobs, limits=limits, on_tick=on_tick)
