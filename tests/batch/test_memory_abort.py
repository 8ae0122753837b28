"""A worker that aborts at its memory cap (as PDFium does when an allocation fails) is
``memory_limit``; one that aborts with memory to spare is a crash (``internal``).

Deterministic: each worker allocates until the address-space cap refuses it (a MemoryError
in Python, a failed allocation in PDFium), so no test depends on the machine's speed.
"""

from __future__ import annotations

import faulthandler
import os
import signal
from pathlib import Path
from typing import NoReturn

import pytest

from kompass_extract.batch.failures import OUT_OF_MEMORY_SHARE, death_cause
from kompass_extract.batch.workers import (
    MEMORY_LIMIT_ENFORCED,
    START_METHOD,
    Task,
    WorkerLimits,
    run_batch,
)
from kompass_extract.models import Report
from tests.hostile.make_fixtures import compression_bomb

SMALL = WorkerLimits(timeout_s=60.0, max_memory=96 << 20)
CHUNK = 4 << 20
pytestmark = pytest.mark.skipif(
    not MEMORY_LIMIT_ENFORCED or START_METHOD != "fork", reason="needs RLIMIT_AS and fork"
)


def fills_memory_then_aborts(task: Task) -> Report:
    """Touches memory in chunks until the cap refuses one, then aborts, as C code does."""
    kept = []
    try:
        while True:
            kept.append(bytearray(CHUNK))  # zero-filled: resident, not only reserved
    except MemoryError:
        pass
    abort_quietly()


def aborts_at_once(task: Task) -> Report:
    abort_quietly()


def abort_quietly() -> NoReturn:
    """``os.abort()`` without pytest's fault handler writing the worker's stack to the log."""
    faulthandler.disable()
    os.abort()


def reads_with_pdfium(task: Task) -> Report:
    from kompass_extract.read.pdfium import read_chars

    faulthandler.disable()  # PDFium's abort is expected: no stack in the log
    read_chars(task.path)
    raise AssertionError("the bomb was read within the cap")


def outcome_code(work, path: Path = Path("file.pdf")) -> tuple[str, str]:
    (outcome,) = run_batch([Task(path, "0" * 64)], work, jobs=1, limits=SMALL)
    assert outcome.failure is not None
    return outcome.failure.error_code, outcome.failure.message


def test_an_abort_at_the_memory_cap_is_memory_limit():
    code, message = outcome_code(fills_memory_then_aborts)
    assert code == "memory_limit"
    assert "--max-memory" in message


def test_an_abort_with_memory_to_spare_is_a_crash():
    code, message = outcome_code(aborts_at_once)
    assert code == "internal"
    assert "SIGABRT" in message


@pytest.mark.slow
def test_pdfium_inflating_a_bomb_past_the_cap_is_memory_limit(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(compression_bomb())
    assert outcome_code(reads_with_pdfium, bomb)[0] == "memory_limit"


@pytest.mark.parametrize(
    ("added", "code"),
    [
        (None, "internal"),  # not known (workers started afresh): a crash, as before
        (0, "internal"),
        (int(SMALL.max_memory * OUT_OF_MEMORY_SHARE) - 1, "internal"),
        (int(SMALL.max_memory * OUT_OF_MEMORY_SHARE), "memory_limit"),
        (SMALL.max_memory, "memory_limit"),
    ],
)
@pytest.mark.parametrize("sent", [signal.SIGABRT, signal.SIGSEGV])
def test_a_self_inflicted_death_counts_as_memory_by_what_the_worker_had_added(sent, added, code):
    assert death_cause(-sent, SMALL, timed_out=False, memory_added=added)[0] == code


def test_a_kill_from_outside_stays_worker_killed_however_much_memory():
    added = SMALL.max_memory
    assert death_cause(-signal.SIGKILL, SMALL, timed_out=False, memory_added=added)[0] == (
        "worker_killed"
    )
