"""The worker engine, driven by small fake per-file functions (no PDF involved)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kompass_extract.batch.workers import Task, WorkerLimits, classify, run_batch
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
    return "ok" if outcome.reports else outcome.failure.error_code


@pytest.mark.slow
def test_good_files_come_back_as_reports_with_their_page_count():
    outcomes = run(["a.pdf", "b.pdf", "c.pdf"])
    assert {name: code_of(o) for name, o in outcomes.items()} == dict.fromkeys(
        ["a.pdf", "b.pdf", "c.pdf"], "ok"
    )
    assert outcomes["a.pdf"].pages == 3
    assert outcomes["a.pdf"].peak_rss and outcomes["a.pdf"].peak_rss > 1 << 20


@pytest.mark.slow
def test_each_kind_of_failure_gets_its_code_and_the_rest_still_finish():
    names = [
        "good.pdf",
        "spin.pdf",
        "sleep.pdf",
        "hog.pdf",
        "notkompass.pdf",
        "recurse.pdf",
        "crash.pdf",
        "bug.pdf",
    ]
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


@pytest.mark.slow
def test_a_file_that_overruns_its_deadline_is_stopped():
    outcome = run(["sleep.pdf"], limits=WorkerLimits(timeout_s=1.0))["sleep.pdf"]
    assert outcome.failure.error_code == "timeout"
    assert outcome.elapsed_s >= 1.0
    assert "--timeout" in outcome.failure.message


@pytest.mark.slow
def test_internal_failures_carry_a_traceback_for_debug():
    outcome = run(["bug.pdf"])["bug.pdf"]
    assert "KeyError" in outcome.traceback


@pytest.mark.slow
def test_no_worker_survives_the_batch():
    before = set(child_pids())
    run(["spin.pdf", "sleep.pdf", "a.pdf"])
    assert set(child_pids()) <= before


@pytest.mark.slow
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


def meet(folder: Path, me: str, other: str) -> Callable[[Task], Report]:
    """A per-file function that succeeds only if the other file is being read at the same time."""

    def work(task: Task) -> Report:
        name = task.path.stem
        (folder / f"{name}.started").touch()
        partner = folder / f"{other if name == me else me}.started"
        for _ in range(60):  # up to 3 s for the other worker to start
            if partner.exists():
                return fake_report(task)
            time.sleep(0.05)
        raise NotKompassError(str(task.path), "the other file was never started alongside")

    return work


@pytest.mark.slow
@pytest.mark.parametrize(("jobs", "together"), [(2, True), (1, False)])
def test_jobs_sets_how_many_files_are_read_at_the_same_time(tmp_path, jobs, together):
    work = meet(tmp_path, "x", "y")
    outcomes = list(
        run_batch(
            [task_named("x.pdf"), task_named("y.pdf")],
            work,
            jobs=jobs,
            limits=WorkerLimits(timeout_s=30),
        )
    )
    first_finished = outcomes[0]
    assert bool(first_finished.reports) == together


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


# --- whole runs: cache, resume, order, usage (a fake extraction over tiny real PDFs) --------

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402

from kompass_extract.batch.cache import Attempt, ResultCache, still_valid  # noqa: E402
from kompass_extract.batch.engine import (  # noqa: E402
    RunOptions,
    discover_pdfs,
    run_extraction,
)
from kompass_extract.batch.progress import QuietReporter  # noqa: E402
from kompass_extract.cli.extract import extract_paths  # noqa: E402
from kompass_extract.read.files import file_sha256  # noqa: E402
from tests.hostile.make_fixtures import text_page_pdf  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def fake_extract(
    path: Path, *, password: str | None = None, delay: float = 0.0, **_: object
) -> Report:
    """Stands in for the real pipeline: a report whose numbers come from the file name."""
    time.sleep(delay)
    if "bad" in path.name:
        raise NotKompassError(str(path), "no area headings")
    sha = file_sha256(path)
    return Report(
        report_id=f"{path.stem}-{sha[:8]}",
        source_file=str(path),
        sha256=sha,
        page_count=len(path.stem),
        parser_version="test",
    )


def archive(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(names):
        (folder / name).write_bytes(text_page_pdf() + b"%% copy %d\n" % index)
    return folder


def options_for(archive_dir: Path, out: Path, **changes) -> RunOptions:
    base = RunOptions(paths=(archive_dir,), out=out, jobs=2, limits=WorkerLimits(timeout_s=20))
    return RunOptions(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})


def table_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.mark.slow
def test_tables_do_not_depend_on_the_order_workers_finish_in(tmp_path):
    names = ["a.pdf", "b.pdf", "bad.pdf", "c.pdf", "dd.pdf"]
    files = archive(tmp_path / "in", names)
    results = []
    for seed in (1, 2):
        delays = random.Random(seed).sample([0.0, 0.1, 0.2, 0.3, 0.4], len(names))
        delay_of = dict(zip(names, delays, strict=True))

        def extract(path, *, password=None, delay_of=delay_of, **_):
            return fake_extract(path, delay=delay_of[path.name])

        out = tmp_path / f"out{seed}"
        run_extraction(
            options_for(files, out, jobs=3), discover_pdfs([files]), extract, QuietReporter()
        )
        results.append(tables_without_timing(out))
    assert results[0] == results[1]
    assert {"reports.csv", "reports.parquet", "errors"} <= set(results[0])


@pytest.mark.slow
def test_a_second_run_reads_nothing_and_writes_the_same_tables(tmp_path):
    files = archive(tmp_path / "in", ["a.pdf", "bad.pdf", "b.pdf"])
    out = tmp_path / "out"
    first = run_extraction(
        options_for(files, out), discover_pdfs([files]), fake_extract, QuietReporter()
    )
    tables = outputs_but_manifest(out)
    second = run_extraction(
        options_for(files, out), discover_pdfs([files]), fake_extract, QuietReporter()
    )
    assert (first.extracted, second.extracted) == (3, 0)
    assert outputs_but_manifest(out) == tables  # errors.csv too: its timings come from the cache


@pytest.mark.slow
def test_a_copied_file_reuses_the_cache_under_its_new_name(tmp_path):
    files = archive(tmp_path / "in", ["a.pdf"])
    out = tmp_path / "out"
    run_extraction(options_for(files, out), discover_pdfs([files]), fake_extract, QuietReporter())
    (files / "a.pdf").rename(files / "renamed.pdf")
    result = run_extraction(
        options_for(files, out), discover_pdfs([files]), fake_extract, QuietReporter()
    )
    assert result.extracted == 0
    assert [r.source_file for r in result.reports] == [str(files / "renamed.pdf")]


@pytest.mark.slow
def test_identical_files_are_extracted_once(tmp_path, capsys):
    files = archive(tmp_path / "in", ["a.pdf"])
    (files / "b.pdf").write_bytes((files / "a.pdf").read_bytes())
    result = run_extraction(
        options_for(files, tmp_path / "out"), discover_pdfs([files]), fake_extract, QuietReporter()
    )
    assert [Path(r.source_file).name for r in result.reports] == ["a.pdf"]
    assert "b.pdf: same content as" in capsys.readouterr().err


@pytest.mark.slow
def test_each_copy_of_a_failed_file_gets_its_own_error_row(tmp_path):
    files = archive(tmp_path / "in", ["bad.pdf"])
    (files / "bad-copy.pdf").write_bytes((files / "bad.pdf").read_bytes())
    result = run_extraction(
        options_for(files, tmp_path / "out"), discover_pdfs([files]), fake_extract, QuietReporter()
    )
    assert [Path(f.source_file).name for f in result.failures] == ["bad-copy.pdf", "bad.pdf"]
    assert result.extracted == 1


def test_limit_dependent_failures_are_retried_only_when_the_limit_grows():
    then = Attempt(
        timeout_s=10, max_memory=1 << 30, max_pages=500, max_size=1 << 20, password_given=False
    )
    assert still_valid("timeout", then, then)
    longer = Attempt(20, 1 << 30, 500, 1 << 20, False)
    assert not still_valid("timeout", then, longer)
    assert not still_valid("memory_limit", then, Attempt(10, 2 << 30, 500, 1 << 20, False))
    assert not still_valid("encrypted", then, Attempt(10, 1 << 30, 500, 1 << 20, True))
    assert still_valid("not_pdf", then, longer)


def test_a_corrupt_cache_entry_is_redone(tmp_path):
    cache = ResultCache(tmp_path, "test")
    cache.folder.mkdir(parents=True)
    cache.entry_path("ab" * 32).write_text("{not json")
    attempt = Attempt(1, 1, 1, 1, False)
    assert cache.load("ab" * 32, "x.pdf", attempt) is None


@pytest.mark.slow
def test_stray_temporary_files_of_a_killed_run_are_removed(tmp_path):
    files = archive(tmp_path / "in", ["a.pdf"])
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / ".reports.csv.x1y2.tmp").write_text("half")
    (out / ".cache" / ".abc.json.zz.tmp").write_text("half")
    (out / ".my-notes.tmp").write_text("not ours")
    run_extraction(options_for(files, out), discover_pdfs([files]), fake_extract, QuietReporter())
    assert sorted(p.name for p in out.rglob("*.tmp")) == [".my-notes.tmp"]


def cli_args(*argv: str) -> argparse.Namespace:
    from kompass_extract.cli import build_parser

    return build_parser().parse_args(["extract", *argv])


@pytest.mark.slow
def test_exit_codes_say_whether_every_file_was_extracted(tmp_path):
    good = archive(tmp_path / "good", ["a.pdf", "b.pdf"])
    mixed = archive(tmp_path / "mixed", ["a.pdf", "bad.pdf"])
    assert (
        extract_paths(cli_args(str(good), "--out", str(tmp_path / "o1"), "--quiet"), fake_extract)
        == 0
    )
    assert (
        extract_paths(cli_args(str(mixed), "--out", str(tmp_path / "o2"), "--quiet"), fake_extract)
        == 1
    )


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp / "missing", "does not exist"),
        (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no PDF file"),
    ],
)
def test_bad_usage_exits_2_with_one_clear_line(tmp_path, capsys, make, words):
    code = extract_paths(
        cli_args(str(make(tmp_path)), "--out", str(tmp_path / "out")), fake_extract
    )
    err = capsys.readouterr().err
    assert code == 2
    assert words in err and "Traceback" not in err


def test_bad_option_values_are_usage_errors(tmp_path, capsys):
    files = archive(tmp_path / "in", ["a.pdf"])
    code = extract_paths(
        cli_args(str(files), "--out", str(tmp_path / "o"), "--jobs", "0"), fake_extract
    )
    assert code == 2 and "--jobs" in capsys.readouterr().err


@pytest.mark.slow
def test_a_second_run_into_the_same_folder_is_refused_while_one_is_running(tmp_path, capsys):
    from kompass_extract.batch.outfolder import exclusive_out

    files = archive(tmp_path / "in", ["a.pdf"])
    out = tmp_path / "out"
    with exclusive_out(out):
        child = subprocess.run(
            [sys.executable, "-m", "kompass_extract", "extract", str(files), "--out", str(out)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert child.returncode == 2
    assert "another extraction" in child.stderr


RESUMABLE_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kompass_extract.cli import build_parser
    from kompass_extract.cli.extract import extract_paths
    from tests.batch.test_batch import fake_extract

    def slow(path, *, password=None, **_):
        return fake_extract(path, delay=float(sys.argv[1]))

    args = build_parser().parse_args(["extract", *sys.argv[2:]])
    sys.exit(extract_paths(args, slow))
""")


def run_script(delay: float, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", RESUMABLE_RUN, str(delay), *argv],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_a_run_killed_halfway_resumes_and_ends_with_the_same_tables(tmp_path):
    names = [f"r{i:02d}.pdf" for i in range(8)] + ["bad.pdf"]
    files = archive(tmp_path / "in", names)
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    assert run_script(0.0, str(files), "--out", str(whole), "--quiet").wait(60) == 1

    killed = run_script(0.5, str(files), "--out", str(resumed), "--jobs", "1")
    cache_dir = resumed / ".cache"
    deadline = time.monotonic() + 30
    while len(list(cache_dir.rglob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait(10)
    done_before = len(list(cache_dir.rglob("*.json")))
    assert 3 <= done_before < len(names)
    assert not (resumed / "reports.csv").exists()

    finished = run_script(0.0, str(files), "--out", str(resumed), "--jobs", "1")
    stdout, _ = finished.communicate(timeout=60)
    assert finished.returncode == 1
    assert f"{len(names) - done_before} read now" in stdout
    assert tables_without_timing(whole) == tables_without_timing(resumed)
    again = run_script(0.0, str(files), "--out", str(resumed))
    assert "0 read now" in again.communicate(timeout=60)[0]


def outputs_but_manifest(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in table_bytes(out).items() if k != "manifest.json"}


def tables_without_timing(out: Path) -> dict[str, bytes]:
    """All outputs byte for byte, but errors.csv without elapsed_s (a measurement) and
    without manifest.json (it records when the run happened)."""
    import pandas as pd

    tables = {
        k: v
        for k, v in table_bytes(out).items()
        if not k.startswith("errors.") and k != "manifest.json"
    }
    errors = pd.read_csv(out / "errors.csv").drop(columns="elapsed_s")
    tables["errors"] = errors.to_csv(index=False).encode()
    return tables


@pytest.mark.slow
def test_no_process_is_left_behind_when_the_run_is_killed(tmp_path):
    files = archive(tmp_path / "in", ["a.pdf", "b.pdf"])
    run = run_script(30.0, str(files), "--out", str(tmp_path / "out"), "--jobs", "2")
    deadline = time.monotonic() + 20
    while len(children_of(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children_of(run.pid)
    assert len(workers) == 2
    run.send_signal(signal.SIGKILL)
    run.wait(10)
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{pid}").exists() and not zombie(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived its parent"
        time.sleep(0.05)


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return True


@pytest.mark.slow
def test_cache_entries_are_json_with_the_attempt(tmp_path):
    files = archive(tmp_path / "in", ["bad.pdf"])
    out = tmp_path / "out"
    run_extraction(options_for(files, out), discover_pdfs([files]), fake_extract, QuietReporter())
    (entry,) = (out / ".cache").rglob("*.json")
    stored = json.loads(entry.read_text())
    assert stored["failure"]["error_code"] == "not_kompass"
    assert stored["attempt"]["timeout_s"] == 20
    assert "source_file" not in stored["failure"]
