"""The parent made warm before it forks workers: what every worker needs is loaded once.

A forked worker inherits the parent's memory. Whatever the parent has not loaded (the
pipeline and its reading engine, the rules' data files, validated into models), each worker
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
from kompass_extract.read.pages import DEFAULT_ENGINE, ENGINES
from kompass_extract.read.structure import load_parser

# Imported by the parent for its workers (the reading engine is imported by its name, below).
WORKER_MODULES = ("kompass_extract.pipeline",)


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


def warm_up(engine: str = DEFAULT_ENGINE, files: int = 1) -> float:
    """Import the workers' modules and load the rules in this process; seconds it took.

    ``engine``: the reading engine whose module is imported (a name not in ``ENGINES`` is left
    for the workers to report). ``files``: how many files the workers will read; for more than
    one, pdfminer is imported too, for the strict structure check that a file giving no report
    is asked about (``read.structure``): once here rather than in every such worker. For a
    single file it costs the same in its worker, and nothing when the file reads as a report.
    """
    started = time.perf_counter()
    for name in WORKER_MODULES:
        importlib.import_module(name)
    if engine in ENGINES:
        ENGINES[engine]  # noqa: B018 - the lookup imports the engine's module
    if files > 1:
        load_parser()
    load_rules()
    return time.perf_counter() - started


@contextlib.contextmanager
def warm_parent(engine: str = DEFAULT_ENGINE, files: int = 1) -> Iterator[None]:
    """Within the block, this process is warm (``warm_up`` for ``engine`` and ``files``) and its
    objects are frozen out of garbage collection (``gc.freeze``), so forked workers share them;
    unfrozen after."""
    warm_up(engine, files)
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
    engine: str = DEFAULT_ENGINE,
) -> Iterator[Outcome]:
    """``run_batch`` forking from a warm parent (the pipeline and ``engine``'s reader imported,
    the rules loaded, then frozen out of garbage collection); no warm-up when there is no task.

    The largest files go first: the run's end, when fewer files are left than workers and
    cores idle, is then spent on small files (a file's size stands in for its work).
    """
    if not tasks:
        return
    largest_first = sorted(tasks, key=lambda task: task.size, reverse=True)
    with warm_parent(engine, len(tasks)):
        yield from run_batch(largest_first, work, jobs=jobs, limits=limits, on_tick=on_tick)
