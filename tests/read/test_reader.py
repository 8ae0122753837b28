"""The reader's pure steps: characters -> lines, and dropping running headers and footers."""

from __future__ import annotations

import pytest

from kompass_extract.read.chars import Char
from kompass_extract.read.layout import Line, Page
from kompass_extract.read.lines import chars_to_lines
from kompass_extract.read.running import drop_running_lines
from tests.textlines import cells


def chars(text: str, x0: float, top: float, *, size: float = 11.0, font: str = "Times-Roman"):
    out = []
    x = x0
    for ch in text:
        width = size * 0.5
        out.append(Char(ch, x, x + width, top, top + size, size, font))
        x += width
    return out


def test_chars_become_words_with_space_after_and_bold_lines() -> None:
    page_chars = chars("Energi- ", 72, 100) + chars("STYRKOR", 72, 130, font="ABCDEF+Times-Bold")
    page_chars += chars("trainee-", 72, 160)
    lines = chars_to_lines(page_chars, 3)
    assert [ln.text for ln in lines] == ["Energi-", "STYRKOR", "trainee-"]
    assert [ln.trailing_space for ln in lines] == [True, False, False]
    assert [ln.bold for ln in lines] == [False, True, False]
    assert all(ln.page == 3 for ln in lines)


def test_a_wide_gap_between_glyphs_separates_words() -> None:
    page_chars = chars("7", 400, 100) + chars("15", 440, 100) + chars("45", 480, 100)
    (line,) = chars_to_lines(page_chars, 1)
    assert [w.text for w in line.words] == ["7", "15", "45"]


def test_glyphs_on_slightly_different_baselines_share_a_line() -> None:
    page_chars = chars("\uf0a7", 72, 101.5, size=9) + chars("Utveckla", 90, 100)
    (line,) = chars_to_lines(page_chars, 1)
    assert line.text == "\uf0a7 Utveckla"


def _page(number: int, *lines: Line) -> Page:
    return Page(number, 595.0, 842.0, tuple(lines), 100)


def test_page_numbers_and_repeated_headers_go_but_a_low_score_stays() -> None:
    pages = [
        _page(
            n,
            cells(n, 30, (70, f"Sveriges Kommuner och Landsting 2015-01-16 {n} (3)")),
            cells(n, 400, (70, "Brödtext")),
            cells(n, 800, (290, str(n + 2))),
        )
        for n in (1, 2, 3)
    ]
    score = cells(2, 760, (450, "49"))
    pages[1] = _page(2, *pages[1].lines[:2], score, pages[1].lines[2])
    dropped = drop_running_lines(pages)
    kept = [[ln.text for ln in p.lines] for p in dropped]
    assert kept == [["Brödtext"], ["Brödtext", "49"], ["Brödtext"]]
    # what was dropped is kept aside, for the running heads to be compared with the title
    assert [[ln.text for ln in p.running] for p in dropped][1] == [
        "Sveriges Kommuner och Landsting 2015-01-16 2 (3)",
        "4",
    ]


@pytest.mark.slow
def test_layout_chars_are_pdfplumbers_chars_with_fewer_fields() -> None:
    """The fast path reads the same characters, at the same places, as ``page.chars``."""
    from pathlib import Path

    import pdfplumber

    from kompass_extract.read.pdfplumber import layout_chars

    samples = Path(__file__).resolve().parents[2] / "samples"
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname")
    for name, page_no in (("amal-2019.pdf", 38), ("exempelstad-2021.pdf", 4)):
        with pdfplumber.open(samples / name) as pdf:
            page = pdf.pages[page_no - 1]
            expected = [tuple(c[k] for k in keys) for c in page.chars]
            fast = [tuple(getattr(c, k) for k in keys) for c in layout_chars(page)]
        assert fast == expected and len(fast) > 100
