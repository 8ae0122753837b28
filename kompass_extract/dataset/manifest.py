"""``manifest.json``: what a dataset build was made from and with.

Lists every input file (path as given, size, SHA-256), the versions of the tool, of pypdfium2,
pdfplumber and pdfminer.six, the time of the run, the row count of every table and the size and SHA-256
of every file written. The time lives only here: the tables, ``datapackage.json`` and
``CODEBOOK.md`` are
byte-identical for the same inputs and tool version, so their hashes here can be compared
between builds.
"""

from __future__ import annotations

import math
import platform
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kompass_extract.dataset.codebook import CODEBOOK_FILE, write_codebook
from kompass_extract.dataset.datapackage import (
    DATAPACKAGE_FILE,
    dump_json,
    write_datapackage,
    write_text_atomic,
)
from kompass_extract.dataset.writers import FORMATS, WORKBOOK_FILE
from kompass_extract.errors import KompassError
from kompass_extract.read.files import hash_input_file, path_text
from kompass_extract.version import PARSER_VERSION

if TYPE_CHECKING:
    import pandas as pd

MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
# Distributions whose version changes what is read from a PDF.
TRACKED_DISTRIBUTIONS = ("kompass-extract", "pypdfium2", "pdfplumber", "pdfminer.six")


def file_entry(path: Path, shown_as: str | None = None) -> dict[str, Any]:
    """A file as a manifest entry: path (as given, or ``shown_as``), size in bytes, SHA-256.

    A file that cannot be read (it failed, vanished, or is not a regular file) keeps its
    entry, with the reason; nothing here blocks on a named pipe or a device.
    """
    entry: dict[str, Any] = {"path": shown_as if shown_as is not None else path_text(path)}
    try:
        facts = hash_input_file(path, max_size=sys.maxsize, timeout_s=math.inf)
    except KompassError as error:
        return entry | {"size_bytes": None, "sha256": None, "unreadable": error.detail}
    return entry | {"size_bytes": facts.size, "sha256": facts.sha256}


def input_entries(inputs: Iterable[Path | str | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The manifest's ``inputs``, sorted by path: a mapping is an entry already made (the size
    and hash of the bytes a run read); a path is stat-ed and hashed now."""
    entries = [
        dict(item) if isinstance(item, Mapping) else file_entry(Path(item), path_text(item))
        for item in inputs
    ]
    unique = {entry["path"]: entry for entry in entries}
    return [unique[path] for path in sorted(unique)]


def distribution_version(name: str) -> str | None:
    """Installed version of a distribution; None when it is not installed (e.g. a source tree)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def tool_versions() -> dict[str, str | None]:
    versions = {name: distribution_version(name) for name in TRACKED_DISTRIBUTIONS}
    versions["parser_version"] = PARSER_VERSION
    versions["python"] = platform.python_version()
    return versions


def row_counts(frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    return {table: len(frame) for table, frame in frames.items()}


def output_files(
    out_dir: Path, tables: Iterable[str], formats: Iterable[str] = FORMATS
) -> list[Path]:
    """The table files and the data package present in ``out_dir``, in a stable order."""
    tables, formats = list(tables), tuple(formats)
    names = [f"{table}.{fmt}" for fmt in formats if fmt != "xlsx" for table in tables]
    names += [WORKBOOK_FILE] if "xlsx" in formats else []
    names += [DATAPACKAGE_FILE, CODEBOOK_FILE]
    return [Path(out_dir) / name for name in names if (Path(out_dir) / name).is_file()]


def build_manifest(
    out_dir: Path,
    frames: Mapping[str, pd.DataFrame],
    inputs: Iterable[Path | str | Mapping[str, Any]],
    *,
    created: datetime | None = None,
    formats: Iterable[str] = FORMATS,
) -> dict[str, Any]:
    """The manifest of the build in ``out_dir`` from ``inputs`` (PDF paths as given)."""
    created = created or datetime.now(UTC)
    return {
        "manifest_version": MANIFEST_VERSION,
        "created": created.astimezone(UTC).isoformat(timespec="seconds"),
        "tool": tool_versions(),
        "inputs": input_entries(inputs),
        "row_counts": row_counts(frames),
        "outputs": [file_entry(path, path.name) for path in output_files(out_dir, frames, formats)],
    }


def write_manifest(
    out_dir: Path,
    frames: Mapping[str, pd.DataFrame],
    inputs: Iterable[Path | str | Mapping[str, Any]],
    *,
    created: datetime | None = None,
    formats: Iterable[str] = FORMATS,
) -> Path:
    """Write ``manifest.json`` into ``out_dir`` (atomically), after the tables are written."""
    manifest = build_manifest(out_dir, frames, inputs, created=created, formats=formats)
    return write_text_atomic(Path(out_dir) / MANIFEST_FILE, dump_json(manifest))


def described_format(formats: Iterable[str]) -> str:
    """The format the data package describes: CSV when written, else Parquet, else the
    workbook (every format has the same columns)."""
    formats = tuple(formats)
    return next((fmt for fmt in ("csv", "parquet", "xlsx") if fmt in formats), "csv")


def write_dataset_metadata(
    out_dir: Path,
    frames: Mapping[str, pd.DataFrame],
    inputs: Iterable[Path | str | Mapping[str, Any]],
    *,
    formats: Iterable[str] = FORMATS,
    created: datetime | None = None,
) -> list[Path]:
    """Write ``datapackage.json``, ``CODEBOOK.md``, then ``manifest.json`` beside the tables.

    ``inputs`` are the PDF files the build read (extracted or failed): paths as given, or
    ready entries (``input_entries``); ``formats`` those the tables were written in.
    """
    out_dir, formats = Path(out_dir), tuple(formats)
    package = write_datapackage(out_dir, frames, described_format(formats))
    codebook = write_codebook(out_dir)
    manifest = write_manifest(out_dir, frames, inputs, created=created, formats=formats)
    return [package, codebook, manifest]
