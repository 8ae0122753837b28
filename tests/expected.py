"""Compare an extracted Report with an expected file (samples/*.expected.json), field by field.

The expected files are written from the generator's input; ``differences`` lists every field
that differs, so that a test can say exactly what went wrong. ``page_of`` maps an expected
page to the page where the same content stands in the file read (for a report bound into a
larger file, or one with an inserted page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kompass_extract.models import Report

PageMap = Callable[[int], int]
REPORT_FIELDS = (
    "municipality",
    "evaluation_year",
    "evaluation_month",
    "framework",
    "evaluators",
    "page_count",
)
QUESTION_FIELDS = ("question_id", "question_text", "points", "max_points", "percent", "page")


def same_page(page: int) -> int:
    return page


def differences(
    report: Report, expected: dict[str, Any], page_of: PageMap = same_page
) -> list[str]:
    """Every field of ``expected`` that ``report`` does not reproduce, as readable lines."""
    found: list[str] = []
    want = expected["report"]
    got = {name: getattr(report, name) for name in REPORT_FIELDS}
    got["evaluators"] = list(report.evaluators)
    for name in REPORT_FIELDS:
        if name != "page_count" and got[name] != want[name]:
            found.append(f"report.{name}: {got[name]!r} != {want[name]!r}")
    found += _summary_differences("overall_comments", report.overall_comments, expected, page_of)
    numbers = [a.area_no for a in report.areas]
    if numbers != [a["area_no"] for a in expected["areas"]]:
        found.append(f"area numbers {numbers} != {[a['area_no'] for a in expected['areas']]}")
    for area_want in expected["areas"]:
        if area_want["area_no"] in numbers:
            found += area_differences(report, area_want, page_of)
    return found


def area_differences(report: Report, want: dict[str, Any], page_of: PageMap) -> list[str]:
    area = report.area(want["area_no"])
    where = f"area {area.area_no}"
    found = []
    got_head = (area.area_name, area.score, area.max_score, area.page)
    want_head = (want["area_name"], want["score"], want["max_score"], page_of(want["page"]))
    if got_head != want_head:
        found.append(f"{where} (name, score, max, page): {got_head!r} != {want_head!r}")
    overview = want["overview"]
    got_total = (area.overview_total, area.overview_max, area.overview_percent, area.overview_page)
    want_total = (
        overview["total"],
        overview["max"],
        overview["percent"],
        page_of(overview["page"]),
    )
    if got_total != want_total:
        found.append(f"{where} overview total: {got_total!r} != {want_total!r}")
    subareas = [(s.heading, s.page) for s in area.subareas]
    want_subareas = [(s["heading"], page_of(s["page"])) for s in want["subareas"]]
    found += _list_differences(f"{where} subareas", subareas, want_subareas)
    for kind, items in (("strengths", area.strengths), ("improvements", area.improvements)):
        got_items = [(f.text, f.page) for f in items]
        want_items = [(f["text"], page_of(f["page"])) for f in want[kind]]
        found += _list_differences(f"{where} {kind}", got_items, want_items)
    found += _summary_differences(f"{where} summary", area.summary, want, page_of)
    questions = [tuple(getattr(q, k) for k in QUESTION_FIELDS) for q in area.questions]
    want_questions = [
        tuple(page_of(q[k]) if k == "page" else q[k] for k in QUESTION_FIELDS)
        for q in want["questions"]
    ]
    found += _list_differences(f"{where} questions", questions, want_questions)
    return found


def _summary_differences(
    where: str, summary: Any, expected: dict[str, Any], page_of: PageMap
) -> list[str]:
    key = "overall_comments" if where == "overall_comments" else "summary"
    want = expected[key]
    got = None if summary is None else (summary.text, summary.page)
    wanted = None if want is None else (want["text"], page_of(want["page"]))
    return [] if got == wanted else [f"{where}: {got!r} != {wanted!r}"]


def _list_differences(where: str, got: list[Any], want: list[Any]) -> list[str]:
    if got == want:
        return []
    if len(got) != len(want):
        return [f"{where}: {len(got)} items != {len(want)}: {got!r} != {want!r}"]
    return [
        f"{where} #{i + 1}: {g!r} != {w!r}"
        for i, (g, w) in enumerate(zip(got, want, strict=True))
        if g != w
    ]
