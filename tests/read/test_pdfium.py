"""The PDFium engine against the pdfplumber engine on generated PDFs, samples and cases:
rotation, offset MediaBoxes, invisible text, ActualText, ligatures, hyphens, unmapped glyphs,
errors (encryption, not a PDF, damage), bytes, threads."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kompass_extract.errors import EncryptedError, MalformedError, NotPdfError
from kompass_extract.read import pdfium, pdfplumber
from kompass_extract.read.chars import REPLACEMENT, Char, PageChars

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CASES = ROOT.parent / "shared" / "cases"
CORPORA = ROOT.parent / "shared" / "corpora"
LIGATURES = {"ff", "fi", "fl", "ffi", "ffl", "st"}

pytestmark = pytest.mark.slow


def need(path: Path) -> Path:
    """``path``, or skip the test when it is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def pair(theirs: tuple[Char, ...], ours: tuple[Char, ...], radius: float = 3.0) -> list[tuple]:
    """Greedy pairs (ours, theirs) of same-text glyphs whose (x0, top) lie within ``radius``."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(theirs):
        buckets[q.text].append(i)
    candidates = [
        (abs(theirs[i].x0 - p.x0) + abs(theirs[i].top - p.top), n, i)
        for n, p in enumerate(ours)
        for i in buckets.get(p.text, ())
        if abs(theirs[i].x0 - p.x0) + abs(theirs[i].top - p.top) <= radius
    ]
    used_ours, used_theirs, pairs = set(), set(), []
    for _, n, i in sorted(candidates):
        if n not in used_ours and i not in used_theirs:
            used_ours.add(n)
            used_theirs.add(i)
            pairs.append((ours[n], theirs[i]))
    return pairs


def distance(p: Char, q: Char) -> float:
    """The largest difference of the two glyphs' box edges."""
    return max(abs(p.x0 - q.x0), abs(p.x1 - q.x1), abs(p.top - q.top), abs(p.bottom - q.bottom))


def both(path: Path, **options: Any) -> tuple[list[PageChars], list[PageChars]]:
    """(PDFium's pages, pdfplumber's pages)."""
    return list(pdfium.read_chars(path, **options)), list(pdfplumber.read_chars(path, **options))


@pytest.mark.parametrize("name", ["amal-2019.pdf", "exempelstad-2021.pdf", "provby-2018.pdf"])
def test_sample_glyphs_match_the_pdfplumber_engine(name: str) -> None:
    ours_pages, theirs_pages = both(SAMPLES / name)
    assert [v for p in ours_pages for v in (p.number, p.width, p.height)] == pytest.approx(
        [v for p in theirs_pages for v in (p.number, p.width, p.height)]
    )
    for ours, theirs in zip(ours_pages, theirs_pages, strict=True):
        pairs = pair(theirs.chars, ours.chars)
        assert len(pairs) == len(ours.chars)  # PDFium drops overprinted copies, no more
        for p, q in pairs:
            assert distance(p, q) <= 0.5
            assert (p.size, p.direction, p.upright) == (pytest.approx(q.size, abs=0.01), 0, True)
            assert p.fontname.split("+")[-1] == q.fontname.split("+")[-1]
        assert len(ours.marks) == len(theirs.marks)


def test_bytes_are_read_as_the_file() -> None:
    path = SAMPLES / "okandby-2024.pdf"
    assert pdfium.read_chars("named.pdf", None, path.read_bytes()) == pdfium.read_chars(path)


def test_ligature_glyph_is_one_char_holding_its_letters() -> None:
    ours, theirs = both(need(CASES / "text-ligatures" / "input.pdf"))
    chars = [c for page in ours for c in page.chars]
    ligatures = [c.text for c in chars if len(c.text) > 1]
    assert ligatures and set(ligatures) <= LIGATURES
    assert len(ligatures) == sum("\ufb00" <= c.text <= "\ufb06" for p in theirs for c in p.chars)


def test_hyphens_at_line_ends_are_what_the_pdf_holds() -> None:
    for path in (need(CASES / "text-soft-hyphens" / "input.pdf"), SAMPLES / "amal-2019.pdf"):
        ours, theirs = both(path)
        texts = [c.text for page in ours for c in page.chars]
        assert not any("\x02" in t or "\ufffe" in t for t in texts)
        expected = [c.text for page in theirs for c in page.chars]
        for hyphen in ("-", "\u00ad"):
            assert texts.count(hyphen) == expected.count(hyphen)


def test_glyph_without_unicode_is_replacement_and_flagged() -> None:
    ours, theirs = both(need(CASES / "text-bullets-without-unicode" / "input.pdf"))
    unmapped = [c for page in ours for c in page.chars if c.unmapped]
    assert unmapped and {c.text for c in unmapped} == {REPLACEMENT}
    assert len(unmapped) == sum(c.unmapped for page in theirs for c in page.chars)


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_turned_page_with_offset_mediabox_is_pdfplumbers_frame(tmp_path: Path, rotate: int) -> None:
    path = tmp_path / f"rotate-{rotate}.pdf"
    make_pdf(path, lines(["Offset MediaBox", "second line 123"]), (30, 40, 625, 882), rotate)
    (ours,), (theirs,) = both(path)
    assert (ours.width, ours.height) == pytest.approx((theirs.width, theirs.height))
    pairs = pair(theirs.chars, ours.chars)
    assert len(pairs) == len(theirs.chars) == len(ours.chars) > 0
    for p, q in pairs:
        assert distance(p, q) < 0.01
        assert (p.direction, p.upright) == (q.direction, q.upright)


@pytest.mark.parametrize(
    "matrix",
    [(1, 0, 0, 1), (-1, 0, 0, 1), (-1, 0, 0, -1), (1, 0, 0, -1), (0, 1, -1, 0), (0, -1, 1, 0)],
)
def test_rotated_or_mirrored_text_is_printed_as_pdfplumber_gives_it(
    tmp_path: Path, matrix: tuple
) -> None:
    path = tmp_path / "turned.pdf"

    def draw(canvas: Any) -> None:
        canvas.saveState()
        canvas.transform(*matrix, 300, 420)
        lines(["Rotated text one", "and its second line"], x=-100, y=60)(canvas)
        canvas.restoreState()

    make_pdf(path, draw)
    (ours,), (theirs,) = both(path)
    pairs = pair(theirs.chars, ours.chars)
    assert len(pairs) == len(theirs.chars) == len(ours.chars) > 0
    for p, q in pairs:
        assert distance(p, q) < 0.01
        assert (p.direction, p.upright) == (q.direction, q.upright)


def test_actual_text_is_spread_over_its_object(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "actual.pdf"
    make_pdf(path, lines(["placeholder"]))
    content = (
        b"BT /F1 12 Tf 72 700 Td (Plain ) Tj ET\n"
        b"/Span <</ActualText (office)>> BDC BT /F1 12 Tf 120 700 Td (o\\x ce) Tj ET EMC\n"
    )
    writer = pypdf.PdfWriter(clone_from=str(path))
    stream = pypdf.generic.DecodedStreamObject()
    stream.set_data(content)
    writer.pages[0].replace_contents(stream)
    writer.write(str(path))
    chars = pdfium.read_chars(path)[0].chars
    assert "".join(c.text for c in chars) == "Plain office"
    spread = [c for c in chars if c.x0 >= 120]
    assert len(spread) == 6 and len({round(c.width, 3) for c in spread}) == 1
    assert all(b.x0 == pytest.approx(a.x1) for a, b in zip(spread, spread[1:], strict=False))


def test_invisible_text_has_render_mode_3(tmp_path: Path) -> None:
    path = tmp_path / "invisible.pdf"

    def draw(canvas: Any) -> None:
        lines(["Seen words"], y=700)(canvas)
        text = canvas.beginText(72, 600)
        text.setFont("Helvetica", 12)
        text.setTextRenderMode(3)
        text.textLine("Hidden words")
        canvas.drawText(text)

    make_pdf(path, draw)
    (ours,), (theirs,) = both(path)
    assert [(c.text, c.render_mode) for c in ours.chars] == [
        (c.text, c.render_mode) for c in theirs.chars if c.text != " " or c.render_mode != 3
    ] or "".join(c.text for c in ours.chars if c.render_mode == 3) == "Hidden words"
    assert {c.render_mode for c in ours.chars if c.top < 842 - 650} == {0}


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", NotPdfError),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, NotPdfError),
        (b"%PDF-1.4\n" + b"garbage " * 200, MalformedError),
    ],
)
def test_unreadable_file_raises_the_project_error(tmp_path: Path, content: bytes, error) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    with pytest.raises(error):
        pdfium.read_chars(path)
    with pytest.raises(error):
        pdfium.read_chars("named.pdf", None, content)


def test_missing_file_is_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(NotPdfError):
        pdfium.read_chars(tmp_path / "nowhere.pdf")


def test_encrypted_file_asks_for_the_password() -> None:
    path = need(CORPORA / "pdfminer-samples" / "encryption" / "aes-128.pdf")
    with pytest.raises(EncryptedError, match="--password"):
        pdfium.read_chars(path)
    with pytest.raises(EncryptedError):
        pdfium.read_chars(path, password="wrong")
    assert sum(len(p.chars) for p in pdfium.read_chars(path, password="foo")) > 0


def test_concurrent_readers_are_serialised() -> None:
    path = SAMPLES / "exempelholm-2022.pdf"
    expected = pdfium.read_chars(path)
    results: list[list[PageChars]] = []
    threads = [
        threading.Thread(target=lambda: results.append(list(pdfium.read_chars(path))))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [list(expected)] * 3


def make_pdf(
    path: Path, draw: Callable[[Any], None], mediabox: tuple | None = None, rotate: int = 0
) -> None:
    """A one-page A4 PDF drawn by ``draw(canvas)``; MediaBox and /Rotate set afterwards."""
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    canvas = canvas_module.Canvas(str(path), pagesize=(595, 842))
    draw(canvas)
    canvas.showPage()
    canvas.save()
    if mediabox is not None or rotate:
        pypdf = pytest.importorskip("pypdf")
        writer = pypdf.PdfWriter()
        page = pypdf.PdfReader(str(path)).pages[0]
        if mediabox is not None:
            page.mediabox = pypdf.generic.RectangleObject(mediabox)
        if rotate:
            page.rotate(rotate)
        writer.add_page(page)
        with open(path, "wb") as handle:
            writer.write(handle)


def lines(texts: list[str], *, x: float = 72, y: float = 760) -> Callable[[Any], None]:
    """A drawing of ``texts`` in 12 pt Helvetica, one line each, from (x, y)."""

    def draw(canvas: Any) -> None:
        text = canvas.beginText(x, y)
        text.setFont("Helvetica", 12)
        for line in texts:
            text.textLine(line)
        canvas.drawText(text)

    return draw
