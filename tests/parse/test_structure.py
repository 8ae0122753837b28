"""Each part found by its own shape: headings without bold, sections renamed or missing, tables
anywhere, every form of the score box. Lines built from text, no PDF."""

from __future__ import annotations

from kompass_extract.parse.box import parse_box
from kompass_extract.parse.overview import lines_to_tables, table_lines
from kompass_extract.parse.segment import lines_to_sections
from kompass_extract.parse.typography import Metrics
from kompass_extract.pipeline import Source, lines_to_report, measure_text
from kompass_extract.read.layout import Line, line_from_text
from tests.textlines import cells

METRICS = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=520.0)
BODY = "Området handlar om hur kommunen informerar och för dialog med sina invånare"


def plain(text: str, top: float, page: int = 1, x0: float = 70.0) -> Line:
    """A line in the body's size and weight, as an OCR text layer gives every heading."""
    return line_from_text(text, page, top, x0=x0)


def header(page: int, top: float, name: str = "") -> Line:
    parts = [(70.0, name)] if name else []
    return cells(page, top, *parts, (380, "Uppnått"), (430, "Max"), (470, "Procent"))


def row(page: int, top: float, text: str, *figures: str) -> Line:
    places = [(70.0, text)] if text else []
    places += list(zip((390.0, 432.0, 475.0), figures, strict=False))
    return cells(page, top, *places)


def test_headings_without_bold_or_size_are_found_by_their_words_and_place() -> None:
    lines = [
        plain("Område 1 Offentlighet och demokrati", 100),
        plain(BODY, 130),
        plain("och om hur de kan påverka.", 144),
        plain("Styrkor", 174),
        plain("• Bra information på webben.", 194),
        plain("Område 5 är kopplad till område 3 och beskrivs där, i området", 224),
        plain("Område 2 Tillgänglighet och brukarorientering", 254),
        plain(BODY, 284),
    ]
    sections = lines_to_sections(lines, METRICS)
    assert [(a.number, a.name) for a in sections.areas] == [
        (1, "Offentlighet och demokrati"),
        (2, "Tillgänglighet och brukarorientering"),
    ]


def test_a_line_that_only_continues_a_paragraph_is_no_heading() -> None:
    lines = [plain(BODY, 100), plain("Område 3 Politisk styrning och kontroll", 114)]
    assert lines_to_sections(lines, METRICS).areas == ()


def test_a_renamed_numbered_section_4_ends_the_last_area() -> None:
    lines = [
        plain("Område 8 Kommunen som samhällsbyggare", 100),
        plain("SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK", 130),
        plain("Kommunen har en tydlig vision.", 150),
        plain("4. Resultat per fråga", 180),
        plain("Tabellerna visar poängen per fråga.", 210),
    ]
    (area,) = lines_to_sections(lines, METRICS).areas
    assert [ln.text for ln in area.lines] == [
        "SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK",
        "Kommunen har en tydlig vision.",
    ]


def test_an_unnumbered_section_3_ends_the_overall_comments() -> None:
    lines = [
        plain("Sammanfattande kommentarer", 100),
        plain("Kommunen är väl organiserad.", 130),
        plain("Detaljerad genomgång per område", 160),
        plain("Område 1 Offentlighet och demokrati", 190),
        plain(BODY, 220),
    ]
    sections = lines_to_sections(lines, METRICS)
    assert [ln.text for ln in sections.overall_comments] == ["Kommunen är väl organiserad."]


def test_a_table_at_the_end_of_its_chapter_ends_the_area_and_is_read() -> None:
    lines = [
        plain("Område 1 Offentlighet och demokrati", 100),
        plain("SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK", 130),
        plain("Kommunen informerar väl.", 150),
        header(1, 180, "1. Offentlighet och demokrati"),
        row(1, 200, "1.1 Finns en plan?", "7", "15", "45 %"),
        row(1, 214, "", "7", "15", "45 %"),
        cells(1, 244, (70, "Område 2 Tillgänglighet och brukarorientering"), (470, "46 poäng")),
        plain("• Bemötande", 270),
        plain(BODY, 300),
    ]
    (table,) = lines_to_tables(lines)
    assert (table.area_no, [r.question_id for r in table.rows]) == (1, ["1.1"])
    assert table.total is not None and table.total.figures == {0: "7", 1: "15", 2: "45"}
    assert table_lines([table]) == {3, 4, 5}
    first, second = lines_to_sections(lines, METRICS, table_lines([table])).areas
    assert [ln.text for ln in first.lines][-1] == "Kommunen informerar väl."
    assert (second.name, second.heading_score) == ("Tillgänglighet och brukarorientering", 46)


def test_one_table_for_all_areas_with_a_row_naming_each_area() -> None:
    lines = [
        header(9, 100, "Fråga"),
        cells(9, 120, (70, "1. Offentlighet och demokrati")),
        row(9, 140, "1.1 Finns en plan?", "7", "15", "45 %"),
        row(9, 154, "", "7", "15", "45 %"),
        cells(9, 174, (70, "2. Tillgänglighet och brukarorientering")),
        row(9, 194, "2.1 Finns en strategi?", "5", "15", "30 %"),
        row(10, 80, "", "5", "15", "30 %"),
    ]
    first, second = lines_to_tables(lines)
    assert [(t.area_no, t.area_name) for t in (first, second)] == [
        (1, "Offentlighet och demokrati"),
        (2, "Tillgänglighet och brukarorientering"),
    ]
    assert second.total is not None and second.total.page == 10
    assert table_lines([first, second]) == set(range(len(lines)))


def test_figures_anywhere_in_their_columns_are_read_in_column_order() -> None:
    """Left-aligned figures under centred headers: each nearer the column to its left."""
    lines = [
        header(3, 100, "3. Politisk styrning"),
        cells(
            3,
            114,
            (70, "3.1 Genomsyras hela organisationen?"),
            (372, "10"),
            (412, "15"),
            (452, "70 %"),
        ),
    ]
    (table,) = lines_to_tables(lines)
    assert table.rows[0].figures == {0: "10", 1: "15", 2: "70"}


def list_then(*tail: str) -> list[Line]:
    return [
        plain("• Information och insyn", 100, x0=80),
        plain("• Medborgardialog", 114, x0=80),
        *(plain(text, 140 + 14 * n) for n, text in enumerate(tail)),
    ]


def test_a_list_followed_by_a_labelled_score_is_the_box() -> None:
    box = parse_box(list_then("Poäng: 53", "Allmänt", BODY), METRICS)
    assert box is not None and box.score == 53 and box.problems == []
    assert [s.text for s in box.subareas] == ["Information och insyn", "Medborgardialog"]


def test_a_list_followed_by_a_bare_score_is_the_box() -> None:
    box = parse_box(list_then("53", "Allmänt"), METRICS)
    assert box is not None and (box.score, len(box.subareas)) == (53, 2)


def test_the_score_on_the_heading_line_goes_with_the_list_below_it() -> None:
    box = parse_box(list_then("Allmänt", BODY), METRICS, heading_score=60)
    assert box is not None and (box.score, len(box.subareas)) == (60, 2)


def test_of_several_possible_scores_the_one_equal_to_the_overview_total_is_taken() -> None:
    box = parse_box(list_then("53", "Allmänt"), METRICS, heading_score=35, overview_total=52.6)
    assert box is not None and box.score == 53
    assert "took 53 (the overview total)" in box.problems[0]


def test_an_area_without_any_box_has_none() -> None:
    assert parse_box([plain("Allmänt", 100), plain(BODY, 120)], METRICS) is None


def test_a_report_whose_sections_are_missing_reads_its_table_and_box() -> None:
    lines = [
        plain("Område 1 Offentlighet och demokrati 7 poäng", 100),
        plain("• Information och insyn", 130, x0=80),
        *(plain(BODY, 160 + 14 * n) for n in range(4)),
        plain("STYRKOR", 230),
        plain("• Bra information på webben.", 250, x0=80),
        header(1, 290, "1. Offentlighet och demokrati"),
        row(1, 310, "1.1 Finns en plan?", "7", "15", "45 %"),
        row(1, 324, "", "7", "15", "45 %"),
    ]
    report = lines_to_report(lines, Source("report.pdf", "0" * 64, 1))
    (area,) = report.areas
    assert (area.area_name, area.score, area.overview_total) == ("Offentlighet och demokrati", 7, 7)
    assert [f.text for f in area.strengths] == ["Bra information på webben."]


def test_a_bullet_drawn_onto_the_line_of_the_box_score_goes_with_the_line_below() -> None:
    """The score, centred between two bullets, takes the lower bullet onto its baseline."""
    lines = [
        cells(3, 100, (80, "Rubriker"), (450, "Poäng")),
        cells(3, 114, (80, "• Information och insyn")),
        cells(3, 128, (80, "• Medborgardialog")),
        cells(3, 140, (80, "•"), (455, "61")),
        cells(3, 142, (92, "Etik")),
        plain("Allmänt", 170),
    ]
    box = parse_box(lines, METRICS)
    assert box is not None and box.score == 61
    assert [s.text for s in box.subareas] == ["Information och insyn", "Medborgardialog", "Etik"]


def test_a_heading_without_style_that_wraps_is_one_heading() -> None:
    lines = [
        plain("Sammanfattande kommentarer", 100),
        plain("Kommunen är väl organiserad.", 130),
        plain("3 Detaljerad genomgång i förhållande till Kommunkompassens åtta", 160),
        plain("områden", 174),
        plain("Område 1 Offentlighet och demokrati", 204),
        plain(BODY, 234),
    ]
    sections = lines_to_sections(lines, METRICS)
    assert [ln.text for ln in sections.overall_comments] == ["Kommunen är väl organiserad."]


def test_the_text_is_measured_without_the_overview_tables() -> None:
    """Many table rows in a smaller type do not make the table's type the body's."""
    text = [line_from_text(BODY, 1, 100 + 16 * n, size=12) for n in range(5)]
    table = [header(2, 80, "1. Offentlighet och demokrati")]
    table += [
        row(2, 100 + 20 * n, f"1.{n + 1} Finns en plan för detta?", "7", "15", "45 %")
        for n in range(12)
    ]
    assert measure_text(text + table).body_size == 12


def test_sizes_that_wander_a_little_are_one_body_size() -> None:
    """An OCR layer's sizes: 10 pt text read as 9.6-10.4, and many 9 pt headings."""
    from kompass_extract.parse.typography import measure

    text = [
        line_from_text(BODY, 1, 100 + 14 * n, size=size)
        for n, size in enumerate((10.0, 10.4, 9.6, 10.2, 9.8, 10.3, 9.7))
    ]
    headings = [
        line_from_text("Allmänt om området " * 3, 2, 100 + 20 * n, size=9.0) for n in range(4)
    ]
    assert measure(text + headings).body_size in (9.7, 9.8, 10.0, 10.2, 10.3)
