"""Public functions, methods and classes of the reading, parsing and rules code say what they
take and give (shapes, units, errors) in a docstring."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kompass_extract"
DOCUMENTED = [
    *sorted((PACKAGE / "parse").glob("*.py")),
    *sorted((PACKAGE / "rules").glob("*.py")),
    PACKAGE / "read" / "layout.py",
    PACKAGE / "settings.py",
]


def undocumented(path: Path) -> list[str]:
    """``module:name`` of every public definition in ``path`` without a docstring."""
    tree = ast.parse(path.read_text("utf-8"))
    missing = []
    for node, owner in public_definitions(tree.body, ""):
        if ast.get_docstring(node) is None:
            missing.append(f"{path.relative_to(PACKAGE)}:{owner}{node.name}")
    return missing


def public_definitions(body: list[ast.stmt], owner: str):  # type: ignore[no-untyped-def]
    """Top-level functions and classes, and the methods of public classes, not named _x."""
    for node in body:
        if not isinstance(node, ast.FunctionDef | ast.ClassDef) or node.name.startswith("_"):
            continue
        yield node, owner
        if isinstance(node, ast.ClassDef):
            yield from public_definitions(node.body, f"{owner}{node.name}.")


def test_every_public_definition_has_a_docstring() -> None:
    assert [name for path in DOCUMENTED for name in undocumented(path)] == []


def test_the_check_sees_a_missing_docstring_in_a_class_too() -> None:
    source = (
        'def documented():\n    """Yes."""\n\n\ndef bare():\n    pass\n\n\n'
        'class Box:\n    """Yes."""\n\n    def area(self):\n        return 1\n\n'
        "    def _private(self):\n        return 2\n"
    )
    found = public_definitions(ast.parse(source).body, "")
    assert [f"{owner}{n.name}" for n, owner in found if ast.get_docstring(n) is None] == [
        "bare",
        "Box.area",
    ]
