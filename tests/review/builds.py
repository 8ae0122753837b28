"""Builds for the review tests: real samples extracted, with a failed file, and, where the build
records no boxes yet, boxes laid on the page by a rule (the tests compare what the browser shows
with whatever box the tables hold)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kompass_extract.dataset.load import build_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
BOXED_TABLES = ("questions", "findings", "summaries", "subareas")
EDGES = ("x0", "top", "x1", "bottom")
AREA_PREFIXES = ("", "score_", "overview_")


def laid_box(index: int) -> tuple[float, float, float, float]:
    """A box inside an A4 page (595 x 842 pt), different for each index."""
    x0 = 40.0 + (index * 37) % 380
    top = 60.0 + (index * 53) % 700
    return x0, top, x0 + 60.0 + (index * 11) % 90, top + 9.5 + index % 7


def with_boxes(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with box columns by ``laid_box`` (areas: heading, score and overview boxes,
    the score and overview on the heading's page); unchanged when it has them already."""
    if "x0" in frame.columns:
        return frame
    frame = frame.copy()
    prefixes = AREA_PREFIXES if table == "areas" else ("",)
    for offset, prefix in enumerate(prefixes):
        boxes = [laid_box(i * 3 + offset) for i in range(len(frame))]
        if prefix:
            frame[f"{prefix}page"] = frame["page"]
        for position, edge in enumerate(EDGES):
            frame[f"{prefix}{edge}"] = pd.array([b[position] for b in boxes], dtype="Float64")
    return frame


def add_boxes(out: Path) -> None:
    """Give every table of the build in ``out`` box columns (see ``with_boxes``), in each of
    its formats."""
    current = (out / ".builds" / "current").resolve()
    for table, path in build_files(current).items():
        if table not in (*BOXED_TABLES, "areas"):
            continue
        for fmt in ("csv", "parquet"):
            file = path.with_suffix(f".{fmt}")
            if not file.exists():
                continue
            if fmt == "csv":
                frame = pd.read_csv(file, dtype="string", keep_default_na=False, na_values=[""])
                with_boxes(table, frame).to_csv(file, index=False)
            else:
                with_boxes(table, pd.read_parquet(file)).to_parquet(file, index=False)


def set_report_values(out: Path, report_id: str, **values: object) -> None:
    """Change columns of one report's row of ``reports`` in every format of the build."""
    current = (out / ".builds" / "current").resolve()
    for file in (current / "reports.csv", current / "reports.parquet"):
        if not file.exists():
            continue
        csv = file.suffix == ".csv"
        if csv:
            frame = pd.read_csv(file, dtype="string", keep_default_na=False, na_values=[""])
        else:
            frame = pd.read_parquet(file)
        mask = frame["report_id"] == report_id
        for column, value in values.items():
            frame.loc[mask, column] = str(value) if csv else value
        if csv:
            frame.to_csv(file, index=False)
        else:
            frame.to_parquet(file, index=False)


def add_check_row(out: Path, row: dict[str, object]) -> None:
    """Append one row to the build's checks table (as a parse note's warning appears there)."""
    current = (out / ".builds" / "current").resolve()
    for file in (current / "checks.csv", current / "checks.parquet"):
        if not file.exists():
            continue
        if file.suffix == ".csv":
            frame = pd.read_csv(file, dtype="string", keep_default_na=False, na_values=[""])
            added = pd.DataFrame([{k: None if v is None else str(v) for k, v in row.items()}])
            pd.concat([frame, added.astype("string")]).to_csv(file, index=False)
        else:
            frame = pd.read_parquet(file)
            added = pd.DataFrame([row]).astype(frame.dtypes.to_dict())
            pd.concat([frame, added]).to_parquet(file, index=False)
