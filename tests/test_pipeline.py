"""lines -> Report (kompass_extract/pipeline.py), fed lines built from text, without a PDF."""

from __future__ import annotations

from kompass_extract.pipeline import Source, lines_to_report
from kompass_extract.read.layout import line_from_text
from tests.textlines import cells, column


def test_an_area_known_only_from_an_untitled_table_gets_the_vocabulary_name() -> None:
    lines = [
        line_from_text("4. Översikt av poängfördelning", 9, 60, size=14, bold=True),
        cells(9, 100, (70, "3."), (380, "Uppnått"), (430, "Max"), (470, "Procent"), bold=True),
        cells(9, 114, (70, "3.1 Genomsyras hela organisationen?"), (390, "10"), (432, "15")),
        cells(9, 128, (390, "10"), (430, "100"), (475, "10 %")),
    ]
    report = lines_to_report(lines, Source("report.pdf", "0" * 64, 9))
    (area,) = report.areas
    assert (area.area_no, area.area_name, area.page) == (3, "Område 3", 9)
    assert [q.question_id for q in area.questions] == ["3.1"]
    assert any(n.code == "no_area_block" for n in report.notes)


def area_1_with_findings(strengths: list[str]) -> list:
    return [
        line_from_text("ANALYS AV ÅMÅLS KOMMUN 2019", 1, 60, size=16, bold=True),
        line_from_text("3. Detaljerad genomgång per område", 4, 60, size=14, bold=True),
        line_from_text("Område 1 Offentlighet och demokrati", 4, 80, size=14, bold=True),
        line_from_text("STYRKOR", 4, 100, bold=True),
        *column(strengths, page=4, top=120),
    ]


def test_findings_split_without_bullets_are_read_with_doubt() -> None:
    lines = area_1_with_findings(["Tydliga mål.", "", "Bra uppföljning."])
    report = lines_to_report(lines, Source("report.pdf", "0" * 64, 4))
    assert [f.text for f in report.area(1).strengths] == ["Tydliga mål.", "Bra uppföljning."]
    (note,) = [n for n in report.notes if n.code == "items_without_bullets"]
    assert (note.area_no, note.parts) == (1, ("strengths",))


def test_bulleted_findings_are_not_in_doubt() -> None:
    lines = area_1_with_findings(["• Tydliga mål.", "• Bra uppföljning."])
    report = lines_to_report(lines, Source("report.pdf", "0" * 64, 4))
    assert len(report.area(1).strengths) == 2
    assert not [n for n in report.notes if n.code in ("items_without_bullets", "stray_text")]


def test_the_running_heads_are_compared_with_the_title() -> None:
    lines = area_1_with_findings(["• Tydliga mål."])
    heads = [line_from_text("Vänersborgs kommun – KommunKompassen 2019 Sida 4 (9)", 4, 20)]
    report = lines_to_report(lines, Source("report.pdf", "0" * 64, 4), running=heads)
    assert report.municipality == "Åmål"
    contradictions = [n for n in report.notes if n.code == "municipality_contradiction"]
    assert "the running heads (page 4) name Vänersborg" in contradictions[0].message
    # the strengths were read on page 4, under a running head naming another municipality
    assert (contradictions[1].area_no, contradictions[1].parts) == (1, ("strengths",))
