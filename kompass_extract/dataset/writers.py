"""Tables to files: CSV (UTF-8, header row) and Parquet with the same columns.

Every file is written atomically: to a temporary file in the same folder, then renamed over
the target, so a crash never leaves a half-written table behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "parquet")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; tables are for sharing
        os.replace(tmp, target)
    except OSError as exc:
        if exc.filename is None:  # a library's error (pyarrow's) names no file: name it
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
        raise
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(target: Path, write: Callable[[Path], None]) -> Path:
    with atomic_path(target) as tmp:
        write(tmp)
    return target


def write_csv(frame: pd.DataFrame, target: Path) -> Path:
    # %.10g keeps integral floats integral ("55", not "55.0") and decimals exact ("72.5").
    return write_atomic(
        target,
        lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8", float_format="%.10g"),
    )


def write_parquet(frame: pd.DataFrame, target: Path) -> Path:
    return write_atomic(target, lambda tmp: frame.to_parquet(tmp, index=False, engine="pyarrow"))


def write_tables(
    frames: dict[str, pd.DataFrame], out_dir: Path, formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Write every table in every requested format; returns the paths written."""
    written: list[Path] = []
    for fmt in formats:
        writer = write_csv if fmt == "csv" else write_parquet
        for name, frame in frames.items():
            written.append(writer(frame, Path(out_dir) / f"{name}.{fmt}"))
    return written
