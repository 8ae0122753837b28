"""Compare two dataset builds table by table: rows added, removed and changed.

Rows are matched on the table's primary key (from the field catalogue). Values are read with
their types (``load``) and compared as the text the CSV files print for them, so a CSV build
and a Parquet build of the same inputs are identical; an empty cell is a null. A table
without a key, or whose key is not unique in a build, is compared as whole rows. A column with
a ``tolerance`` in the catalogue (a box's coordinates) counts as changed only when it moves by
more than that, unless the comparison is ``exact``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from kompass_extract.dataset import catalogue
from kompass_extract.dataset.catalogue import TABLES
from kompass_extract.dataset.fields import FIELDS
from kompass_extract.dataset.load import LoadError, no_tables_text
from kompass_extract.dataset.load import read_table as read_typed
from kompass_extract.dataset.writers import NUMBER_PRECISION

TABLE_FORMATS = ("csv", "parquet")  # preference order when a build has both
SHOWN_VALUE_CHARS = 70

KeyValues = tuple[tuple[str, str], ...]  # (column, value) pairs naming a row


class DiffInputError(ValueError):
    """A folder given to diff is not a dataset build."""


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    key: KeyValues
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TableDiff:
    table: str
    key: tuple[str, ...] = ()
    only_in: str | None = None  # "old" or "new" when the table exists in one build only
    added: tuple[KeyValues, ...] = ()
    removed: tuple[KeyValues, ...] = ()
    changed: tuple[RowChange, ...] = ()
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    note: str | None = None

    @property
    def identical(self) -> bool:
        differences = (self.added, self.removed, self.changed, self.columns_added)
        return self.only_in is None and not any(differences) and not self.columns_removed


@dataclass(frozen=True)
class BuildDiff:
    old_dir: Path
    new_dir: Path
    tables: tuple[TableDiff, ...]

    @property
    def identical(self) -> bool:
        return all(table.identical for table in self.tables)


def table_files(build_dir: Path) -> dict[str, Path]:
    """Table name -> file of a build, preferring CSV over Parquet."""
    found: dict[str, Path] = {}
    for fmt in reversed(TABLE_FORMATS):
        found |= {path.stem: path for path in sorted(Path(build_dir).glob(f"*.{fmt}"))}
    return found


def checked_build(build_dir: Path) -> dict[str, Path]:
    """The table files of ``build_dir``; a clear error when it is no build."""
    if not Path(build_dir).is_dir():
        raise DiffInputError(f"{build_dir}: no such folder; give the OUT folder of a build")
    files = table_files(build_dir)
    if not files:
        raise DiffInputError(no_tables_text(Path(build_dir)))
    return files


def value_text(value: object) -> str:
    """A typed value as ``diff`` shows and compares it: null as ``""``, a number as the CSV
    files print it (``50``, not ``50.0``), anything else as its text."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{NUMBER_PRECISION}g}"
    return str(value)


def read_table(path: Path) -> pd.DataFrame:
    """A table file with every cell as the text of its typed value, nulls as empty strings.

    A table the catalogue knows is read with its types (``load``), so the same values compare
    equal whether they were written as CSV or as Parquet; another table is compared as text.
    """
    frame = read_typed_or_raw(path)
    return frame.astype(object).map(value_text)


def read_typed_or_raw(path: Path) -> pd.DataFrame:
    """The table with its catalogue types; as written where it has none, or where a value does
    not fit them (a build by another version: its differences are still shown)."""
    if path.stem in TABLES:
        try:
            return read_typed(path, path.stem)
        except (LoadError, ValueError, TypeError):
            pass
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    return pd.read_parquet(path)


def measured_columns(table: str) -> set[str]:
    """Columns that record the run, not the reports (``elapsed_s``): never a difference."""
    return catalogue.measured_columns(table) if table in TABLES else set()


def primary_key(table: str) -> tuple[str, ...]:
    """The catalogue's key of ``table``; empty for a table the catalogue does not know."""
    return catalogue.primary_key(table) if table in TABLES else ()


def natural_order(key: KeyValues) -> tuple[tuple[int, int, str], ...]:
    """Sort key that puts area 2 before area 10."""
    return tuple((0, int(v), "") if v.isdigit() else (1, 0, v) for _, v in key)


def row_key(row: dict[str, str], key: Iterable[str]) -> KeyValues:
    return tuple((column, row[column]) for column in key)


def keyed_rows(frame: pd.DataFrame, key: tuple[str, ...]) -> dict[KeyValues, dict[str, str]] | None:
    """Rows by key; None when the key is not unique."""
    rows = {row_key(row, key): row for row in frame.to_dict("records")}
    return rows if len(rows) == len(frame) else None


def differ(old: str, new: str, tolerance: float | None = None) -> bool:
    """Two values as ``value_text`` shows them differ: as text, or, with a ``tolerance``, as
    numbers more than ``tolerance`` apart (a null against a number always differs)."""
    if old == new:
        return False
    if tolerance is None or not old or not new:
        return True
    try:
        return abs(float(old) - float(new)) > tolerance
    except ValueError:
        return True


def field_changes(
    old: dict[str, str],
    new: dict[str, str],
    columns: list[str],
    tolerances: Mapping[str, float] | None = None,
) -> list[FieldChange]:
    """The columns whose values differ (``differ``, with each column's tolerance)."""
    allowed = tolerances or {}
    return [
        FieldChange(c, old[c], new[c]) for c in columns if differ(old[c], new[c], allowed.get(c))
    ]


def compare_keyed(
    table: str,
    key: tuple[str, ...],
    old: dict[KeyValues, dict[str, str]],
    new: dict[KeyValues, dict[str, str]],
    columns: list[str],
    tolerances: Mapping[str, float] | None = None,
) -> TableDiff:
    """Added and removed keys, and the rows whose common columns changed (beyond each
    column's tolerance)."""
    changed = []
    for row in sorted(old.keys() & new.keys(), key=natural_order):
        fields = field_changes(old[row], new[row], columns, tolerances)
        if fields:
            changed.append(RowChange(row, tuple(fields)))
    return TableDiff(
        table,
        key=key,
        added=tuple(sorted(new.keys() - old.keys(), key=natural_order)),
        removed=tuple(sorted(old.keys() - new.keys(), key=natural_order)),
        changed=tuple(changed),
    )


def compare_whole_rows(
    table: str, old: pd.DataFrame, new: pd.DataFrame, columns: list[str], note: str | None
) -> TableDiff:
    """Rows (as all their common columns) present more often in one build than in the other."""
    old_rows = Counter(row_key(row, columns) for row in old.to_dict("records"))
    new_rows = Counter(row_key(row, columns) for row in new.to_dict("records"))
    return TableDiff(
        table,
        note=note,
        added=tuple(sorted((new_rows - old_rows).elements(), key=natural_order)),
        removed=tuple(sorted((old_rows - new_rows).elements(), key=natural_order)),
    )


def compare_rows(
    table: str, old: pd.DataFrame, new: pd.DataFrame, common: list[str], *, exact: bool = False
) -> TableDiff:
    """The rows of one table, on its primary key where it has a usable one; without
    ``exact``, a box's coordinate that moved within its tolerance is no change."""
    key = primary_key(table)
    if not key or not set(key) <= set(common):
        note = "no key in both builds: compared as whole rows" if key else None
        return compare_whole_rows(table, old, new, common, note)
    old_rows, new_rows = keyed_rows(old, key), keyed_rows(new, key)
    if old_rows is None or new_rows is None:
        note = f"key ({', '.join(key)}) not unique: compared as whole rows"
        return compare_whole_rows(table, old, new, common, note)
    allowed = {} if exact or table not in TABLES else catalogue.tolerances(table)
    return compare_keyed(table, key, old_rows, new_rows, common, allowed)


def compare_tables(
    table: str, old: pd.DataFrame, new: pd.DataFrame, *, exact: bool = False
) -> TableDiff:
    """One table of two builds: its columns, then its rows on their common columns
    (``exact``: see ``compare_rows``)."""
    old_columns, new_columns = list(old.columns), list(new.columns)
    measured = measured_columns(table)
    common = [c for c in old_columns if c in new_columns and c not in measured]
    return replace(
        compare_rows(table, old, new, common, exact=exact),
        columns_added=tuple(c for c in new_columns if c not in old_columns),
        columns_removed=tuple(c for c in old_columns if c not in new_columns),
    )


def table_order(table: str) -> tuple[int, str]:
    """The contract's table order, then unknown tables by name."""
    known = list(TABLES)
    return (known.index(table) if table in known else len(known), table)


def diff_builds(old_dir: Path, new_dir: Path, *, exact: bool = False) -> BuildDiff:
    """Compare every table of two build folders (``OUT`` of two runs). A box's coordinate
    that moved by at most its catalogue ``tolerance`` (1 point) counts as a change only with
    ``exact``."""
    old_files, new_files = checked_build(old_dir), checked_build(new_dir)
    tables = []
    for table in sorted(old_files.keys() | new_files.keys(), key=table_order):
        if table not in new_files:
            tables.append(TableDiff(table, only_in="old"))
        elif table not in old_files:
            tables.append(TableDiff(table, only_in="new"))
        else:
            old, new = read_table(old_files[table]), read_table(new_files[table])
            tables.append(compare_tables(table, old, new, exact=exact))
    return BuildDiff(Path(old_dir), Path(new_dir), tuple(tables))


def shown_value(value: str, numeric: bool = False) -> str:
    """A value as ``diff`` prints it: a number of a numeric column bare (``277.87``), anything
    else (text, an empty value) quoted, cut at ``SHOWN_VALUE_CHARS``."""
    if numeric and value and is_number(value):
        return value
    if len(value) > SHOWN_VALUE_CHARS:
        value = value[: SHOWN_VALUE_CHARS - 1] + "…"
    return repr(value)


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def change_text(field: FieldChange) -> str:
    """``column: old -> new``; the column's catalogue type says whether its values are numbers."""
    spec = FIELDS.get(field.column)
    numeric = spec is not None and spec.type in ("integer", "number")
    return f"{field.column}: {shown_value(field.old, numeric)} -> {shown_value(field.new, numeric)}"


def shown_key(key: KeyValues) -> str:
    return " ".join(f"{column}={value}" for column, value in key)


def table_headline(diff: TableDiff) -> str:
    if diff.only_in is not None:
        return f"{diff.table}: only in the {diff.only_in} build"
    counts = [(len(diff.added), "added"), (len(diff.removed), "removed")]
    counts.append((len(diff.changed), "changed"))
    parts = [f"{n} {what}" for n, what in counts if n]
    parts += [f"column {c} added" for c in diff.columns_added]
    parts += [f"column {c} removed" for c in diff.columns_removed]
    return f"{diff.table}: {', '.join(parts) or 'identical'}"


def table_lines(diff: TableDiff) -> list[str]:
    """The readable report of one table: headline, then one line per row (and changed field)."""
    lines = [table_headline(diff)]
    if diff.note and not diff.identical:
        lines.append(f"  ({diff.note})")
    lines += [f"  + {shown_key(key)}" for key in diff.added]
    lines += [f"  - {shown_key(key)}" for key in diff.removed]
    for row in diff.changed:
        lines.append(f"  ~ {shown_key(row.key)}")
        lines += [f"      {change_text(field)}" for field in row.fields]
    return lines


def format_diff(diff: BuildDiff, *, summary_only: bool = False) -> str:
    """The whole comparison as text; ``summary_only`` keeps one line per table."""
    lines = [f"old: {diff.old_dir}", f"new: {diff.new_dir}"]
    for table in diff.tables:
        lines += [table_headline(table)] if summary_only else table_lines(table)
    differing = sum(not table.identical for table in diff.tables)
    verdict = "identical" if diff.identical else f"{differing} of them differ"
    lines.append(f"{len(diff.tables)} tables compared: {verdict}")
    return "\n".join(lines)
