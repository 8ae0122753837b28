"""The worker engine, driven by small fake per-file functions (no PDF involved)."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from kompass_extract.batch import Task, WorkerLimits, classify, run_batch
from kompass_extract.errors import NotKompassError
from kompass_extract.models import Report

FAST = WorkerLimits(timeout_s=2.0, max_memory=256 << 20)


def fake_report(task: Task, pages: int = 3) -> Report:
    return Report(
        report_id=f"fake-{task.sha256[:8]}",
        source_file=str(task.path),
        sha256=task.sha256,
        page_count=pages,
        parser_version="test",
    )


def task_named(name: str) -> Task:
    return Task(Path(name), hashlib.sha256(name.encode()).hexdigest())


def work_by_name(task: Task) -> Report:
    """Behaves according to the file name, so one batch can mix every kind of ending."""
    name = task.path.stem
    if name.startswith("spin"):
        while True:
            pass
    if name.startswith("sleep"):
        time.sleep(60)
    if name.startswith("hog"):
        hoard = []
        while True:
            hoard.append(bytearray(64 << 20))
    if name.startswith("notkompass"):
        raise NotKompassError(str(task.path), "no 'Område' headings found")
    if name.startswith("recurse"):
        raise RecursionError("maximum recursion depth exceeded")
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("segv"):
        os.kill(os.getpid(), 11)
    if name.startswith("bug"):
        raise KeyError("oops")
    return fake_report(task)


def run(names: list[str], jobs: int = 2, limits: WorkerLimits = FAST) -> dict[str, object]:
    outcomes = run_batch([task_named(n) for n in names], work_by_name, jobs=jobs, limits=limits)
    return {o.task.path.name: o for o in outcomes}


def code_of(outcome) -> str:
    return "ok" if outcome.report is not None else outcome.failure.error_code


def test_good_files_come_back_as_reports_with_their_page_count():
    outcomes = run(["a.pdf", "b.pdf", "c.pdf"])
    assert {name: code_of(o) for name, o in outcomes.items()} == dict.fromkeys(
        ["a.pdf", "b.pdf", "c.pdf"], "ok"
    )
    assert outcomes["a.pdf"].pages == 3
    assert outcomes["a.pdf"].peak_rss and outcomes["a.pdf"].peak_rss > 1 << 20


def test_each_kind_of_failure_gets_its_code_and_the_rest_still_finish():
    names = ["good.pdf", "spin.pdf", "sleep.pdf", "hog.pdf", "notkompass.pdf", "recurse.pdf",
             "crash.pdf", "bug.pdf"]
    outcomes = run(names)
    assert {name: code_of(o) for name, o in outcomes.items()} == {
        "good.pdf": "ok",
        "spin.pdf": "timeout",
        "sleep.pdf": "timeout",
        "hog.pdf": "memory_limit",
        "notkompass.pdf": "not_kompass",
        "recurse.pdf": "malformed",
        "crash.pdf": "internal",
        "bug.pdf": "internal",
    }
    for outcome in outcomes.values():
        if outcome.failure is not None:
            assert outcome.failure.message.strip()
            assert outcome.failure.sha256 == outcome.task.sha256


def test_a_timeout_stops_the_file_near_its_deadline():
    outcome = run(["sleep.pdf"], limits=WorkerLimits(timeout_s=1.0))["sleep.pdf"]
    assert outcome.failure.error_code == "timeout"
    assert 1.0 <= outcome.elapsed_s < 10
    assert "--timeout" in outcome.failure.message


def test_internal_failures_carry_a_traceback_for_debug():
    outcome = run(["bug.pdf"])["bug.pdf"]
    assert "KeyError" in outcome.traceback


def test_no_worker_survives_the_batch():
    before = set(child_pids())
    run(["spin.pdf", "sleep.pdf", "a.pdf"])
    assert set(child_pids()) <= before


def test_closing_the_batch_early_kills_running_workers():
    outcomes = run_batch(
        [task_named(n) for n in ["a.pdf", "sleep1.pdf", "sleep2.pdf"]],
        work_by_name,
        jobs=3,
        limits=WorkerLimits(timeout_s=60),
    )
    first = next(outcomes)
    assert first.task.path.name == "a.pdf"
    outcomes.close()
    assert child_pids() == []


def test_two_workers_run_at_the_same_time():
    started = time.monotonic()
    outcomes = run(["sleep1.pdf", "sleep2.pdf"], jobs=2, limits=WorkerLimits(timeout_s=1.0))
    assert all(code_of(o) == "timeout" for o in outcomes.values())
    assert time.monotonic() - started < 1.9  # one after the other would take at least 2 s


@pytest.mark.parametrize(
    ("exception", "code"),
    [(MemoryError(), "memory_limit"), (ValueError("x"), "internal")],
)
def test_classify_plain_exceptions(exception, code):
    assert classify(exception, FAST)[0] == code


def test_classify_recognises_pdf_library_errors_by_class_name():
    PDFPasswordIncorrect = type("PDFPasswordIncorrect", (Exception,), {})
    code, message = classify(PDFPasswordIncorrect(), FAST)
    assert code == "encrypted"
    assert "--password" in message


def child_pids() -> list[int]:
    path = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    if not path.exists():
        pytest.skip("needs /proc")
    return [int(pid) for pid in path.read_text().split()]
