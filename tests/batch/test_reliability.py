"""Batch runs that never hang, crash, mix two builds or cache a lie.

Each case of an adversarial run: a file replaced between hashing and reading, FIFOs, devices,
sockets and folders named *.pdf, file names that are not UTF-8, kills at several points of
writing a build, a full file system, files that vanish, workers killed from outside, memory
errors, internal errors and a new tool version, and the lock. Controllable stand-ins replace
the PDF pipeline where the PDF does not matter, so nothing here depends on the machine's speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompass_extract.batch.cache import Attempt, ResultCache
from kompass_extract.batch.engine import (
    RunOptions,
    discover_pdfs,
    exclusive_out,
    read_one,
    run_extraction,
)
from kompass_extract.batch.failures import death_cause
from kompass_extract.batch.progress import QuietReporter
from kompass_extract.batch.workers import Task, WorkerLimits, run_batch
from kompass_extract.errors import ExtractionTimeoutError, MalformedError, NotPdfError
from kompass_extract.models import ExtractionFailure, Report
from kompass_extract.read.files import hash_input_file, open_regular, path_text, text_path
from kompass_extract.read.precheck import Limits
from tests.batch.test_batch import archive
from tests.hostile.make_fixtures import text_page_pdf

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "samples").glob("*.pdf"))
LIMITS = WorkerLimits(timeout_s=30.0, max_memory=512 << 20)  # generous: a busy machine
CLI_LIMITS = ["--timeout", "60", "--max-memory", "1G", "--jobs", "2"]
HANG_S = 120  # a run that has not ended by then hangs


def extract_bytes(path: Path, *, data: bytes, sha256: str | None = None, **_: object) -> Report:
    """Stands in for the pipeline, as trusting as it is: the report of the bytes it was given
    (``municipality`` names their hash), labelled with the hash given by the caller."""
    parsed = hashlib.sha256(data).hexdigest()
    sha = sha256 or parsed
    return Report(
        report_id=f"{path.stem}-{sha[:8]}",
        source_file=path_text(path),
        sha256=sha,
        municipality=f"parsed-{parsed[:12]}",
        page_count=1,
        parser_version="test",
    )


class Meddler(QuietReporter):
    """A reporter that runs ``act`` once the inputs are hashed, before any worker reads."""

    def __init__(self, act) -> None:
        super().__init__()
        self.act = act

    def start(self, total: int, cached: int) -> None:
        self.act()


def run(folder: Path, out: Path, extract=extract_bytes, reporter=None, **changes):
    options = RunOptions(paths=(folder,), out=out, jobs=2, limits=LIMITS, **changes)
    return run_extraction(options, discover_pdfs([folder]), extract, reporter or QuietReporter())


def cache_entries(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in (out / ".cache").rglob("*.json")}


def cli(*argv: str, command: str = "extract") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kompass_extract", command, *argv],
        cwd=REPO,
        capture_output=True,
        timeout=HANG_S,
    )


# --- hash what you read ---------------------------------------------------------------------


def test_a_file_replaced_between_hashing_and_reading_caches_no_lie(tmp_path):
    folder, out = archive(tmp_path / "in", ["a.pdf"]), tmp_path / "out"
    target = folder / "a.pdf"
    old, new = target.read_bytes(), text_page_pdf() + b"% another report\n"
    old_sha, new_sha = (hashlib.sha256(b).hexdigest() for b in (old, new))

    result = run(folder, out, reporter=Meddler(lambda: target.write_bytes(new)))
    (failure,) = result.failures
    assert (failure.error_code, result.reports) == ("unreadable", [])
    assert "changed while the run read it" in failure.message
    assert cache_entries(out) == {}  # neither the old hash nor the new one holds a guess

    assert [r.municipality for r in run(folder, out).reports] == [f"parsed-{new_sha[:12]}"]
    target.write_bytes(old)  # a genuine copy of the old file gets its own report
    assert [r.municipality for r in run(folder, out).reports] == [f"parsed-{old_sha[:12]}"]
    for key, entry in cache_entries(out).items():
        assert entry["reports"][0]["municipality"] == f"parsed-{key[:12]}"


@pytest.mark.skipif(len(SAMPLES) < 2, reason="needs two sample PDFs")
def test_the_pipeline_parses_the_bytes_it_is_given_not_the_file_at_the_path():
    from kompass_extract.pipeline import extract_report

    first, second = SAMPLES[0], SAMPLES[1]
    data = first.read_bytes()
    report = extract_report(second, data=data)
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert report.report_id == extract_report(first).report_id


def test_read_one_refuses_bytes_that_are_not_the_ones_hashed(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4 one")
    task = Task(path, hashlib.sha256(b"%PDF-1.4 two").hexdigest())
    with pytest.raises(Exception, match="changed while the run read it") as raised:
        read_one(task, extract=extract_bytes, caps=Limits(), password=None)
    assert raised.value.code == "unreadable"


# --- only regular files, and nothing blocks -------------------------------------------------


def odd_entries(folder: Path) -> dict[str, str]:
    """A FIFO, a link to /dev/zero and a socket, all named *.pdf: name -> kind; and a folder
    named folder.pdf holding inside.pdf (searched like any folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.pdf")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    (folder / "folder.pdf").mkdir()
    (folder / "folder.pdf" / "inside.pdf").write_bytes(text_page_pdf())
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(folder / "sock.pdf"))
    return {
        "pipe.pdf": "named pipe",
        "zero.pdf": "character device",
        "sock.pdf": "socket",
    }


@pytest.mark.skipif(not SAMPLES, reason="no sample PDFs")
def test_fifos_devices_and_sockets_named_pdf_get_an_error_row_at_once(tmp_path):
    folder = tmp_path / "in"
    kinds = odd_entries(folder)
    (folder / "good.pdf").write_bytes(SAMPLES[0].read_bytes())
    done = cli(str(folder), "--out", str(tmp_path / "out"), *CLI_LIMITS)  # hung before
    assert done.returncode == 1, done.stderr
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8")
    for name, kind in kinds.items():
        assert f'{folder / name},,not_pdf,"this is a {kind}' in errors
    assert "folder.pdf,,not_pdf" not in errors  # a folder named *.pdf is searched
    (inside,) = [ln for ln in errors.splitlines() if "inside.pdf" in ln]
    assert inside.startswith(f"{folder / 'folder.pdf' / 'inside.pdf'},") and "not_kompass" in inside
    assert "good.pdf" in (tmp_path / "out" / "reports.csv").read_text(encoding="utf-8")


def test_check_does_not_block_on_them_either(tmp_path):
    kinds = odd_entries(tmp_path / "in")
    done = cli(str(tmp_path / "in"), "/dev/null", *CLI_LIMITS, command="check")
    assert done.returncode == 1
    for name in [*kinds, "/dev/null"]:
        assert f"{name}: cannot be checked:" in done.stderr.decode()


def test_a_special_file_is_refused_even_if_it_turns_up_after_the_stat(tmp_path, monkeypatch):
    fifo = tmp_path / "late.pdf"
    os.mkfifo(fifo)
    regular_mode = os.stat(__file__)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, **k: regular_mode if p == fifo else real_stat(p, **k))
    raised: list[BaseException] = []

    def attempt() -> None:
        try:
            open_regular(fifo)  # opened without blocking, refused on the open descriptor
        except NotPdfError as exc:
            raised.append(exc)

    opener = threading.Thread(target=attempt, daemon=True)
    opener.start()
    opener.join(HANG_S)
    assert not opener.is_alive(), "opening a FIFO blocked"
    assert "named pipe" in str(raised[0])


def test_hashing_stops_at_the_time_limit(tmp_path):
    path = tmp_path / "slow.pdf"
    path.write_bytes(b"%PDF-1.4\n" * 300_000)  # 3 chunks
    ticks = iter(range(0, 1000, 10))  # a clock that moves 10 s at every look
    with pytest.raises(ExtractionTimeoutError, match="--timeout"):
        hash_input_file(path, 1 << 30, timeout_s=25, clock=lambda: next(ticks))
    steady = hash_input_file(path, 1 << 30, timeout_s=25, clock=lambda: 0.0)
    assert steady.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --- any file name --------------------------------------------------------------------------

ODD_NAMES = [b"\xc5m\xe5l.pdf", b"line\nbreak.pdf", b"-dash.pdf", b"back\\xc5slash.pdf"]


@pytest.mark.skipif(len(SAMPLES) < len(ODD_NAMES), reason="needs a sample PDF per name")
def test_file_names_that_are_not_utf8_or_hold_newlines_or_dashes_work_end_to_end(tmp_path):
    import pandas as pd

    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    originals = [os.path.join(folder, name) for name in ODD_NAMES]
    for original, sample in zip(originals, SAMPLES, strict=False):
        Path(os.fsdecode(original)).write_bytes(sample.read_bytes())
    out = tmp_path / "out"
    dash = os.fsdecode(os.path.join(folder, b"-dash.pdf"))
    done = cli("--out", str(out), *CLI_LIMITS, "--", os.fsdecode(folder), dash)
    assert done.returncode == 0, done.stderr
    for table in (pd.read_csv(out / "reports.csv"), pd.read_parquet(out / "reports.parquet")):
        assert sorted(os.fsencode(text_path(t)) for t in table["source_file"]) == sorted(originals)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(os.fsencode(text_path(i["path"])) for i in manifest["inputs"]) == sorted(
        originals
    )
    assert b"\\xc5m\\xe5l.pdf" in done.stderr and b"line\\x0abreak.pdf" in done.stderr


NAMES = st.one_of(st.binary(min_size=1, max_size=16), st.text(min_size=1).map(os.fsencode))


@given(NAMES.filter(lambda raw: b"\0" not in raw and b"/" not in raw))
def test_the_escape_of_a_file_name_is_reversible_and_fits_any_utf8_table(raw):
    text = path_text(os.fsdecode(raw))
    assert os.fsencode(text_path(text)) == raw
    text.encode("utf-8")  # no surrogate left: any UTF-8 table can hold it
    assert not any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)  # one line, one cell


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Åmål.pdf", "Åmål.pdf"),
        (os.fsdecode(b"\xc5m\xe5l.pdf"), "\\xc5m\\xe5l.pdf"),
        ("a\nb.pdf", "a\\x0ab.pdf"),
        ("C:\\data\\report.pdf", "C:\\data\\report.pdf"),  # a lone backslash stays
        ("lit\\xc5.pdf", "lit\\\\xc5.pdf"),  # one that reads as an escape is doubled
    ],
)
def test_file_names_are_escaped_only_where_needed(name, text):
    assert path_text(name) == text
    assert text_path(text) == name


# --- a build is replaced as a whole ---------------------------------------------------------

KILLING_RUN = """
import contextlib, os, signal, sys
from kompass_extract.cli import build_parser
from kompass_extract.cli.extract import extract_paths
from kompass_extract.dataset import builds, writers
from tests.batch.test_reliability import extract_bytes

point, count = sys.argv[1].split(":")
real_atomic_path, seen = writers.atomic_path, []

def die():
    os.kill(os.getpid(), signal.SIGKILL)

@contextlib.contextmanager
def atomic_path(target):
    if ".builds" in target.parts:
        seen.append(target)
    if point == "before-file" and len(seen) == int(count):
        die()
    with real_atomic_path(target) as tmp:
        yield tmp
        if point == "mid-file" and len(seen) == int(count):
            die()  # the temporary file is written, not yet renamed

def dying(*args, **kwargs):
    die()

writers.atomic_path = atomic_path
if point in ("swap", "cleanup"):
    name = {"swap": "point_current_at", "cleanup": "remove_other_builds"}[point]
    setattr(builds, name, dying)
args = build_parser().parse_args(["extract", *sys.argv[2:]])
sys.exit(extract_paths(args, extract_bytes))
"""


def visible(out: Path) -> dict[str, bytes]:
    """OUT as a reader sees it: every file at its top level (not hidden), links followed."""
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def assert_whole(out: Path) -> dict[str, bytes]:
    """OUT shows one complete build: the manifest names exactly the files beside it, with
    their hashes."""
    shown = visible(out)
    manifest = json.loads(shown.pop("manifest.json"))
    listed = {e["path"]: e["sha256"] for e in manifest["outputs"]}
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in shown.items()}
    return shown


@pytest.mark.parametrize(
    ("point", "survivor"),
    [
        ("before-file:1", "old"),
        ("before-file:9", "old"),
        ("mid-file:18", "old"),  # the last table
        ("before-file:20", "old"),  # the manifest
        ("swap:0", "old"),
        ("cleanup:0", "new"),
    ],
)
def test_a_run_killed_while_writing_its_build_leaves_one_whole_build(tmp_path, point, survivor):
    folder, out = archive(tmp_path / "in", ["a.pdf", "b.pdf"]), tmp_path / "out"
    run(folder, out)
    old = assert_whole(out)
    (folder / "c.pdf").write_bytes(text_page_pdf() + b"% a third file\n")
    killed = subprocess.run(
        [sys.executable, "-c", KILLING_RUN, point, str(folder), "--out", str(out), "--quiet"],
        cwd=REPO,
        capture_output=True,
        timeout=HANG_S,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    shown = assert_whole(out)
    assert (shown == old) == (survivor == "old")
    assert (b"c.pdf" in shown["reports.csv"]) == (survivor == "new")

    finished = run(folder, out)
    assert len(finished.reports) == 3 and b"c.pdf" in assert_whole(out)["reports.csv"]
    assert sorted(p.name for p in (out / ".builds").iterdir())[-1] == "current"
    assert len(list((out / ".builds").iterdir())) == 2  # the current build and its link


def test_without_symbolic_links_a_build_moved_halfway_is_finished_next_time(tmp_path, monkeypatch):
    from kompass_extract.dataset import builds

    def no_links(*_args, **_kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", no_links)
    folder, out = archive(tmp_path / "in", ["a.pdf"]), tmp_path / "out"
    run(folder, out)
    assert not any(p.is_symlink() for p in out.iterdir()) and assert_whole(out)
    (folder / "b.pdf").write_bytes(text_page_pdf() + b"% b\n")
    real_move = builds.move_into
    monkeypatch.setattr(builds, "move_into", lambda out, build: None)  # killed before moving
    run(folder, out)
    (build,) = [p for p in (out / ".builds").iterdir() if p.is_dir()]
    for path in sorted(build.iterdir())[:5]:  # ... and then killed after moving five files
        path.replace(out / path.name)
    monkeypatch.setattr(builds, "move_into", real_move)
    assert builds.recover(out)
    assert b"b.pdf" in assert_whole(out)["reports.csv"]
    assert list((out / ".builds").iterdir()) == []


@contextlib.contextmanager
def small_file_system(where: Path, size: str):
    """A tmpfs of ``size`` mounted at ``where`` (needs root); skips the test elsewhere."""
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def test_a_full_disk_exits_3_naming_the_file_and_keeps_the_previous_build(tmp_path, capsys):
    from kompass_extract.cli import build_parser
    from kompass_extract.cli.extract import extract_paths

    folder = archive(tmp_path / "in", ["a.pdf", "b.pdf"])
    with small_file_system(tmp_path / "small", "1m") as disk:
        out = disk / "out"
        argv = ["extract", str(folder), "--out", str(out), "--quiet"]
        assert extract_paths(build_parser().parse_args(argv), extract_bytes) == 0
        old = assert_whole(out)
        ballast = disk / "ballast"
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        ballast.write_bytes(b"\0" * (free - 16 * 1024))  # room for a few small tables only
        capsys.readouterr()
        assert extract_paths(build_parser().parse_args(argv), extract_bytes) == 3
        message = capsys.readouterr().err
        assert "no space left on the device while writing" in message
        assert f"{out}/.builds/" in message  # names the file
        assert "still holds the previous build, whole and unchanged" in message
        assert assert_whole(out) == old
        assert [p.name for p in (out / ".builds").iterdir() if p.name.startswith(".")] == []
        ballast.unlink()
        assert extract_paths(build_parser().parse_args(argv), extract_bytes) == 0


# --- only what belongs to the file is cached ------------------------------------------------


def test_a_file_that_vanished_mid_run_is_not_cached_and_is_tried_again(tmp_path):
    folder, out = archive(tmp_path / "in", ["a.pdf", "b.pdf"]), tmp_path / "out"
    kept = (folder / "a.pdf").read_bytes()
    result = run(folder, out, reporter=Meddler((folder / "a.pdf").unlink))
    assert [(Path(f.source_file).name, f.error_code) for f in result.failures] == [
        ("a.pdf", "unreadable")
    ]
    assert len(cache_entries(out)) == 1  # b.pdf only
    (folder / "a.pdf").write_bytes(kept)
    again = run(folder, out)
    assert (again.extracted, again.failures, len(again.reports)) == (1, [], 2)


def sleeps_until_killed(path: Path, **_: object) -> Report:
    (path.parent / "worker.pid").write_text(str(os.getpid()))
    time.sleep(600)
    raise AssertionError("not killed")


@pytest.mark.parametrize("sent", [signal.SIGKILL, signal.SIGTERM])
def test_a_worker_killed_from_outside_is_worker_killed_and_tried_again(tmp_path, sent):
    folder, out = archive(tmp_path / "in", ["a.pdf"]), tmp_path / "out"
    pid_file = folder / "worker.pid"

    def killer() -> None:
        for _ in range(HANG_S * 20):
            if pid_file.exists() and pid_file.read_text():
                os.kill(int(pid_file.read_text()), sent)
                return
            time.sleep(0.05)

    threading.Thread(target=killer, daemon=True).start()
    result = run(folder, out, extract=sleeps_until_killed)
    (failure,) = result.failures
    assert failure.error_code == "worker_killed" and "killed from outside" in failure.message
    assert cache_entries(out) == {}
    pid_file.unlink()
    assert run(folder, out).extracted == 1


@pytest.mark.parametrize(
    ("exitcode", "timed_out", "code"),
    [
        (-signal.SIGKILL, False, "worker_killed"),  # the out-of-memory killer, an operator
        (-signal.SIGTERM, False, "worker_killed"),
        (-signal.SIGKILL, True, "timeout"),  # the parent's own kill at the deadline
        (-signal.SIGXCPU, False, "timeout"),  # the worker's CPU limit
        (-signal.SIGSEGV, False, "internal"),  # a crash the file brought on
        (86, False, "memory_limit"),  # could not even report its MemoryError
        (3, False, "internal"),
    ],
)
def test_how_a_worker_ended_decides_its_code(exitcode, timed_out, code):
    assert death_cause(exitcode, LIMITS, timed_out=timed_out)[0] == code


class Unprintable(Exception):
    def __str__(self) -> str:
        raise MemoryError


class Unpicklable:
    def __reduce__(self):
        raise MemoryError


def memory_everywhere(task: Task) -> Report:
    kind = task.path.stem
    if kind == "wrapped":
        try:
            raise MemoryError
        except MemoryError as exc:
            raise MalformedError(str(task.path), "a library caught it") from exc
    if kind == "describing":
        raise Unprintable()
    return Unpicklable()  # type: ignore[return-value]  # sending it runs out of memory


def test_a_memory_error_anywhere_is_memory_limit():
    tasks = [Task(Path(f"{kind}.pdf"), "0" * 64) for kind in ("wrapped", "describing", "sending")]
    outcomes = run_batch(tasks, memory_everywhere, jobs=2, limits=LIMITS)
    assert {o.task.path.stem: o.failure.error_code for o in outcomes} == dict.fromkeys(
        ("wrapped", "describing", "sending"), "memory_limit"
    )


def test_an_internal_failure_is_never_cached_and_never_served(tmp_path):
    """An unexpected error or a worker that died unexpectedly says nothing certain about the
    file's bytes: it is not stored, and an entry left by an older version is not served."""
    attempt = Attempt(10, 1 << 30, 500, 1 << 20, False)
    cache = ResultCache(tmp_path, "p", version="1.0")
    for code in ("internal", "not_kompass", "unreadable", "worker_killed"):
        sha = hashlib.sha256(code.encode()).hexdigest()
        failure = ExtractionFailure(source_file="x.pdf", sha256=sha, error_code=code, message="m")
        assert cache.store_failure(failure, attempt) == (code == "not_kompass")
        cache._write(sha, {"failure": failure.model_dump(mode="json")}, attempt)  # as of old
        assert (cache.load(sha, "x.pdf", attempt) is not None) == (code == "not_kompass")


# --- the lock -------------------------------------------------------------------------------


def test_deleting_the_cache_does_not_let_a_second_run_in(tmp_path):
    import shutil

    folder, out = archive(tmp_path / "in", ["a.pdf"]), tmp_path / "out"
    run(folder, out)
    with exclusive_out(out):
        shutil.rmtree(out / ".cache")  # the README says it may be deleted at any time
        second = cli(str(folder), "--out", str(out), *CLI_LIMITS)
    assert second.returncode == 2 and b"another extraction" in second.stderr
    assert (out / ".lock").exists()


# --- as on Windows: no fork, no RLIMIT, no flock, no symbolic links --------------------------

WINDOWS_LIKE_RUN = """
import multiprocessing, os, sys
sys.modules["resource"] = None  # absent on Windows, as fcntl is
sys.modules["fcntl"] = None
multiprocessing.get_all_start_methods = lambda: ["spawn"]

def no_links(*args, **kwargs):
    raise OSError(1, "A required privilege is not held by the client")

os.symlink = no_links
from kompass_extract.batch import workers
from kompass_extract.cli import main
assert workers.START_METHOD == "spawn" and not workers.MEMORY_LIMIT_ENFORCED
sys.exit(main(["extract", *sys.argv[1:]]))
"""


@pytest.mark.skipif(not SAMPLES, reason="no sample PDFs")
def test_a_run_without_fork_rlimit_flock_or_symbolic_links_still_works(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(SAMPLES[0].read_bytes())
    argv = [str(folder), "--out", str(out), "--quiet", "--jobs", "1", "--timeout", "120"]
    done = subprocess.run(
        [sys.executable, "-c", WINDOWS_LIKE_RUN, *argv],
        cwd=REPO,
        capture_output=True,
        timeout=HANG_S * 2,
    )
    assert done.returncode == 0, done.stderr
    assert not any(p.is_symlink() for p in out.iterdir())
    assert b"report.pdf" in assert_whole(out)["reports.csv"]
