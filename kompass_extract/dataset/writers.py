"""Tables to files: CSV (UTF-8, header row) and Parquet with the same columns, and an Excel
workbook with one sheet per table (``workbook.py``).

Every file is written atomically: to a temporary file in the same folder, then renamed over
the target, so a crash never leaves a half-written table behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas and openpyxl are imported where tables are written, not before
    import pandas as pd

WORKBOOK_FILE = "kommunkompassen.xlsx"
"""The Excel workbook's file name in OUT."""
FORMATS = ("csv", "parquet")
"""The formats written when none are asked for."""
ALL_FORMATS = ("csv", "parquet", "xlsx")
FORMAT_ALIASES = {"both": FORMATS}
NUMBER_PRECISION = 10
"""Significant digits of every number written, in every format: CSV prints ``%.10g`` and the
frames are rounded to the same precision before writing, so Parquet holds the same values."""


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
    """Run ``write(tmp)`` on a temporary path beside ``target``, then rename it to ``target``."""
    with atomic_path(target) as tmp:
        write(tmp)
    return target


def write_csv(frame: pd.DataFrame, target: Path) -> Path:
    """One table as CSV: UTF-8, header row, empty cell for a null, numbers as ``%.10g``."""
    # %.10g keeps integral floats integral ("55", not "55.0") and decimals exact ("72.5").
    number_format = f"%.{NUMBER_PRECISION}g"
    return write_atomic(
        target,
        lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8", float_format=number_format),
    )


def write_parquet(frame: pd.DataFrame, target: Path) -> Path:
    """One table as Parquet (pyarrow), with the frame's nullable types."""
    return write_atomic(target, lambda tmp: frame.to_parquet(tmp, index=False, engine="pyarrow"))


def parse_formats(text: str) -> tuple[str, ...]:
    """``"csv,xlsx"`` -> ``("csv", "xlsx")``: a comma-separated list of ``csv``, ``parquet``,
    ``xlsx`` (``both`` stands for ``csv,parquet``), in the order of ``ALL_FORMATS``, each once.

    Raises ``ValueError`` naming an unknown format or an empty list.
    """
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    chosen: set[str] = set()
    for name in names:
        if name not in ALL_FORMATS and name not in FORMAT_ALIASES:
            known = ", ".join([*ALL_FORMATS, *FORMAT_ALIASES])
            raise ValueError(f"unknown format {name!r}: choose from {known}, comma-separated")
        chosen.update(FORMAT_ALIASES.get(name, (name,)))
    if not chosen:
        raise ValueError("no format given: choose from csv, parquet, xlsx, comma-separated")
    return tuple(fmt for fmt in ALL_FORMATS if fmt in chosen)


def write_workbook(frames: dict[str, pd.DataFrame], out_dir: Path) -> Path:
    """Write every table into ``OUT/kommunkompassen.xlsx``, one sheet each (atomically)."""
    from kompass_extract.dataset.workbook import workbook_bytes

    data = workbook_bytes(frames)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write_atomic(Path(out_dir) / WORKBOOK_FILE, write)


def write_tables(
    frames: dict[str, pd.DataFrame], out_dir: Path, formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Write every table in every requested format (``csv``, ``parquet``: one file per table;
    ``xlsx``: one workbook); returns the paths written."""
    written: list[Path] = []
    for fmt in formats:
        if fmt == "xlsx":
            written.append(write_workbook(frames, out_dir))
            continue
        writer = write_csv if fmt == "csv" else write_parquet
        for name, frame in frames.items():
            written.append(writer(frame, Path(out_dir) / f"{name}.{fmt}"))
    return written
