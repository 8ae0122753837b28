"""Every box holds its value: the glyphs inside each box of every sample, read back with
pdfplumber itself (``tests/boxcheck.py``), are the value's text or hold its printed figures."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from kompass_extract import extract_report
from kompass_extract.models import Report
from kompass_extract.pipeline import extract_reports
from tests.boxcheck import box_problems, boxed_values

pytestmark = pytest.mark.slow

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.pdf"))
TURNED = Path(__file__).resolve().parents[2] / "shared/cases/text-pages-turned-sideways/input.pdf"
LINE = 14.0  # points: more than one line of the samples' body text and table rows


@cache
def extracted(path: Path) -> Report:
    return extract_report(path)


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_every_box_holds_its_value(pdf: Path) -> None:
    values = boxed_values(extracted(pdf))
    assert box_problems(str(pdf), values) == []


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_every_value_read_from_the_text_has_a_box(pdf: Path) -> None:
    report = extracted(pdf)
    records = [report.overall_comments] if report.overall_comments else []
    for area in report.areas:
        records += [area, *area.subareas, *area.findings, *area.questions]
        records += [area.summary] if area.summary else []
        assert (area.score is None) == (area.score_x0 is None), f"area {area.area_no} score"
        has_total = area.overview_total is not None
        assert has_total == (area.overview_x0 is not None), f"area {area.area_no} total"
    assert [r for r in records if r.x0 is None] == []


@pytest.mark.parametrize("shift", [LINE, -LINE])
def test_boxes_moved_by_one_line_are_caught(shift: float) -> None:
    pdf = SAMPLES[0].with_name("amal-2019.pdf")
    values = boxed_values(extracted(pdf))
    moved = [
        dataclasses.replace(v, box=(v.box[0], v.box[1] + shift, v.box[2], v.box[3] + shift))
        for v in values
    ]
    assert len(box_problems(str(pdf), moved)) == len(values)


@pytest.mark.skipif(not TURNED.exists(), reason="needs ../shared/cases")
def test_boxes_on_pages_turned_sideways_are_in_the_page_as_displayed() -> None:
    (report,) = extract_reports(TURNED)
    values = boxed_values(report)
    turned = [v for v in values if v.what.startswith("question")]
    assert turned and box_problems(str(TURNED), values) == []
    # the same boxes left in the upright frame the reader read them in do not hold the values
    with pdfplumber.open(TURNED) as pdf:
        width = pdf.pages[turned[0].page - 1].width  # as displayed: /Rotate 90 applied
    upright = [
        dataclasses.replace(v, box=(v.box[1], width - v.box[2], v.box[3], width - v.box[0]))
        for v in turned
    ]
    assert len(box_problems(str(TURNED), upright)) == len(turned)
