"""The real-world text-layer and damaged-file cases of ``../shared/cases`` give their right result.

Each case is the sample report with one condition a real producer leaves in a PDF's text layer
(decomposed letters, ligature glyphs, soft hyphens, fake bold, no space characters, bullets or
letters without a Unicode map, pages turned sideways) or a damaged one-page PDF. The right
result is the frozen expected file of the clean report (``cases/README.md``), compared field by
field, with every reading engine; or a clear error code. Skipped where ``../shared`` is absent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kompass_extract import Report, extract_report
from kompass_extract.errors import KompassError
from kompass_extract.models import BOX_SIDES
from kompass_extract.read.pages import ENGINES

BOX = set(BOX_SIDES)  # checked against the PDF itself by tests/test_boxes.py
CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "cases"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CASES.is_dir(), reason="../shared/cases is absent"),
]
TEXT_CASES = [
    "text-decomposed-letters",
    "text-ligatures",
    "text-soft-hyphens",
    "text-overprinted-bold",
    "text-no-space-characters",
    "text-bullets-without-unicode",
    "text-pages-turned-sideways",
]
# Code points that must never reach a table: controls, ligatures, soft hyphens.
FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\n"} | {
    *map(chr, range(0xFB00, 0xFB07)),
    "\u00ad",
}


@cache
def extracted(case: str, engine: str) -> Report:
    return extract_report(CASES / case / "input.pdf", engine=engine)


def as_expected(report: Report) -> dict[str, Any]:
    """The report in the expected files' shape (``cases/*.expected.json``), every field."""
    return {
        "report": {
            "municipality": report.municipality,
            "municipality_code": report.municipality_code,
            "evaluation_year": report.evaluation_year,
            "evaluation_month": report.evaluation_month,
            "framework": report.framework,
            "evaluators": list(report.evaluators),
            "page_count": report.page_count,
        },
        "overall_comments": _text(report.overall_comments),
        "areas": [
            {
                "area_no": a.area_no,
                "area_name": a.area_name,
                "score": a.score,
                "max_score": a.max_score,
                "page": a.page,
                "subareas": [s.model_dump(exclude=BOX) for s in a.subareas],
                "strengths": [{"text": f.text, "page": f.page} for f in a.strengths],
                "improvements": [{"text": f.text, "page": f.page} for f in a.improvements],
                "summary": _text(a.summary),
                "overview": {
                    "total": a.overview_total,
                    "max": a.overview_max,
                    "percent": a.overview_percent,
                    "page": a.overview_page,
                },
                "questions": [q.model_dump(exclude={"area_no", *BOX}) for q in a.questions],
            }
            for a in report.areas
        ],
    }


def _text(summary: Any) -> dict[str, Any] | None:
    return None if summary is None else {"text": summary.text, "page": summary.page}


def expected(name: str) -> dict[str, Any]:
    data = json.loads((CASES / name).read_text("utf-8"))
    return {key: data[key] for key in ("report", "overall_comments", "areas")}


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("case", TEXT_CASES)
def test_a_text_layer_condition_reads_like_the_clean_report(case: str, engine: str) -> None:
    got = as_expected(extracted(case, engine))
    assert got == expected("amal-2019.expected.json")
    assert not {ch for s in strings(got) for ch in s} & FORBIDDEN


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_letters_without_a_unicode_map_are_a_clear_error(engine: str) -> None:
    with pytest.raises(KompassError) as caught:
        extracted("text-letters-without-unicode", engine)
    assert caught.value.code == "unreadable_text"
    assert "cannot be decoded" in str(caught.value) and "ocrmypdf" in str(caught.value)


MALFORMED = sorted((CASES / "malformed").glob("*.pdf")) if CASES.is_dir() else []


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_a_damaged_file_is_malformed_with_the_reason(path: Path, engine: str) -> None:
    # PDFium reads through each of these faults (an absurd /Length up to endstream, a string
    # in the MediaBox as 0, undecodable content as nothing) and finds no report; the strict
    # parser then names the fault (read/structure.py), so every engine says malformed.
    with pytest.raises(KompassError) as caught:
        extract_report(path, engine=engine)
    assert caught.value.code == "malformed"
    assert len(caught.value.detail) > 20  # the library's reason, in words
