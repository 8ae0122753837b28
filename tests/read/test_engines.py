"""Both reading engines over every sample, every case of ../shared/cases and ../shared/corpora:
the same extracted tables field by field (or the same error code), or a difference listed in
``KNOWN_DIFFERENCES`` with its reason (a difference without a reason fails)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kompass_extract.dataset.places import BOX_TOLERANCE, PLACE_FIELDS
from kompass_extract.errors import KompassError
from kompass_extract.pipeline import extract_report

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

NO_FONT_CMAP = (
    "a TrueType/CID font without a ToUnicode map: pdfminer takes the Unicode from the embedded "
    "font's own cmap table, PDFium has no Unicode for the glyphs (unmapped, U+FFFD), so the "
    "text is undecodable (unreadable_text) instead of read and found no report (not_kompass)"
)
NO_SUBSTITUTE_FONT = (
    "text in a non-embedded CJK font: PDFium has no substitute glyphs and drops those text "
    "objects, pdfminer keeps them and finds them undecodable (unreadable_text); PDFium reads "
    "the rest, which is no report (not_kompass)"
)
# (file set, path relative to it) -> (differing fields, reason)
KNOWN_DIFFERENCES: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("corpora", "pdfplumber-tests/pdfs/issue-297-example.pdf"): (
        ("error",),
        "pdfminer finds no page in the page tree (malformed: the PDF has no pages); PDFium "
        "finds one page, without text (no_text_layer)",
    ),
    ("corpora", "pdfminer-samples/contrib/2b.pdf"): (("error",), NO_FONT_CMAP),
    ("corpora", "pdfminer-samples/contrib/issue-00352-hash-twos-complement.pdf"): (
        ("error",),
        NO_FONT_CMAP,
    ),
    ("corpora", "pdfminer-samples/contrib/issue-625-identity-cmap.pdf"): (("error",), NO_FONT_CMAP),
    ("corpora", "pdfminer-samples/contrib/issue-791-non-unicode-cmap.pdf"): (
        ("error",),
        NO_FONT_CMAP,
    ),
    ("corpora", "pdfminer-samples/contrib/matplotlib.pdf"): (("error",), NO_FONT_CMAP),
    ("corpora", "pdfminer-samples/simple3.pdf"): (("error",), NO_SUBSTITUTE_FONT),
    ("corpora", "pdfplumber-tests/pdfs/pr-136-example.pdf"): (("error",), NO_SUBSTITUTE_FONT),
}


def pdfs(folder: Path) -> list[Path]:
    """Every PDF under ``folder`` (none when it is absent)."""
    return sorted(folder.rglob("*.pdf")) if folder.is_dir() else []


FILE_SETS = {"samples": ROOT / "samples", "cases": SHARED / "cases", "corpora": SHARED / "corpora"}
FILES = [
    pytest.param(name, path, id=f"{name}/{path.relative_to(folder)}")
    for name, folder in FILE_SETS.items()
    for path in (pdfs(folder) if name != "samples" else sorted(folder.glob("*.pdf")))
]


def outcome(path: Path, engine: str) -> dict[str, Any]:
    """The report's fields as plain data, or ``{"error": code}``."""
    try:
        return extract_report(path, engine=engine).model_dump(mode="json")
    except KompassError as exc:
        return {"error": exc.code}


PLACES = {field.name for field in PLACE_FIELDS if field.tolerance is not None}


def split_boxes(data: Any, boxes: list[float]) -> Any:
    """``data`` without its boxes' coordinates, which go to ``boxes`` in order: the engines
    measure glyph boxes apart by up to 0.5 pt, so boxes are compared within a tolerance."""
    if isinstance(data, dict):
        boxes += [data[k] for k in sorted(data) if k in PLACES and data[k] is not None]
        return {k: split_boxes(v, boxes) for k, v in data.items() if k not in PLACES}
    if isinstance(data, list):
        return [split_boxes(v, boxes) for v in data]
    return data


def differing_fields(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...]:
    """Top-level fields whose values differ."""
    return tuple(sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)))


@pytest.mark.slow
@pytest.mark.parametrize(("file_set", "path"), FILES)
def test_engines_extract_the_same_tables(file_set: str, path: Path) -> None:
    folder = FILE_SETS[file_set]
    key = (file_set, path.relative_to(folder).as_posix())
    boxes: tuple[list[float], list[float]] = ([], [])
    reference = split_boxes(outcome(path, "pdfplumber"), boxes[0])
    other = split_boxes(outcome(path, "pdfium"), boxes[1])
    differing = differing_fields(reference, other)
    if not differing:
        assert len(boxes[0]) == len(boxes[1]), f"{key}: boxes of other values"
        apart = max((abs(x - y) for x, y in zip(*boxes, strict=True)), default=0.0)
        assert apart <= BOX_TOLERANCE, f"{key}: boxes {apart} pt apart"
    if key in KNOWN_DIFFERENCES:
        fields, reason = KNOWN_DIFFERENCES[key]
        assert reason.strip(), f"{key}: a listed difference needs its reason"
        assert differing == fields, f"{key}: now differs in {differing}, listed {fields}"
    else:
        assert differing == (), f"{key}: the engines differ in {differing}"


def test_every_listed_difference_has_a_reason() -> None:
    assert all(reason.strip() for _, reason in KNOWN_DIFFERENCES.values())
