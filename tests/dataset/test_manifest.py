"""manifest.json lists inputs, versions, time and row counts; tables do not depend on the run."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

from kompass_extract.dataset.manifest import MANIFEST_FILE, build_manifest, write_dataset_metadata
from kompass_extract.dataset.tables import reports_to_frames
from kompass_extract.dataset.writers import write_tables
from tests.dataset_reports import sample_reports

FIRST_RUN = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def make_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    first, second = folder / "a.pdf", folder / "b.pdf"
    first.write_bytes(b"%PDF-1.4 first")
    second.write_bytes(b"%PDF-1.4 second file, longer")
    return [second, first]


def build(out_dir: Path, inputs: list[Path], created: datetime) -> dict:
    frames = reports_to_frames(sample_reports())
    write_tables(frames, out_dir)
    write_dataset_metadata(out_dir, frames, inputs, created=created)
    return json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))


def test_inputs_have_size_and_sha256(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    manifest = build(tmp_path / "out", inputs, FIRST_RUN)
    by_path = {entry["path"]: entry for entry in manifest["inputs"]}
    assert sorted(by_path) == sorted(str(p) for p in inputs)
    for path in inputs:
        entry = by_path[str(path)]
        assert entry["size_bytes"] == len(path.read_bytes())
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_versions_time_and_row_counts(tmp_path):
    manifest = build(tmp_path / "out", make_inputs(tmp_path / "in"), FIRST_RUN)
    assert manifest["tool"]["pdfplumber"] == metadata.version("pdfplumber")
    assert manifest["tool"]["pdfminer.six"] == metadata.version("pdfminer.six")
    assert manifest["tool"]["parser_version"]
    assert manifest["created"] == "2024-03-01T12:00:00+00:00"
    # Two reports of 8 areas with 2 questions each (see dataset_reports).
    assert manifest["row_counts"]["reports"] == 2
    assert manifest["row_counts"]["areas"] == 16
    assert manifest["row_counts"]["questions"] == 32
    assert manifest["row_counts"]["scores"] == 16
    assert manifest["row_counts"]["summaries"] == 18
    assert manifest["row_counts"]["errors"] == 0


def test_outputs_are_hashed(tmp_path):
    out = tmp_path / "out"
    manifest = build(out, make_inputs(tmp_path / "in"), FIRST_RUN)
    names = {entry["path"] for entry in manifest["outputs"]}
    assert {"reports.csv", "reports.parquet", "datapackage.json"} <= names
    assert MANIFEST_FILE not in names
    for entry in manifest["outputs"]:
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()


def test_two_runs_give_byte_identical_tables(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    first = build(tmp_path / "one", inputs, FIRST_RUN)
    second = build(tmp_path / "two", inputs, FIRST_RUN + timedelta(hours=5))
    written = sorted(p.name for p in (tmp_path / "one").iterdir() if p.name != MANIFEST_FILE)
    assert "scores.parquet" in written and "datapackage.json" in written
    for name in written:
        one, two = tmp_path / "one" / name, tmp_path / "two" / name
        assert one.read_bytes() == two.read_bytes(), name
    assert first["outputs"] == second["outputs"]
    assert first["created"] != second["created"]


def test_an_unreadable_input_keeps_its_entry(tmp_path):
    missing = tmp_path / "gone.pdf"
    manifest = build_manifest(tmp_path, {}, [missing], created=FIRST_RUN)
    (entry,) = manifest["inputs"]
    assert entry["path"] == str(missing)
    assert entry["sha256"] is None and entry["unreadable"]


def test_parquet_only_build_describes_parquet(tmp_path):
    out = tmp_path / "out"
    frames = reports_to_frames(sample_reports())
    write_tables(frames, out, formats=("csv",))  # left over from an earlier run
    write_tables(frames, out, formats=("parquet",))
    write_dataset_metadata(out, frames, [], formats=("parquet",), created=FIRST_RUN)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {f"{t}.parquet" for t in frames}
    manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert not any(entry["path"].endswith(".csv") for entry in manifest["outputs"])
