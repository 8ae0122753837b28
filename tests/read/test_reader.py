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


def _numbered(index: int, printed: int | None, body: str, *, header: str | None = None) -> Page:
    lines = [cells(index, 400, (70, body))]
    if printed is not None:
        lines.append(cells(index, 800, (290, str(printed))))
    if header is not None:
        lines.insert(0, cells(index, 30, (70, header)))
    return _page(index, *lines)


def test_page_numbers_are_judged_per_page_across_an_unnumbered_page() -> None:
    """Printed = physical - 1 up to page 5, an unnumbered page, then printed = physical - 2:
    no single offset fits, yet every page number goes."""
    pages = [_numbered(n, n - 1, "Brödtext") for n in range(2, 6)]
    pages += [_numbered(6, None, "Inlagd sida")]
    pages += [_numbered(n, n - 2, "Brödtext") for n in range(7, 11)]
    kept = [[ln.text for ln in p.lines] for p in drop_running_lines(pages)]
    assert kept == [["Brödtext"]] * 4 + [["Inlagd sida"]] + [["Brödtext"]] * 4


def test_page_numbers_that_restart_in_a_second_report_go_too() -> None:
    first = [_numbered(n, n, "Första") for n in range(1, 9)]
    second = [_numbered(n, n - 8, "Andra") for n in range(9, 13)]
    kept = [[ln.text for ln in p.lines] for p in drop_running_lines(first + second)]
    assert kept == [["Första"]] * 8 + [["Andra"]] * 4


def test_a_running_header_of_one_part_of_a_file_goes_while_a_heading_at_page_tops_stays() -> None:
    """The header stands on 6 of 20 pages (under a third, but on every page near them); a
    heading that happens to open three pages (at the same height) is not running text."""
    header = "Sveriges Kommuner och Regioner 2021-03-19"
    pages = [_numbered(n, None, "Brödtext", header=header) for n in range(1, 7)]
    pages += [
        _numbered(n, None, "Brödtext", header="STYRKOR" if n in (10, 12, 14) else None)
        for n in range(7, 21)
    ]
    kept = [[ln.text for ln in p.lines] for p in drop_running_lines(pages)]
    assert kept[:6] == [["Brödtext"]] * 6
    assert kept[9] == kept[11] == kept[13] == ["STYRKOR", "Brödtext"]


def test_a_heading_that_opens_every_page_of_a_stretch_stays_where_body_text_opens_others() -> None:
    """Chapters one page long: the summary heading opens six pages in a row, at the height
    where other pages' text starts; a running head's place never holds the body's text."""
    opening = ["Område 1 Offentlighet", "Allmänt om kommunen"] + ["SAMMANFATTNING"] * 6
    pages = [
        _page(n, cells(n, 74, (70, top)), cells(n, 400, (70, "Brödtext")))
        for n, top in enumerate(opening, start=1)
    ]
    kept = [[ln.text for ln in p.lines] for p in drop_running_lines(pages)]
    assert [lines[0] for lines in kept] == opening


@pytest.mark.slow
def test_small_drawn_shapes_and_images_are_marks_of_the_page(tmp_path) -> None:
    """A disc, a square and a tiny picture at line starts become marks with their boxes (mm
    drawn with fpdf2, read in points); a table rule and a large box do not."""
    fpdf = pytest.importorskip("fpdf")
    from kompass_extract.read.pages import pdf_to_pages

    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.ellipse(70, 100, 5, 5, style="F")
    pdf.rect(70, 120, 4, 4, style="F")
    picture = tmp_path / "dot.png"
    picture.write_bytes(_one_pixel_png())
    pdf.image(str(picture), x=70, y=140, w=5, h=5)
    pdf.line(70, 300, 500, 300)
    pdf.rect(70, 400, 200, 100)
    for top in (100, 120, 140):
        pdf.text(82, top + 5, "Text efter punkten")
    path = tmp_path / "marks.pdf"
    pdf.output(str(path))
    (page,) = pdf_to_pages(path)
    boxes = [(m.kind, round(m.x0), round(m.top), round(m.x1), round(m.bottom)) for m in page.marks]
    assert boxes == [
        ("shape", 70, 100, 75, 105),
        ("shape", 70, 120, 74, 124),
        ("image", 70, 140, 75, 145),
    ]


def _one_pixel_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )
