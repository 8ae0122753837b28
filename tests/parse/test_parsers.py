"""Parser unit tests: text fed straight to the parsers, no PDF. Snippets are from the Åmål 2019
reference report (../shared/reference/amal-2019-report.txt)."""

from __future__ import annotations

from kompass_extract.parse.box import parse_box
from kompass_extract.parse.bullets import lines_to_items
from kompass_extract.parse.metadata import lines_to_metadata, split_evaluators
from kompass_extract.parse.overview import lines_to_tables, parse_number
from kompass_extract.parse.typography import Metrics, lines_to_text
from kompass_extract.read.layout import join_wrapped, line_from_text
from tests.textlines import cells, column

METRICS = Metrics(body_size=11.0, pitch=14.0, left=70.0, right=520.0)


def test_wrapped_compound_joins_without_space_and_dash_before_word_keeps_it() -> None:
    assert join_wrapped([("omkring trainee-", False), ("utbildningar", False)]) == (
        "omkring trainee-utbildningar"
    )
    assert join_wrapped([("kunder. Energi-", True), ("och klimatrådgivning", False)]) == (
        "kunder. Energi- och klimatrådgivning"
    )
    assert join_wrapped([("Tvådelade  KF möten: ", True), (" FM informationsärenden", False)]) == (
        "Tvådelade KF möten: FM informationsärenden"
    )


def test_strengths_items_join_wrapped_lines_and_drop_bullets() -> None:
    lines = column(
        [
            "• Webbsändningar av KF som dessutom är lätta att orientera sig i olika ",
            "  frågor. Aktuella handlingar är kopplade till tjänsten. Tvådelade KF möten: ",
            "  FM informationsärenden, EM beslutsärenden ",
            "",
            "• Utvecklad kontaktinformationen för medborgare för att nå politiker. ",
        ]
    )
    items, stray = lines_to_items(lines, METRICS)
    assert [i.text for i in items] == [
        "Webbsändningar av KF som dessutom är lätta att orientera sig i olika frågor. Aktuella "
        "handlingar är kopplade till tjänsten. Tvådelade KF möten: FM informationsärenden, EM "
        "beslutsärenden",
        "Utvecklad kontaktinformationen för medborgare för att nå politiker.",
    ]
    assert stray == []


def test_wingdings_square_bullet_starts_an_item() -> None:
    lines = column(
        [
            "\uf0a7 Fortsatt utveckling av ledarskap med ev. andra verktyg, 360? ",
            "\uf0a7 Individuella chefskontrakt med inriktning på resultatförbättringar i syfte att ",
            "  öka fokus i organisationen på resultat ",
        ]
    )
    items, _ = lines_to_items(lines, METRICS)
    assert [i.text for i in items] == [
        "Fortsatt utveckling av ledarskap med ev. andra verktyg, 360?",
        "Individuella chefskontrakt med inriktning på resultatförbättringar i syfte att öka "
        "fokus i organisationen på resultat",
    ]


def test_score_box_reads_bullets_left_and_score_right() -> None:
    lines = [
        cells(8, 100, (80, "Rubriker"), (450, "Poäng"), bold=True),
        cells(8, 114, (80, "• Strategi för demokratiutveckling och information ")),
        cells(8, 128, (80, "• Information till medborgare ")),
        cells(8, 142, (80, "• Dialog och medborgarmedverkan "), (455, "55")),
        cells(8, 156, (80, "• Etik – motverkan av korruption ")),
        line_from_text("Allmänt", 8, 190, x0=70, bold=True),
        line_from_text("En kommun är en politiskt styrd organisation", 8, 204, x0=70),
    ]
    box = parse_box(lines, METRICS)
    assert box is not None
    assert box.score == 55
    assert [s.text for s in box.subareas] == [
        "Strategi för demokratiutveckling och information",
        "Information till medborgare",
        "Dialog och medborgarmedverkan",
        "Etik – motverkan av korruption",
    ]
    assert box.end == 5 and box.problems == []


def test_score_box_with_score_on_its_own_line_below_the_bullets() -> None:
    lines = [
        cells(12, 100, (80, "Rubriker"), (450, "Poäng")),
        cells(12, 114, (80, "• Strategi för brukarfokus ")),
        cells(12, 128, (80, "• Deklarationer och synpunkts-/klagomålshantering ")),
        cells(12, 150, (452, "46")),
        line_from_text("Allmänt", 12, 190, x0=70, bold=True),
    ]
    box = parse_box(lines, METRICS)
    assert box is not None and box.score == 46 and len(box.subareas) == 2


def test_score_box_without_a_score_says_so() -> None:
    lines = [cells(1, 100, (80, "Rubriker"), (450, "Poäng")), cells(1, 114, (80, "• Mångfald"))]
    box = parse_box(lines, METRICS)
    assert box is not None and box.score is None
    assert "no score" in box.problems[0]


def _table_1() -> list:
    return [
        cells(38, 100, (70, "Nedanstående tabeller visar Åmåls kommuns resultat")),
        cells(
            38,
            130,
            (70, "1.  Offentlighet och demokrati"),
            (380, "Uppnått"),
            (430, "Max"),
            (470, "Procent"),
            bold=True,
        ),
        cells(38, 144, (70, "1.1 Finns en plan/strategi for demokratiutveckling och ")),
        cells(38, 158, (88, "information?"), (390, "7"), (432, "15"), (475, "45 %")),
        cells(
            38,
            172,
            (70, "1.2 Informeras invånarna om aktuella frågor i politiken?"),
            (388, "15"),
            (432, "20"),
            (475, "75  %"),
        ),
        cells(38, 186, (388, "55"), (430, "100"), (475, "55 %")),
        cells(38, 220, (70, "6.  Kommunen som arbetsgivare - "), bold=True),
        cells(38, 228, (380, "Uppnått"), (430, "Max"), (470, "Procent"), bold=True),
        cells(38, 234, (70, "personalpolitik "), bold=True),
        cells(
            38,
            248,
            (70, "6.1 Finns en kommunövergripande personalstrategi?"),
            (390, "8"),
            (432, "15"),
            (475, "50 %"),
        ),
        cells(38, 262, (70, "2.5 Hur arbetar kommunen med att förtydliga tjänsternas ")),
        cells(
            38,
            276,
            (88, "innehåll samt synpunkts- och klagomålshantering för "),
            (388, "10"),
            (432, "20"),
            (475, "50 %"),
        ),
        cells(38, 290, (88, "medborgare/brukare? ")),
        cells(39, 80, (388, "64"), (430, "100"), (475, "72,5 %")),
    ]


def test_overview_tables_rows_totals_wrapped_header_and_figures_mid_cell() -> None:
    tables = lines_to_tables(_table_1())
    assert [t.area_no for t in tables] == [1, 6]
    first, sixth = tables
    assert first.area_name == "Offentlighet och demokrati"
    assert [(r.question_id, join_wrapped(r.text), r.figures) for r in first.rows] == [
        (
            "1.1",
            "Finns en plan/strategi for demokratiutveckling och information?",
            {0: "7", 1: "15", 2: "45"},
        ),
        (
            "1.2",
            "Informeras invånarna om aktuella frågor i politiken?",
            {0: "15", 1: "20", 2: "75"},
        ),
    ]
    assert first.total is not None and first.total.figures == {0: "55", 1: "100", 2: "55"}
    assert sixth.area_name == "Kommunen som arbetsgivare - personalpolitik"
    assert [r.question_id for r in sixth.rows] == ["6.1", "2.5"]
    assert join_wrapped(sixth.rows[1].text) == (
        "Hur arbetar kommunen med att förtydliga tjänsternas innehåll samt synpunkts- och "
        "klagomålshantering för medborgare/brukare?"
    )
    assert sixth.rows[1].figures == {0: "10", 1: "20", 2: "50"}
    assert sixth.total is not None and sixth.total.page == 39
    assert parse_number(sixth.total.figures[2]) == 72.5


def test_overview_table_continues_after_repeated_header_on_next_page() -> None:
    lines = [
        cells(
            5,
            100,
            (70, "3.  Politisk styrning och kontroll"),
            (380, "Uppnått"),
            (430, "Max"),
            (470, "Procent"),
        ),
        cells(
            5,
            114,
            (70, "3.1 Genomsyras hela organisationen?"),
            (390, "10"),
            (432, "15"),
            (475, "70 %"),
        ),
        cells(
            6,
            60,
            (70, "3.  Politisk styrning och kontroll"),
            (380, "Uppnått"),
            (430, "Max"),
            (470, "Procent"),
        ),
        cells(
            6,
            74,
            (70, "3.2 Styrs kommunen av tydliga politiska mål?"),
            (390, "8"),
            (432, "25"),
            (475, "30 %"),
        ),
        cells(6, 88, (388, "18"), (430, "40"), (475, "45 %")),
    ]
    (table,) = lines_to_tables(lines)
    assert [r.question_id for r in table.rows] == ["3.1", "3.2"]
    assert table.rows[1].page == 6
    assert table.total is not None and table.total.figures[0] == "18"


def test_parse_number_accepts_decimal_comma_and_percent_sign() -> None:
    assert parse_number("72,5") == 72.5
    assert parse_number("45%") == 45.0
    assert parse_number("7") == 7.0
    assert parse_number("abc") is None


def test_metadata_from_title_page_and_body_sentence() -> None:
    front = column(["KommunKompassen", "ANALYS AV ÅMÅLS KOMMUN", "2019"], page=1, bold=True)
    body = column(["Utvärderingen av Åmåls kommun genomfördes i november år 2019 och var "], page=4)
    meta = lines_to_metadata(front, [], front + body)
    assert meta.municipality_as_printed == "ÅMÅLS KOMMUN"
    assert meta.municipality_candidates[0] == "ÅMÅLS"
    assert (meta.year, meta.month) == (2019, 11)
    assert meta.evaluators == ()


def test_metadata_month_in_title_and_evaluators_line() -> None:
    front = column(
        [
            "VALLENTUNA KOMMUN FEBRUARI 2017",
            "Utvärderare: Lars Strid, senior konsult (SKL), Anna Eklöf, SKL och Leif Eldås, SKL",
        ]
    )
    meta = lines_to_metadata(front, [], front)
    assert meta.municipality_as_printed == "VALLENTUNA KOMMUN"
    assert (meta.year, meta.month) == (2017, 2)
    assert meta.evaluators == (
        "Lars Strid, senior konsult (SKL)",
        "Anna Eklöf, SKL",
        "Leif Eldås, SKL",
    )


def test_split_evaluators_plain_names() -> None:
    assert split_evaluators("Anna Andersson, SKR och Bo Berg, SKR") == (
        "Anna Andersson, SKR",
        "Bo Berg, SKR",
    )


def test_summary_paragraphs_are_separated_by_a_blank_line() -> None:
    lines = column(
        [
            "Kommunen har i detta ett av sina absolut starkaste områden. Det är tre delar som ",
            "utmärker sig speciellt.",
            "",
            "En framtida fundering kan hur alla dessa komponenter kommer i kommunens styrmodell. ",
        ]
    )
    assert lines_to_text(lines, METRICS) == (
        "Kommunen har i detta ett av sina absolut starkaste områden. Det är tre delar som "
        "utmärker sig speciellt.\n\nEn framtida fundering kan hur alla dessa komponenter "
        "kommer i kommunens styrmodell."
    )


def test_an_area_heading_that_wraps_is_joined_and_prose_mentioning_an_area_is_not_a_heading() -> (
    None
):
    from kompass_extract.parse.segment import lines_to_sections

    lines = [
        line_from_text("Område 6 Kommunen som arbetsgivare –", 20, 80, size=14, bold=True),
        line_from_text("personalpolitik", 20, 97, size=14, bold=True),
        line_from_text("Rubriker Poäng", 20, 130, bold=True),
        *column(["Område 5 är kopplad till område 3 och beskrivs där.", "Mer text."], 20, 150),
        line_from_text("Område 7 Ständiga förbättringar", 21, 80, size=14, bold=True),
        *column(["Allmän text om området."], 21, 120),
    ]
    sections = lines_to_sections(lines, METRICS)
    assert [(a.number, a.name, a.page) for a in sections.areas] == [
        (6, "Kommunen som arbetsgivare – personalpolitik", 20),
        (7, "Ständiga förbättringar", 21),
    ]
    assert sections.areas[0].lines[0].text == "Rubriker Poäng"


def test_findings_typed_as_plain_paragraphs_are_one_item_each() -> None:
    lines = column(
        [
            "Regelbunden uppföljning av ekonomi och resultat ",
            "i alla nämnder.",
            "",
            "Tydlig delegation mellan politiker och tjänstemän.",
        ]
    )
    items, stray = lines_to_items(lines, METRICS)
    assert [i.text for i in items] == [
        "Regelbunden uppföljning av ekonomi och resultat i alla nämnder.",
        "Tydlig delegation mellan politiker och tjänstemän.",
    ]
    assert stray == []


def test_prose_after_a_list_is_stray_text_not_part_of_the_last_item() -> None:
    lines = [
        *column(["• Första styrkan.", "• Andra styrkan som fortsätter ", "  på nästa rad."]),
        line_from_text("En avslutande mening i brödtexten.", 1, 180, x0=70),
    ]
    items, stray = lines_to_items(lines, METRICS)
    assert [i.text for i in items] == [
        "Första styrkan.",
        "Andra styrkan som fortsätter på nästa rad.",
    ]
    assert [ln.text for ln in stray] == ["En avslutande mening i brödtexten."]


def test_a_later_table_without_its_own_header_row_uses_the_columns_seen_before() -> None:
    lines = [
        cells(
            40,
            100,
            (70, "1. Offentlighet och demokrati"),
            (380, "Uppnått"),
            (430, "Max"),
            (470, "Procent"),
        ),
        cells(40, 114, (70, "1.1 Finns en plan?"), (390, "7"), (432, "15"), (475, "45 %")),
        cells(40, 128, (388, "7"), (432, "15"), (475, "45 %")),
        cells(40, 160, (70, "2. Tillgänglighet och brukarorientering")),
        cells(40, 174, (70, "2.1 Finns en strategi?"), (390, "5"), (432, "15"), (475, "30 %")),
        cells(40, 188, (70, "Summa"), (390, "5"), (432, "15"), (475, "30 %")),
    ]
    first, second = lines_to_tables(lines)
    assert (second.area_no, second.area_name) == (2, "Tillgänglighet och brukarorientering")
    assert [r.question_id for r in second.rows] == ["2.1"]
    assert second.total is not None and second.total.figures == {0: "5", 1: "15", 2: "30"}
    assert first.total is not None and first.total.figures[0] == "7"
