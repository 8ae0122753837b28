"""The inputs of a run: find the PDFs, hash each one, and read a file's bytes in a worker.

Nothing here can block on a file: discovery only lists folders and never opens a file, and
hashing refuses anything but a regular file before opening it (``read.files``) and stops at
the run's ``--timeout``. A worker reads the file again and parses only bytes whose hash is the
one the cache is keyed by: a file changed in between fails as ``unreadable`` (not cached).

Why the worker reads and re-hashes, rather than the parent handing it the bytes or an open
descriptor: reading in the worker keeps the read under the worker's time and memory limits and
keeps the parent's memory flat (it never holds a file), while a descriptor would still see the
file change in place. Hashing again costs one more pass over bytes already in memory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from kompass_extract.batch.workers import Task
from kompass_extract.errors import KompassError, UnreadableError, UsageError
from kompass_extract.models import ExtractionFailure
from kompass_extract.read.files import hash_input_file, path_text, read_input_file


def discover_pdfs(paths: Sequence[Path], out: Path | None = None) -> list[Path]:
    """PDF files named directly or found (recursively, *.pdf in any case) in folders, sorted,
    unique. Every folder is searched, whatever its name (a folder named ``x.pdf`` too). Raises
    ``UsageError`` for a missing PATH or when nothing is found."""
    found: list[Path] = []
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(
                f"{path_text(path)} does not exist; give PDF files or folders holding PDFs"
            )
        found += pdfs_under(path, out) if path.is_dir() else [path]
    if not found:
        shown = ", ".join(path_text(p) for p in paths)
        raise UsageError(f"no PDF file (*.pdf) found in {shown}")
    unique = {os.path.realpath(p): p for p in sorted(found, key=str, reverse=True)}
    return sorted(unique.values(), key=str)


def pdfs_under(folder: Path, out: Path | None) -> list[Path]:
    skipped = os.path.realpath(out) if out is not None else None
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        # Hidden folders (the results cache among them) and the output folder hold no inputs.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(root, d)) != skipped]
        found += [Path(root, f) for f in files if is_pdf_name(f)]
    return found


def is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def failure_of(path: Path, error: KompassError) -> ExtractionFailure:
    return ExtractionFailure(
        source_file=path_text(path), error_code=error.code, message=error.detail
    )


def hash_input(path: Path, max_size: int, timeout_s: float) -> Task | ExtractionFailure:
    """The file as a task (with its size and SHA-256), or a failure when it is not a regular
    file, is too large, cannot be read, or takes longer than ``timeout_s`` seconds to hash."""
    try:
        facts = hash_input_file(path, max_size, timeout_s)
    except KompassError as error:
        return failure_of(path, error)
    return Task(path, facts.sha256, facts.size)


def changed_error(path: Path) -> UnreadableError:
    return UnreadableError(
        path_text(path),
        "the file changed while the run read it (its bytes are not those hashed when the run "
        "started: a sync or download in progress?); run again when it is complete",
    )


def read_task_bytes(task: Task, max_size: int) -> bytes:
    """In a worker: the bytes of ``task``'s file, exactly those whose hash is ``task.sha256``.

    Raises ``UnreadableError`` when the file vanished or changed since it was hashed (a file
    that became too large or stopped being a regular file has changed too).
    """
    try:
        data = read_input_file(task.path, max_size)
    except UnreadableError:
        raise
    except KompassError as exc:
        raise changed_error(task.path) from exc
    if hashlib.sha256(data).hexdigest() != task.sha256:
        raise changed_error(task.path)
    return data
