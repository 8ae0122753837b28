"""OUT's housekeeping: the lock that keeps one run per OUT, stale temporaries, a full disk."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import regex

from kompass_extract.dataset.builds import describe_state, is_disk_full
from kompass_extract.errors import DiskFullError, UsageError
from kompass_extract.read.files import path_text

CACHE_FOLDER = ".cache"
LOCK_FILE = ".lock"  # in OUT itself: deleting OUT/.cache must not delete the lock
_TEMPORARY = regex.compile(r"^\..+\.(?:csv|parquet|json|xlsx|md)\.[^.]+\.tmp$")


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files left by a run killed mid-write: the writers name them
    ``.<target name>.<random>.tmp`` beside the target (OUT itself, or inside OUT/.cache)."""
    candidates = [*out.glob(".*.tmp"), *(out / CACHE_FOLDER).rglob(".*.tmp")]
    for stale in candidates:
        if _TEMPORARY.match(stale.name) and (stale.is_file() or stale.is_symlink()):
            stale.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive_out(out: Path) -> Iterator[None]:
    """Hold OUT for this run: ``OUT/.lock``, released by the system even if the run is killed.

    Raises ``UsageError`` when another run holds it.
    """
    from filelock import FileLock, Timeout  # only a command that writes into OUT takes it

    Path(out).mkdir(parents=True, exist_ok=True)
    lock = FileLock(Path(out) / LOCK_FILE, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(
            f"another extraction is writing into {path_text(out)}; wait for it or choose "
            "another --out"
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def disk_full_as_error(out: Path) -> Iterator[None]:
    """A full disk (or quota) anywhere in the block becomes a ``DiskFullError`` naming the
    file being written and what OUT holds now."""
    try:
        yield
    except OSError as exc:
        if not is_disk_full(exc):
            raise
        where = path_text(exc.filename) if exc.filename else path_text(out)
        raise DiskFullError(where, describe_state(out)) from exc
