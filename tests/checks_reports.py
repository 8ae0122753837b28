"""Reports built by hand for the check tests: the Åmål 2019 overview and small variations."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from kompass_extract.models import Area, Question, Report

FIXTURE = Path(__file__).parent / "fixtures" / "amal-2019-overview.json"


def load_amal_overview() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def make_question(
    question_id: str, points: float | None, max_points: float | None, percent: float | None
) -> Question:
    area_no = int(question_id.split(".")[0])
    return Question(
        area_no=area_no,
        question_id=question_id,
        question_text=f"Fråga {question_id}",
        points=points,
        max_points=max_points,
        percent=percent,
        page=38,
    )


def make_area(
    area_no: int,
    name: str,
    box_score: int | None,
    total: list[float | None],
    questions: list[list[Any]],
) -> Area:
    overview_total, overview_max, overview_percent = total
    return Area(
        area_no=area_no,
        area_name=name,
        score=box_score,
        max_score=100,
        overview_total=overview_total,
        overview_max=overview_max,
        overview_percent=overview_percent,
        page=8,
        overview_page=38,
        questions=tuple(make_question(*row) for row in questions),
    )


def make_report(areas: list[Area], framework: str = "2016") -> Report:
    sha = hashlib.sha256(b"checks test report").hexdigest()
    return Report(
        report_id=f"test-{sha[:8]}",
        source_file="test.pdf",
        sha256=sha,
        framework=framework,
        page_count=40,
        parser_version="test",
        areas=tuple(areas),
    )


def amal_report() -> Report:
    overview = load_amal_overview()
    areas = [
        make_area(a["area_no"], a["area_name"], a["box_score"], a["total"], a["questions"])
        for a in overview["areas"]
    ]
    return make_report(areas, framework=overview["framework"])


def replace_area(report: Report, area: Area) -> Report:
    areas = tuple(area if a.area_no == area.area_no else a for a in report.areas)
    return report.model_copy(update={"areas": areas})


def replace_question(report: Report, question_id: str, /, **changes: Any) -> Report:
    area = report.area(int(question_id.split(".")[0]))
    questions = tuple(
        q.model_copy(update=changes) if q.question_id == question_id else q for q in area.questions
    )
    return replace_area(report, area.model_copy(update={"questions": questions}))


def drop_question(report: Report, question_id: str) -> Report:
    area = report.area(int(question_id.split(".")[0]))
    questions = tuple(q for q in area.questions if q.question_id != question_id)
    return replace_area(report, area.model_copy(update={"questions": questions}))
