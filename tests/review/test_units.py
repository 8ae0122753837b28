"""The review's pure parts, fed directly: places, marks, profiles, sources, chart and HTML."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from kompass_extract.read.render import PageFrame, PageImageSettings, page_frames
from kompass_extract.review.charts import profile_svg
from kompass_extract.review.flags import cell_flags, report_targets, row_targets
from kompass_extract.review.html import cell_html, percent
from kompass_extract.review.places import Place, box_percent, cell_place, has_boxes, row_place
from kompass_extract.review.profiles import report_profile
from kompass_extract.review.report_page import checks_html
from kompass_extract.review.site import unreadable_message
from kompass_extract.review.sources import find_pdf
from kompass_extract.review.views import Cell, PageLinks, make_cell

A4 = PageFrame(0.0, 0.0, 595.0, 842.0)


def check_row(**values: object) -> dict[str, object]:
    row: dict[str, object] = {"check": "extraction", "severity": "warning", "area_no": None}
    row.update({"question_id": None, "message": ""}, **values)
    return row


def test_a_box_is_placed_in_percent_of_its_page() -> None:
    assert box_percent((59.5, 84.2, 119.0, 126.3), A4) == (10.0, 10.0, 10.0, 5.0)
    # a frame that does not start at 0 (a MediaBox with an offset)
    assert box_percent((110.0, 20.0, 210.0, 40.0), PageFrame(10.0, 0.0, 200.0, 400.0)) == (
        50.0,
        5.0,
        50.0,
        5.0,
    )


def test_a_place_needs_its_page_and_a_box_needs_all_four_edges() -> None:
    row = {"page": 3, "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0}
    assert row_place(row) == Place(3, (1.0, 2.0, 3.0, 4.0))
    assert row_place(row | {"bottom": pd.NA}) == Place(3, None)
    assert row_place({"page": 3}) == Place(3, None)  # a build without boxes
    assert row_place(row | {"page": None}) is None


def test_area_values_are_placed_by_their_own_boxes() -> None:
    row = {"page": 5, "score_page": 6, "overview_page": 30, "overview_x0": 1.0}
    assert cell_place("areas", "area_name", row) == Place(5, None)
    assert cell_place("areas", "score", row) == Place(6, None)
    assert cell_place("areas", "overview_percent", row) == Place(30, None)
    assert cell_place("areas", "max_score", row) == Place(30, None)
    assert cell_place("questions", "points", {"page": 30}) == Place(30, None)


def test_box_columns_are_recognised() -> None:
    assert has_boxes(["page", "x0", "top", "x1", "bottom"])
    assert not has_boxes(["page"])


def test_a_check_error_marks_the_values_it_compares() -> None:
    error = check_row(check="percent_vs_points", severity="error", area_no=3, question_id="3.2")
    targets = row_targets(error | {"message": "off"})
    question = {"area_no": 3, "question_id": "3.2"}
    assert [f.level for f in cell_flags(targets, "questions", question, "percent")] == ["failed"]
    assert cell_flags(targets, "questions", question, "question_text") == []
    assert cell_flags(targets, "questions", question | {"question_id": "3.3"}, "percent") == []


def test_an_area_check_marks_the_area_row() -> None:
    targets = row_targets(check_row(check="box_vs_overview", severity="error", area_no=2))
    assert cell_flags(targets, "areas", {"area_no": 2}, "score")
    assert cell_flags(targets, "areas", {"area_no": 2}, "overview_total")
    assert not cell_flags(targets, "areas", {"area_no": 2}, "area_name")
    assert not cell_flags(targets, "areas", {"area_no": 1}, "score")


def test_a_parse_note_marks_the_parts_it_puts_in_doubt() -> None:
    # rules/doubt.json: stray_text -> strengths and improvements
    targets = row_targets(check_row(area_no=4, message="stray_text: text outside any item"))
    strength = {"area_no": 4, "kind": "strength"}
    assert [f.level for f in cell_flags(targets, "findings", strength, "text")] == ["doubt"]
    assert cell_flags(targets, "findings", strength | {"kind": "improvement"}, "text")
    assert not cell_flags(targets, "findings", strength | {"area_no": 5}, "text")
    assert not cell_flags(targets, "summaries", {"area_no": 4, "kind": "area_summary"}, "text")


def test_a_note_on_one_question_marks_that_row_only() -> None:
    note = check_row(area_no=2, question_id="2.3", message="question_row: read with doubt")
    targets = row_targets(note)
    row = {"area_no": 2, "question_id": "2.3"}
    assert [f.level for f in cell_flags(targets, "questions", row, "points")] == ["doubt"]
    assert cell_flags(targets, "questions", row, "question_text")
    assert not cell_flags(targets, "questions", row | {"question_id": "2.4"}, "points")
    assert not cell_flags(targets, "areas", {"area_no": 2}, "score")


def test_a_note_without_area_puts_every_area_in_doubt_and_a_name_note_none() -> None:
    targets = row_targets(check_row(message="no_overview_table: none found"))
    assert cell_flags(targets, "questions", {"area_no": 7, "question_id": "7.1"}, "points")
    assert cell_flags(targets, "areas", {"area_no": 1}, "overview_total")
    assert row_targets(check_row(message="unknown_municipality: 'X' is not one")) == []


def test_rounding_marks_nothing_and_marks_are_gravest_first() -> None:
    info = check_row(check="percent_vs_points", severity="info", area_no=1, question_id="1.1")
    assert row_targets(info) == []
    rows = [
        check_row(area_no=1, message="overview_table: a row lost"),
        check_row(check="percent_vs_points", severity="error", area_no=1, question_id="1.1"),
    ]
    flags = cell_flags(
        report_targets(rows), "questions", {"area_no": 1, "question_id": "1.1"}, "points"
    )
    assert [f.level for f in flags] == ["failed", "doubt"]


def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    reports = pd.DataFrame(
        {
            "report_id": ["a-2019", "a-2015", "b-2019", "c-2021"],
            "municipality": ["A", "A", "B", "C"],
            "municipality_code": ["0001", "0001", pd.NA, pd.NA],
            "evaluation_year": pd.array([2019, 2015, 2019, 2021], dtype="Int64"),
            "framework": ["2016", "2010", "2016", "2020"],
        }
    )
    rows = []
    for rid, base in (("a-2019", 50), ("a-2015", 40), ("b-2019", 70), ("c-2021", 10)):
        for area in range(1, 9):
            score = None if (rid, area) == ("b-2019", 8) else base + area
            rows.append(
                {
                    "report_id": rid,
                    "area_no": area,
                    "area_name": f"Area {area}",
                    "score": score,
                    "max_score": 100,
                }
            )
    areas = pd.DataFrame(rows).astype(
        {"score": "Float64", "max_score": "Int64", "area_no": "Int64"}
    )
    return reports, areas


def test_the_profile_is_the_report_the_mean_of_its_revision_and_its_earlier_evaluations() -> None:
    reports, areas = frames()
    profile = report_profile(reports, areas, "a-2019")
    report, mean, earlier = profile.series
    assert report.scores == tuple(float(50 + n) for n in range(1, 9))
    # the mean of a-2019 and b-2019 (framework 2016); area 8 only a-2019 has
    assert mean.scores[:7] == tuple((50 + n + 70 + n) / 2 for n in range(1, 8))
    assert mean.scores[7] == 58.0 and "2 report(s), framework 2016" in mean.label
    assert earlier.role == "earlier" and earlier.scores[0] == 41.0 and "2015" in earlier.label
    assert profile.max_score == 100 and profile.names[0] == "Area 1"
    assert [s.role for s in report_profile(reports, areas, "a-2015").series] == ["report", "mean"]


def test_the_chart_is_inline_svg_with_its_text_and_no_outside_reference() -> None:
    reports, areas = frames()
    svg = profile_svg(report_profile(reports, areas, "a-2019"))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "A 2019" in svg and "A 2015, framework 2010" in svg and "mean of 2 report(s)" in svg
    assert 'href="http' not in svg and "url(http" not in svg
    assert profile_svg(report_profile(reports, areas, "a-2019")) == svg  # same bytes each time


def test_a_pdf_is_used_only_with_the_tables_sha256(tmp_path: Path) -> None:
    pdf = tmp_path / "root" / "x.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.4 one")
    right = hashlib.sha256(b"%PDF-1.4 one").hexdigest()
    assert find_pdf("elsewhere/x.pdf", right, tmp_path / "root").found
    assert find_pdf(str(pdf), right).found
    differs = find_pdf(str(pdf), "0" * 64)
    assert differs.status == "differs" and "is not the file" in differs.message
    missing = find_pdf("gone/x.pdf", right, tmp_path / "nowhere")
    assert missing.status == "missing" and "--pdf-root" in missing.message


def test_a_value_links_to_its_page_image_with_its_highlight() -> None:
    links = PageLinks({2: "../pages/p/2.png"}, {2: A4})
    row = {"page": 2, "x0": 59.5, "top": 84.2, "x1": 119.0, "bottom": 126.3, "points": 7.0}
    cell = make_cell("questions", "points", row, links, [])
    assert (cell.text, cell.href, cell.highlight) == (
        "7",
        "../pages/p/2.png",
        (10.0, 10.0, 10.0, 5.0),
    )
    html = cell_html(cell)
    assert 'href="../pages/p/2.png"' in html and 'data-hl="10,10,10,5"' in html
    unshown = make_cell("questions", "points", row | {"page": 3}, links, [])
    assert unshown.href is None and "page 3 not shown" in cell_html(unshown)


def test_values_are_escaped() -> None:
    html = cell_html(Cell("text", '<b>"x" & y</b>'))
    assert "<b>" not in html and "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("share", "words"), [(1.0, "100 %"), (0.996, "99 %"), (0.5, "50 %"), (None, "—")]
)
def test_completeness_is_never_rounded_up_to_100(share: float | None, words: str) -> None:
    assert percent(share) == words


def test_page_image_settings_are_checked() -> None:
    assert PageImageSettings().tag == "w900c16"
    with pytest.raises(ValueError, match="colours"):
        PageImageSettings(colours=1)


def test_a_failed_sum_of_the_areas_marks_the_report_total() -> None:
    targets = row_targets(check_row(check="areas_sum", severity="error", message="sum off"))
    assert [f.message for f in cell_flags(targets, "reports", {}, "total_score")] == [
        "areas_sum: sum off"
    ]
    assert row_targets(check_row(check="known_framework", severity="warning")) == []


def test_every_place_is_tried_until_one_holds_the_tables_file(tmp_path: Path) -> None:
    root, here = tmp_path / "root", tmp_path / "here"
    for folder, content in ((root / "pdfs", b"%PDF-1.4 other"), (root, b"%PDF-1.4 other")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "x.pdf").write_bytes(content)
    here.mkdir()
    (here / "x.pdf").write_bytes(b"%PDF-1.4 right")
    right = hashlib.sha256(b"%PDF-1.4 right").hexdigest()
    found = find_pdf(str(here / "x.pdf"), right, root)  # root/<path>, root/x.pdf differ
    assert found.found and found.path == here / "x.pdf"
    (root / "x.pdf").write_bytes(b"%PDF-1.4 right")
    found = find_pdf("pdfs/x.pdf", right, root)  # root/pdfs/x.pdf differs, root/x.pdf is it
    assert found.found and found.path == root / "x.pdf"
    differs = find_pdf("pdfs/x.pdf", "0" * 64, root)
    assert differs.status == "differs" and differs.path == root / "pdfs" / "x.pdf"


def test_a_locked_pdf_asks_for_its_password() -> None:
    locked = type("PDFPasswordIncorrect", (Exception,), {})
    assert "give its password with --password" in unreadable_message(locked(), None)
    assert "the password given with --password" in unreadable_message(locked(), "x")
    broken = unreadable_message(ValueError("bad xref"), None)
    assert broken.endswith("bad xref") and "--password" not in broken
    assert unreadable_message(ValueError(), None).endswith(": ValueError")


def test_the_checks_table_counts_errors_warnings_and_rounding_apart() -> None:
    rows = [check_row(check="areas_sum", severity="error", area_no=None)]
    rows += [check_row(check="areas_sum", severity="info", area_no=n) for n in range(1, 4)]
    rows += [check_row(check="percent_vs_points", severity="warning", area_no=2)] * 2
    rows += [check_row(check="percent_vs_points", severity="info", area_no=2)]
    html = checks_html(rows)
    status = html[html.index('id="check-status"') :]
    status = status[: status.index("</table>")]
    assert "<th>errors</th><th>warnings</th><th>explained by rounding</th>" in status
    counts = {
        name: tuple(int(n) for n in numbers)
        for name, *numbers in re.findall(
            r"<td>(\w+)</td><td>[^<]*</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", status
        )
    }
    assert counts["areas_sum"] == (1, 0, 3)
    assert counts["percent_vs_points"] == (0, 2, 1)
    assert counts["known_framework"] == (0, 0, 0)


def test_an_encrypted_pdf_of_the_corpus_asks_for_its_password() -> None:
    locked = Path(__file__).resolve().parents[3] / "shared/corpora/pdfminer-samples/encryption"
    if not (locked / "aes-128.pdf").exists():
        pytest.skip(f"{locked} is absent")
    with pytest.raises(Exception) as caught:
        page_frames((locked / "aes-128.pdf").read_bytes())
    assert "give its password with --password" in unreadable_message(caught.value, None)
