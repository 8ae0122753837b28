"""A report against itself (repeated pages, title against text and running heads) and text the
text layer did not decode, on lines built from text (no PDF)."""

from __future__ import annotations

from kompass_extract.models import Finding, Question, Summary
from kompass_extract.parse.consistency import (
    contradiction_notes,
    drop_repeated_pages,
    page_text,
    undecoded_text_notes,
)
from kompass_extract.parse.segment import Sections
from kompass_extract.pipeline import Source, lines_to_report, survey
from kompass_extract.read.layout import Line, line_from_text
from tests.checks_reports import amal_report, replace_area
from tests.textlines import cells, column


def sections(lines: list[Line], front: list[Line], section_2: list[Line] | None = None) -> Sections:
    return Sections(
        lines=tuple(lines),
        front=tuple(front),
        section_2=tuple(section_2 or ()),
        overall_comments=(),
        areas=(),
    )


TITLE = column(["KommunKompassen", "ANALYS AV ÅMÅLS KOMMUN", "2019"], page=1)
SECTION_2 = column(
    [
        "2. Åmåls kommun i förhållande till Kommunkompassen",
        "Utvärderingen genomfördes i november år 2019 av två utvärderare.",
    ],
    page=3,
)


def amal(**changes: object):  # type: ignore[no-untyped-def]
    return amal_report().model_copy(update={"municipality": "Åmål", **changes})


# --- repeated pages -----------------------------------------------------------------------------


def test_a_page_printed_twice_is_read_once_with_a_note() -> None:
    page_4 = column(["STYRKOR", "• Tydliga mål", "• Bra uppföljning"], page=4)
    page_5 = column(["STYRKOR", "• Tydliga mål", "• Bra uppföljning"], page=5, top=120)
    page_6 = column(["FÖRBÄTTRINGSOMRÅDEN", "• Fler mätningar"], page=6)
    kept, notes = drop_repeated_pages([*page_4, *page_5, *page_6])
    assert [line.page for line in kept] == [4, 4, 4, 6, 6]
    (note,) = notes
    assert (note.code, note.page, note.parts) == ("repeated_page", 5, ())
    assert "page 5 repeats page 4" in note.message


def test_pages_that_differ_only_in_their_page_number_repeat_each_other() -> None:
    one = column(["12", "Samma text på sidan."], page=12)
    two = column(["Samma text på sidan.", "Sida 13 (40)"], page=13)
    assert page_text(one) == page_text(two) == ("Samma text på sidan.",)
    assert [n.page for n in drop_repeated_pages([*one, *two])[1]] == [13]


def test_pages_with_other_figures_are_not_repeats() -> None:
    one = [cells(20, 100, (70, "3.1 Finns en plan?"), (390, "10"), (432, "15"))]
    two = [cells(21, 100, (70, "3.1 Finns en plan?"), (390, "11"), (432, "15"))]
    kept, notes = drop_repeated_pages([*one, *two])
    assert (len(kept), notes) == (2, [])


def findings_printed_twice() -> list[Line]:
    """Area 1 whose page of strengths is printed twice (pages 5 and 6)."""

    def strengths_page(page: int) -> list[Line]:
        heading = line_from_text("STYRKOR", page, 100, bold=True)
        return [heading, *column(["• Tydliga mål", "• Bra uppföljning"], page=page, top=120)]

    return [
        line_from_text("3. Detaljerad genomgång per område", 4, 60, size=14, bold=True),
        line_from_text("Område 1 Offentlighet och demokrati", 4, 80, size=14, bold=True),
        *strengths_page(5),
        *strengths_page(6),
        line_from_text("FÖRBÄTTRINGSOMRÅDEN", 7, 100, bold=True),
        *column(["• Fler mätningar"], page=7, top=120),
    ]


def test_a_repeated_page_of_findings_gives_each_finding_once() -> None:
    report = lines_to_report(findings_printed_twice(), Source("r.pdf", "0" * 64, 7))
    assert [f.text for f in report.area(1).strengths] == ["Tydliga mål", "Bra uppföljning"]
    assert [f.text for f in report.area(1).improvements] == ["Fler mätningar"]
    assert [n.page for n in report.notes if n.code == "repeated_page"] == [6]


def test_a_survey_of_all_lines_is_not_used_once_a_repeated_page_is_dropped() -> None:
    lines = [
        *findings_printed_twice(),
        *column(["Kommunen följer upp sina mål", "varje år."], page=8, top=60),
        line_from_text("Område 2 Tillgänglighet och brukarorientering", 8, 100, size=14, bold=True),
    ]
    report = lines_to_report(lines, Source("r.pdf", "0" * 64, 8), surveyed=survey(lines))
    assert [(a.area_no, a.area_name) for a in report.areas] == [
        (1, "Offentlighet och demokrati"),
        (2, "Tillgänglighet och brukarorientering"),
    ]
    assert [f.text for f in report.area(1).strengths] == ["Tydliga mål", "Bra uppföljning"]


# --- contradictions -----------------------------------------------------------------------------


def test_a_consistent_report_gives_no_contradiction() -> None:
    running = [line_from_text("Åmåls kommun – KommunKompassen 2019 Sida 4 (39)", 4, 20)]
    lines = [*TITLE, *SECTION_2]
    assert contradiction_notes(amal(), sections(lines, TITLE, SECTION_2), running) == []


def test_the_title_year_against_the_year_in_the_text() -> None:
    text = column(["Utvärderingen genomfördes i oktober år 2018 av två utvärderare."], page=3)
    (note,) = contradiction_notes(amal(), sections([*TITLE, *text], TITLE))
    assert (note.code, note.page, note.parts) == ("year_contradiction", 3, ())
    assert "2019" in note.message and "2018" in note.message


def test_the_municipality_of_the_title_against_section_2() -> None:
    other = column(["2. Vänersborgs kommun i förhållande till Kommunkompassen"], page=3)
    (note,) = contradiction_notes(amal(), sections([*TITLE, *other], TITLE, other))
    assert note.code == "municipality_contradiction" and note.parts == ()
    assert "section 2 (page 3) names Vänersborg" in note.message
    assert "Åmål's" in note.message


def test_running_heads_naming_another_municipality_put_their_pages_in_doubt() -> None:
    running = [
        line_from_text(f"Vänersborgs kommun – KommunKompassen 2019 Sida {p} (39)", p, 20)
        for p in (12, 13)
    ]
    report = amal()
    # the fixture's overview rows and totals are on page 38: only area 2's box is on page 12
    area_2 = report.area(2).model_copy(update={"page": 12})
    report = replace_area(report, area_2)
    notes = contradiction_notes(report, sections([*TITLE], TITLE), running)
    general, on_area_2 = notes
    assert "the running heads (pages 12-13) name Vänersborg" in general.message
    assert (on_area_2.area_no, on_area_2.parts) == (2, ("box_score",))


def test_a_later_section_2_naming_another_municipality_puts_what_follows_in_doubt() -> None:
    second = column(["2. Exempelholms stad i förhållande till", "Kommunkompassen"], page=30)
    lines = [*TITLE, *SECTION_2, *second]
    notes = contradiction_notes(amal(), sections(lines, TITLE, SECTION_2))
    general, *per_area = notes
    assert "a later section 2 heading (page 30) names Exempelholm" in general.message
    assert general.parts == ()
    # every overview row and total of the fixture is on page 38, after page 30
    assert [(n.area_no, n.parts) for n in per_area] == [
        (n, ("overview_total", "overview_questions")) for n in range(1, 9)
    ]


# --- undecoded text -----------------------------------------------------------------------------


def test_undecoded_text_puts_its_part_in_doubt() -> None:
    report = amal_report()
    area = report.area(3).model_copy(
        update={
            "findings": (
                Finding(kind="strength", position=1, text="Eﬀektiv styrning", page=15),
                Finding(kind="improvement", position=1, text="Mer uppföljning", page=15),
            ),
            "summary": Summary(kind="area_summary", area_no=3, text="(cid:3) Bra", page=16),
        }
    )
    question = Question(area_no=3, question_id="3.9", question_text="Ut\u00adbildning?", page=38)
    area = area.model_copy(update={"questions": (*area.questions, question)})
    notes = undecoded_text_notes(replace_area(report, area))
    assert [(n.area_no, n.parts, n.question_id, n.page) for n in notes] == [
        (3, ("strengths",), None, 15),
        (3, ("area_summary",), None, 16),
        (3, ("overview_questions",), "3.9", 38),
    ]
    assert "(U+FB00)" in notes[0].message and "(glyph cid 3)" in notes[1].message
    assert "(U+00AD)" in notes[2].message
    # a note names them, and never copies them into the checks table
    assert not any("ﬀ" in n.message or "(cid:" in n.message for n in notes)


def test_clean_text_gives_no_note() -> None:
    assert undecoded_text_notes(amal_report()) == []
