"""A file's lines -> one part per report (parse/parts.py), fed lines built from text."""

from __future__ import annotations

import pytest

from kompass_extract.errors import SeveralReportsError
from kompass_extract.parse.parts import is_title_page, lines_to_parts
from kompass_extract.parse.typography import measure
from kompass_extract.read.layout import Line, line_from_text

BODY = "Brödtext om kommunens arbete som fortsätter en stund till."


def title_page(page: int, name: str, year: int) -> list[Line]:
    return [
        line_from_text("KommunKompassen", page, 200, size=24, bold=True),
        line_from_text(f"ANALYS AV {name.upper()} KOMMUN", page, 240, size=24, bold=True),
        line_from_text(str(year), page, 280, size=16, bold=True),
    ]


def text_page(page: int, heading: str | None, body_lines: int = 3) -> list[Line]:
    lines = [line_from_text(heading, page, 80, size=14, bold=True)] if heading else []
    lines += [line_from_text(BODY, page, 110 + 14 * i) for i in range(body_lines)]
    return lines


def report(first_page: int, name: str, year: int, *, title: bool = True) -> list[Line]:
    page = first_page
    lines = title_page(page, name, year) if title else []
    page += 1 if title else 0
    lines += text_page(page, "1 Vad är Kommunkompassen?")
    page += 1
    for area in range(1, 9):
        lines += text_page(page, f"Område {area} Namn på område {area}")
        page += 1
    lines += text_page(page, "4. Översikt av poängfördelning")
    return lines


def parts_of(lines: list[Line]) -> list[tuple[int, int]]:
    return [(p.first_page, p.last_page) for p in lines_to_parts(lines, measure(lines))]


def test_one_report_is_one_part() -> None:
    assert parts_of(report(1, "Åmål", 2019)) == [(1, 11)]


def test_two_reports_bound_together_are_cut_at_the_second_title_page() -> None:
    lines = report(1, "Åmål", 2019) + report(12, "Vallentuna", 2017)
    assert parts_of(lines) == [(1, 11), (12, 22)]


def test_without_a_second_title_page_the_cut_is_at_its_first_section() -> None:
    lines = report(1, "Åmål", 2019) + report(12, "Vallentuna", 2017, title=False)
    assert parts_of(lines) == [(1, 11), (12, 21)]


def test_a_title_page_bound_inside_a_report_does_not_cut_it() -> None:
    lines = report(1, "Åmål", 2019)
    inserted = [
        ln
        if ln.page < 6
        else line_from_text(ln.text, ln.page + 1, ln.top, size=ln.size, bold=ln.bold)
        for ln in lines
    ]
    inserted[:0] = []
    at = next(i for i, ln in enumerate(inserted) if ln.page == 7)
    inserted[at:at] = title_page(6, "Åmål", 2019)
    assert parts_of(inserted) == [(1, 12)]


def test_a_second_run_of_areas_without_any_opening_is_a_clear_error() -> None:
    first = report(1, "Åmål", 2019)
    again = [ln for ln in report(12, "Åmål", 2019, title=False) if ln.page > 12]
    with pytest.raises(SeveralReportsError, match="page 13.*second run"):
        lines_to_parts(first + again, measure(first + again), "bound.pdf")


def test_an_area_heading_printed_twice_is_no_second_report() -> None:
    lines = report(1, "Åmål", 2019)
    lines += text_page(12, "Område 3 Namn på område 3")
    assert parts_of(lines) == [(1, 12)]


def test_a_title_page_is_short_names_a_municipality_and_a_year_and_holds_no_prose() -> None:
    lines = title_page(1, "Åmål", 2019)
    metrics = measure(report(1, "Åmål", 2019))
    assert is_title_page(lines, metrics)
    assert not is_title_page(title_page(1, "Åmål", 2019)[:2], metrics)  # no year
    assert not is_title_page(lines + text_page(1, None, 12), metrics)  # too long
