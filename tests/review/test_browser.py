"""The review site in a real browser (Debian's Chromium, driven by playwright): what a reader
sees, from disk, with no network.

Skipped, with the reason, where /usr/bin/chromium or the playwright package is missing.
Expected values come from the build's tables (read with ``kompass_extract.load``) and from the
PDFs (page sizes, by pdfplumber), never from the site's own HTML.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from kompass_extract import load
from kompass_extract.cli import main
from tests.review.builds import SAMPLES, set_report_values
from tests.review.chromium import ARGS, CHROMIUM

TABLES = ("areas", "questions", "findings", "summaries", "subareas")
AREA_PREFIX = {
    "score": "score_",
    "max_score": "overview_",
    "overview_total": "overview_",
    "overview_percent": "overview_",
}
SHOWN = {
    "areas": ("area_no", "area_name", "score", "max_score", "overview_total", "overview_percent"),
    "questions": ("question_id", "question_text", "points", "max_points", "percent"),
    "findings": ("area_no", "kind", "position", "text"),
    "summaries": ("area_no", "kind", "text"),
    "subareas": ("area_no", "position", "heading"),
}
TOLERANCE_PT = 0.75  # the highlight is placed in percent to three decimals, drawn on whole pixels

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
playwright = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
)


class Browser:
    """A page in Chromium that records every request, console error and page error."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium) -> Iterator[Browser]:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    seen = Browser(context.new_page())
    yield seen
    context.close()
    assert seen.errors == []
    assert [url for url in seen.requests if not url.startswith("file://")] == []


def test_the_index_lists_every_report_and_every_failed_file(
    reviewed: Path, browser: Browser
) -> None:
    tables = load(reviewed)
    browser.open(reviewed / "review" / "index.html")
    rows = browser.page.locator("#reports tbody tr")
    assert rows.count() == len(tables["reports"])
    shown = rows.all_inner_texts()
    for report in tables["reports"].itertuples():
        assert any(report.report_id in row and str(report.evaluation_year) in row for row in shown)
    failed = browser.page.locator("#errors tbody tr").all_inner_texts()
    assert [row for row in failed if "broken.pdf" in row and "not_pdf" in row]


def test_the_index_filters_and_sorts(reviewed: Path, browser: Browser) -> None:
    tables = load(reviewed)
    browser.open(reviewed / "review" / "index.html")
    browser.page.fill("#filter", "exempelholm")
    visible = browser.page.locator("#reports tbody tr:visible")
    assert visible.count() == 1 and "exempelholm" in visible.inner_text()
    browser.page.fill("#filter", "")
    browser.page.click("#reports th:has-text('total')")
    totals = [
        int(t) for t in browser.page.locator("#reports tbody tr td:nth-child(4)").all_inner_texts()
    ]
    assert totals == sorted(int(t) for t in tables["reports"]["total_score"])


def the_report(tables: dict[str, pd.DataFrame], stem: str) -> str:
    return next(r for r in tables["reports"]["report_id"] if r.startswith(stem))


def test_a_report_page_shows_its_chart_and_its_values(reviewed: Path, browser: Browser) -> None:
    tables = load(reviewed)
    rid = the_report(tables, "provby-2018")
    browser.open(reviewed / "review" / "reports" / f"{rid}.html")
    chart = browser.page.locator("figure.chart svg")
    assert chart.is_visible() and chart.bounding_box()["height"] > 150
    legend = chart.text_content()
    assert "Provby 2018" in legend and "Provby 2015" in legend and "mean of" in legend
    for table in TABLES:
        own = tables[table][tables[table]["report_id"] == rid]
        assert browser.page.locator(f"#table-{table} tbody tr").count() == len(own)
    questions = tables["questions"][tables["questions"]["report_id"] == rid]
    shown = browser.page.locator("#table-questions tbody").inner_text()
    assert all(q.question_text in shown for q in questions.itertuples())


def test_failed_checks_and_doubt_are_marked(reviewed: Path, browser: Browser) -> None:
    tables = load(reviewed)
    rid = the_report(tables, "provby-2018")
    checks = tables["checks"][
        (tables["checks"]["report_id"] == rid) & (tables["checks"]["severity"] == "error")
    ]
    browser.open(reviewed / "review" / "reports" / f"{rid}.html")
    questions = tables["questions"][tables["questions"]["report_id"] == rid]
    order = list(questions["question_id"])
    marked = 0
    for error in checks.itertuples():
        if pd.notna(error.question_id) and error.check == "percent_vs_points":
            row = browser.page.locator("#table-questions tbody tr").nth(
                order.index(error.question_id)
            )
            assert row.locator("td").first.inner_text() == error.question_id
            failed = row.locator("a.v.failed")
            assert failed.count() == 2  # its points and its percent
            assert error.message in failed.first.get_attribute("title")
            marked += 1
    assert marked >= 1
    areas = list(tables["areas"][tables["areas"]["report_id"] == rid]["area_no"])
    area_3 = browser.page.locator("#table-areas tbody tr").nth(areas.index(3))
    doubt = area_3.locator("a.v.doubt")  # the note in conftest: area 3's box score
    assert doubt.count() == 1 and "score_box" in doubt.get_attribute("title")
    assert area_3.locator("td").nth(2).locator("a.v.doubt").count() == 1
    results = browser.page.locator("#check-results tbody tr, #check-info tbody tr")
    assert results.count() == len(tables["checks"][tables["checks"]["report_id"] == rid])


def expected_place(
    table: str, column: str, row: pd.Series
) -> tuple[int, tuple[float, ...] | None] | None:
    prefix = AREA_PREFIX.get(column, "") if table == "areas" else ""
    page = row.get(f"{prefix}page")
    if pd.isna(page):
        return None
    edges = [row.get(f"{prefix}{edge}") for edge in ("x0", "top", "x1", "bottom")]
    box = None if any(pd.isna(e) for e in edges) else tuple(float(e) for e in edges)
    return int(page), box


def page_sizes(pdf: Path) -> dict[int, tuple[float, float]]:
    with pdfplumber.open(pdf) as document:
        return {n: (float(p.width), float(p.height)) for n, p in enumerate(document.pages, 1)}


def shown_box(page, size: tuple[float, float]) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    """The highlight's on-screen box, scaled back to PDF points over the page image."""
    image = page.locator("#viewer-img").bounding_box()
    mark = page.locator("#viewer-hl").bounding_box()
    sx, sy = size[0] / image["width"], size[1] / image["height"]
    x0, top = (mark["x"] - image["x"]) * sx, (mark["y"] - image["y"]) * sy
    return x0, top, x0 + mark["width"] * sx, top + mark["height"] * sy


def test_every_value_of_a_report_links_to_its_place(reviewed: Path, browser: Browser) -> None:
    tables = load(reviewed)
    rid = the_report(tables, "provby-2018")
    report = tables["reports"].set_index("report_id").loc[rid]
    sizes = page_sizes(Path(report["source_file"]))
    browser.open(reviewed / "review" / "reports" / f"{rid}.html")
    page = browser.page
    checked = 0
    for table in TABLES:
        own = tables[table][tables[table]["report_id"] == rid].reset_index(drop=True)
        for index, row in own.iterrows():
            cells = page.locator(f"#table-{table} tbody tr").nth(index).locator("td")
            for position, column in enumerate(SHOWN[table]):
                value = cells.nth(position).locator(".v")
                place = expected_place(table, column, row)
                if place is None:
                    assert value.evaluate("e => e.tagName") == "SPAN", (table, index, column)
                    continue
                value.click()
                page.wait_for_function(
                    "() => { const i = document.getElementById('viewer-img');"
                    " return i.complete && i.naturalWidth > 0; }"
                )
                assert page.locator("#viewer-img").get_attribute("src").endswith(f"/{place[0]}.png")
                assert page.locator("#viewer-where").inner_text().startswith(f"page {place[0]}")
                highlight = page.locator("#viewer-hl")
                if place[1] is None:
                    assert highlight.is_hidden()
                else:
                    assert highlight.is_visible()
                    shown = shown_box(page, sizes[place[0]])
                    assert shown == pytest.approx(place[1], abs=TOLERANCE_PT), (
                        table,
                        index,
                        column,
                    )
                checked += 1
    assert checked > 300  # every value of the report, not a sample


def test_a_missing_or_other_pdf_is_said_and_no_page_is_shown(
    reviewed: Path, browser: Browser, tmp_path: Path
) -> None:
    copy = tmp_path / "out"
    shutil.copytree(reviewed, copy, symlinks=True)
    shutil.rmtree(copy / "review")
    tables = load(copy)
    provby, holm = the_report(tables, "provby-2018"), the_report(tables, "exempelholm-2022")
    set_report_values(copy, provby, source_file="gone/provby-2018.pdf")
    # a relative name found nowhere but under --pdf-root, where its bytes are another file's
    set_report_values(copy, holm, source_file="exempelholm-2022.pdf")
    other = tmp_path / "pdfs"
    other.mkdir()
    shutil.copy(SAMPLES / "provby-2018.pdf", other / "exempelholm-2022.pdf")  # other bytes
    assert main(["review", str(copy), "--pdf-root", str(other), "--quiet"]) == 1
    for rid, words in ((provby, "was not found"), (holm, "is not the file")):
        browser.open(copy / "review" / "reports" / f"{rid}.html")
        assert words in browser.page.locator(".notice").inner_text()
        assert browser.page.locator("a.v").count() == 0
        assert browser.page.locator("span.v").count() > 0
    browser.open(copy / "review" / "index.html")
    index = browser.page.locator("#reports tbody").inner_text()
    assert "PDF not found" in index and "PDF differs" in index
