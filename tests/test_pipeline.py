"""lines -> Report (kompass_extract/pipeline.py), fed lines built from text, without a PDF."""

from __future__ import annotations

from kompass_extract.pipeline import Source, lines_to_report
from kompass_extract.read.layout import line_from_text
from tests.textlines import cells


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
