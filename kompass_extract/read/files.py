"""File facts shared by the pipeline, the batch run and the manifest: safe reading and names.

Only regular files are read, and nothing here can block on a file: the type is checked with
``stat`` before anything is opened (a named pipe, a device, a socket or a folder named *.pdf
is refused at once), the file is opened without blocking and checked again on the open
descriptor (a file swapped in between is caught), and hashing stops at a deadline.

File names are any the file system allows: ``path_text`` turns one into text that UTF-8 tables
can hold, reversibly (``text_path`` gives the name back).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import regex

from kompass_extract.errors import (
    ExtractionTimeoutError,
    NotPdfError,
    TooLargeError,
    UnreadableError,
)

CHUNK_BYTES = 1 << 20
SIZE_UNITS = (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("bytes", 1))
# Not blocking on open (a FIFO would wait for a writer), no controlling terminal, binary on
# Windows; flags a platform lacks are 0.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Bytes a name keeps as they are: printable UTF-8 text. Everything else is escaped.
_CONTROL = regex.compile(r"[\x00-\x1f\x7f]")
_ESCAPE = regex.compile(r"\\(?:\\|x([0-9a-f]{2}))")


@dataclass(frozen=True, slots=True)
class FileFacts:
    """A regular file as hashed: size in bytes and SHA-256 (lowercase hex) of those bytes."""

    size: int
    sha256: str


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, lowercase hex, read in 1 MiB chunks (for files this tool
    wrote or was told to trust; inputs go through ``hash_input_file``)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def kind_of(mode: int) -> str | None:
    """'a named pipe (FIFO)', 'a folder', ... for a ``st_mode`` that is not a regular file."""
    return next(
        (kind for test, kind in _KINDS if test(mode)),
        None if stat.S_ISREG(mode) else "a special file",
    )


def not_regular(path: str | Path, mode: int) -> NotPdfError | None:
    """The error for a path that is not a regular file; None for a regular file."""
    kind = kind_of(mode)
    if kind is None:
        return None
    return NotPdfError(
        path_text(path),
        f"this is {kind}, not a regular file; only regular files named *.pdf are read"
        + (
            "; a folder is searched for PDFs (give it as PATH, or the folder above it)"
            if kind == "a folder"
            else ""
        ),
    )


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading without ever blocking.

    Raises ``NotPdfError`` for anything else (checked before opening and again on the open
    descriptor) and ``UnreadableError`` when it vanished or cannot be opened.
    """
    try:
        refused = not_regular(path, os.stat(path).st_mode)
        if refused is not None:
            raise refused
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    stream = os.fdopen(fd, "rb")
    refused = not_regular(path, os.fstat(fd).st_mode)  # swapped after the stat above
    if refused is not None:
        stream.close()
        raise refused
    return stream


def unreadable(path: str | Path, exc: OSError) -> UnreadableError:
    reason = exc.strerror or type(exc).__name__
    return UnreadableError(
        path_text(path),
        f"the file cannot be read ({reason}); check that it exists and can be read, then run again",
    )


def size_error(path: str | Path, size: int, max_size: int) -> TooLargeError | None:
    if size <= max_size:
        return None
    return TooLargeError(
        path_text(path),
        f"the file is {size_text(size, max_size)}, above the size cap of "
        f"{size_text(max_size, size)}; raise --max-size to read it",
    )


def size_text(size: int, other: int) -> str:
    """``size`` bytes in the unit of the larger of the two (bytes, KiB, MiB, GiB) with one
    decimal; in bytes when both would read the same (``10.0 KiB`` against ``10.0 KiB``)."""
    larger = max(size, other)
    unit, scale = next(
        ((unit, scale) for unit, scale in SIZE_UNITS if larger >= scale), SIZE_UNITS[-1]
    )
    if scale == 1 or f"{size / scale:.1f}" == f"{other / scale:.1f}":
        return f"{size} bytes"
    return f"{size / scale:.1f} {unit}"


def hash_input_file(
    path: str | Path,
    max_size: int,
    timeout_s: float,
    clock: Callable[[], float] = time.monotonic,
) -> FileFacts:
    """Size and SHA-256 of an input file, reading at most ``max_size`` bytes within ``timeout_s``
    seconds (``clock`` gives the time in seconds).

    Raises ``NotPdfError`` (not a regular file), ``UnreadableError`` (vanished, no permission,
    I/O error), ``TooLargeError`` (above ``max_size``) or ``ExtractionTimeoutError``.
    """
    deadline = clock() + timeout_s
    digest, size = hashlib.sha256(), 0
    with open_regular(path) as stream:
        too_large = size_error(path, os.fstat(stream.fileno()).st_size, max_size)
        if too_large is not None:
            raise too_large
        while chunk := read_chunk(path, stream):
            size += len(chunk)
            too_large = size_error(path, size, max_size)  # it grew while being read
            if too_large is not None:
                raise too_large
            digest.update(chunk)
            if clock() > deadline:
                raise hashing_timeout(path, timeout_s)
    return FileFacts(size, digest.hexdigest())


def read_chunk(path: str | Path, stream: BinaryIO) -> bytes:
    try:
        return stream.read(CHUNK_BYTES)
    except OSError as exc:
        raise unreadable(path, exc) from exc


def hashing_timeout(path: str | Path, timeout_s: float) -> ExtractionTimeoutError:
    return ExtractionTimeoutError(
        path_text(path),
        f"reading the file's bytes took longer than {timeout_s:g} s (--timeout) and was "
        "stopped; the file may be on a slow or stalled drive; raise --timeout to try again",
    )


def read_input_file(path: str | Path, max_size: int) -> bytes:
    """All the bytes of a regular input file of at most ``max_size`` bytes, read once (as many
    as its size said when it was opened: a file that grows meanwhile is read as it was).

    Raises as ``hash_input_file`` does, except for the deadline: a worker reading the file is
    stopped from outside when it overruns.
    """
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        too_large = size_error(path, size, max_size)
        if too_large is not None:
            raise too_large
        try:
            return stream.read(size)  # one buffer of the file's size, no more
        except OSError as exc:
            raise unreadable(path, exc) from exc


# --- names -------------------------------------------------------------------------------


def path_text(path: str | Path) -> str:
    """A file name as text that any UTF-8 table can hold, reversibly (``text_path``).

    The name's bytes that are printable UTF-8 text are kept as they are. A byte that is not
    part of valid UTF-8 (a Latin-1 ``Åmål.pdf`` from an old share) and a control character
    (newline, tab ...) are written ``\\xNN`` (two lowercase hex digits); a backslash that
    would otherwise read as the start of such an escape or of ``\\\\`` is doubled.
    """
    name = os.fsencode(path)
    text = name.decode("utf-8", "surrogateescape")
    if text.isprintable() and "\\" not in text:
        return text  # the common case: nothing to escape
    pieces: list[str] = []
    for char in text:
        if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that is not UTF-8
            pieces.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif _CONTROL.match(char):
            pieces.append(f"\\x{ord(char):02x}")
        else:
            pieces.append(char)
    return _double_ambiguous_backslashes(pieces)


def _double_ambiguous_backslashes(pieces: list[str]) -> str:
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if piece == "\\":
            after = "".join(pieces[index + 1 : index + 4])
            if _ESCAPE.match("\\" + after) or after.startswith("\\"):
                piece = "\\\\"
        out.append(piece)
    return "".join(out)


def text_path(text: str) -> str:
    """The file name that ``path_text`` wrote as ``text`` (a ``str`` as ``os.fsdecode`` gives
    it: bytes that are not UTF-8 come back as surrogate escapes, so ``os.fsencode`` of the
    result is the name's original bytes)."""
    raw = _ESCAPE.sub(
        lambda m: "\\" if m.group(1) is None else chr(0xDC00 + int(m.group(1), 16)), text
    )
    # Escaped bytes below 0x80 are control characters; the rest are bytes of no valid UTF-8.
    name = "".join(chr(ord(c) - 0xDC00) if 0xDC00 <= ord(c) < 0xDC80 else c for c in raw)
    return os.fsdecode(name.encode("utf-8", "surrogateescape"))
