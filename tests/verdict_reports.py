"""Whole reports built in memory from the samples' expected files (written from the samples'
sources, never from this program's output), and ways to take a part out of one."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from kompass_extract.models import Area, Finding, ParseNote, Question, Report, SubArea, Summary

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def expected_files() -> list[Path]:
    """Every sample's expected file."""
    return sorted(SAMPLES.glob("*.expected.json"))


def sample_name(path: Path) -> str:
    """'samples/amal-2019.expected.json' -> 'amal-2019'."""
    return path.name.removesuffix(".expected.json")


def _findings(area: dict[str, Any]) -> tuple[Finding, ...]:
    return tuple(
        Finding(kind=kind, position=i, text=item["text"], page=item["page"])
        for key, kind in (("strengths", "strength"), ("improvements", "improvement"))
        for i, item in enumerate(area[key], start=1)
    )


def _area(area: dict[str, Any]) -> Area:
    overview = area["overview"]
    summary = area["summary"]
    return Area(
        area_no=area["area_no"],
        area_name=area["area_name"],
        score=area["score"],
        max_score=area["max_score"],
        overview_total=overview["total"],
        overview_max=overview["max"],
        overview_percent=overview["percent"],
        page=area["page"],
        overview_page=overview["page"],
        subareas=tuple(SubArea(**s) for s in area["subareas"]),
        findings=_findings(area),
        summary=None
        if summary is None
        else Summary(kind="area_summary", area_no=area["area_no"], **summary),
        questions=tuple(
            Question(
                area_no=area["area_no"], **{k: v for k, v in q.items() if k != "unrounded_points"}
            )
            for q in area["questions"]
        ),
    )


@cache
def report_from_expected(name: str) -> Report:
    """The report a sample's expected file describes (``name``: 'amal-2019')."""
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    meta = expected["report"]
    sha = hashlib.sha256(name.encode()).hexdigest()
    comments = expected["overall_comments"]
    return Report(
        report_id=f"{name}-{sha[:8]}",
        source_file=expected["sample"],
        sha256=sha,
        municipality=meta["municipality"],
        municipality_code=meta.get("municipality_code"),
        evaluation_year=meta["evaluation_year"],
        evaluation_month=meta["evaluation_month"],
        framework=meta["framework"],
        evaluators=tuple(meta["evaluators"]),
        page_count=meta["page_count"],
        parser_version="test",
        areas=tuple(_area(a) for a in expected["areas"]),
        overall_comments=None if comments is None else Summary(kind="overall_comments", **comments),
    )


# --- taking parts out --------------------------------------------------------------------------


def update_area(report: Report, area_no: int, **changes: Any) -> Report:
    """``report`` with area ``area_no`` changed."""
    areas = tuple(a.model_copy(update=changes) if a.area_no == area_no else a for a in report.areas)
    return report.model_copy(update={"areas": areas})


def without_area(report: Report, area_no: int) -> Report:
    """``report`` without area ``area_no``."""
    areas = tuple(a for a in report.areas if a.area_no != area_no)
    return report.model_copy(update={"areas": areas})


def has_area(report: Report, area_no: int) -> bool:
    """True when ``report`` holds area ``area_no``."""
    return any(a.area_no == area_no for a in report.areas)


def without_findings(report: Report, area_no: int, kind: str) -> Report:
    """``report`` without the findings of ``kind`` in area ``area_no`` (if it has the area)."""
    if not has_area(report, area_no):
        return report
    area = report.area(area_no)
    kept = tuple(f for f in area.findings if f.kind != kind)
    return update_area(report, area_no, findings=kept)


def without_question(report: Report, question_id: str) -> Report:
    """``report`` without the row of question ``question_id`` (if it has its area)."""
    area_no = int(question_id.split(".")[0])
    if not has_area(report, area_no):
        return report
    kept = tuple(q for q in report.area(area_no).questions if q.question_id != question_id)
    return update_area(report, area_no, questions=kept)


def with_note(report: Report, note: ParseNote) -> Report:
    """``report`` with one more parse note."""
    return report.model_copy(update={"notes": (*report.notes, note)})
