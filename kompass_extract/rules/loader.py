"""One loader for the rules' data files, and one error type for a file that cannot be used.

Every data file says where its content comes from: a JSON file opens with a ``"$source"`` key
(a non-empty string; keys starting with ``$`` are notes for people and are not passed to the
model), a CSV file has a ``<stem>.SOURCE.md`` beside it. ``load_json`` and ``load_csv`` check
that, then validate the content into frozen pydantic models; any problem raises
``RulesDataError`` naming the file, the line where one can be told, and what is wrong.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

SOURCE_KEY = "$source"
NOTE_PREFIX = "$"

Model = TypeVar("Model", bound=BaseModel)


class RulesDataError(ValueError):
    """A rules data file that cannot be used.

    ``str(error)`` is ``"<file>[, line N]: <problem>"``; ``path``, ``line`` (None where no line
    can be told) and ``problem`` are kept as attributes.
    """

    def __init__(self, path: str | Path, problem: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


def rules_file(name: str) -> Path:
    """The path of a data file shipped in the package's ``rules`` folder (``name`` relative)."""
    return Path(str(resources.files("kompass_extract.rules") / name))


def load_json(source: str | Path, model: type[Model]) -> Model:
    """A JSON data file validated into ``model``.

    ``source`` is a file name in the package's rules folder or a path. Raises
    ``RulesDataError`` for invalid JSON, a top level that is not an object, a missing or empty
    ``"$source"``, or content the model refuses (each problem with its key path and line).
    """
    path = rules_file(source) if isinstance(source, str) else source
    text = read_text(path)
    content = parse_json(path, text)
    try:
        return model.model_validate(content)
    except ValidationError as exc:
        first = exc.errors()[0]["loc"] if exc.errors() else ()
        raise RulesDataError(path, describe(exc), line=line_of(text, first)) from None


def read_text(path: Path) -> str:
    """The file's text (UTF-8); raises ``RulesDataError`` when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesDataError(path, f"cannot be read ({exc})") from None


def parse_json(path: Path, text: str) -> dict[str, Any]:
    """The top-level object of a data file, its ``$`` keys checked and dropped."""
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON (column {exc.colno}: {exc.msg})"
        raise RulesDataError(path, problem, line=exc.lineno) from None
    if not isinstance(content, dict):
        raise RulesDataError(path, "expected a JSON object at the top level", line=1)
    source = content.get(SOURCE_KEY)
    if not isinstance(source, str) or not source.strip():
        raise RulesDataError(
            path, f'must open with a "{SOURCE_KEY}" key saying where its content comes from'
        )
    return {key: value for key, value in content.items() if not key.startswith(NOTE_PREFIX)}


def describe(error: ValidationError) -> str:
    """Every problem of a validation error as ``'<key path>: <message>'``, joined by '; '."""
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "top level"
        problems.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
    return "; ".join(problems)


def line_of(text: str, key_path: Sequence[str | int]) -> int | None:
    """The 1-based line where the value at ``key_path`` starts in JSON ``text``.

    A path that leads to a key the text lacks gives the line of the deepest object found on
    the way; text that is not valid JSON gives None.
    """
    decoder = json.JSONDecoder()
    position = skip_space(text, 0)
    try:
        for part in key_path:
            found = child_position(decoder, text, position, part)
            if found is None:
                break
            position = found
    except (ValueError, IndexError):
        return None
    return text.count("\n", 0, position) + 1


def child_position(
    decoder: json.JSONDecoder, text: str, position: int, part: str | int
) -> int | None:
    """Where the member ``part`` (a key or an index) of the container at ``position`` starts."""
    opening = text[position]
    if opening not in "{[" or (opening == "{") != isinstance(part, str):
        return None
    index = 0
    position = skip_space(text, position + 1)
    while text[position] not in "}]":
        if opening == "{":
            key, position = json.decoder.scanstring(text, position + 1)  # type: ignore[attr-defined]
            position = skip_space(text, text.index(":", position) + 1)
            if key == part:
                return position
        elif index == part:
            return position
        _, position = decoder.raw_decode(text, position)
        position = skip_space(text, position)
        if text[position] == ",":
            position = skip_space(text, position + 1)
        index += 1
    return None


def skip_space(text: str, position: int) -> int:
    """The first position at or after ``position`` that is not JSON white space."""
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def load_csv(
    source: str | Path, model: type[Model], columns: Sequence[str]
) -> list[tuple[int, Model]]:
    """The rows of a CSV data file, each validated into ``model``, with their line numbers.

    The header must name exactly ``columns`` in order (the model's field names or aliases), and
    a ``<stem>.SOURCE.md`` must sit beside the file. Raises ``RulesDataError`` naming the line.
    """
    path = rules_file(source) if isinstance(source, str) else source
    sidecar = path.with_name(f"{path.stem}.SOURCE.md")
    if not sidecar.is_file():
        raise RulesDataError(
            path, f"{sidecar.name} beside it must say where its content comes from"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        found = tuple(reader.fieldnames or ())
        if found != tuple(columns):
            problem = f"expected the columns {', '.join(columns)}, found {', '.join(found)}"
            raise RulesDataError(path, problem, line=1)
        return [(line, row_to_model(path, line, row, model)) for line, row in enumerate(reader, 2)]


def row_to_model(path: Path, line: int, row: dict[str, str], model: type[Model]) -> Model:
    """One CSV row validated into ``model``; raises ``RulesDataError`` naming the line."""
    try:
        return model.model_validate(row)
    except ValidationError as exc:
        raise RulesDataError(path, describe(exc), line=line) from None
