"""The strict structure check (read/structure.py): damage a tolerant engine reads through is
named, a sound file passes, and only a file that gave no report is ever judged by it.

Each damaged file is the one-page text PDF of the hostile fixtures with one fault put in by
hand, so the expected fault is known from how the file was built.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from kompass_extract import pipeline
from kompass_extract.errors import KompassError
from kompass_extract.pipeline import extract_report
from kompass_extract.read.pages import ENGINES
from kompass_extract.read.structure import structure_fault
from tests.hostile.make_fixtures import FONT, build_pdf, encrypted, stream, text_page_pdf

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "samples").glob("*.pdf"))
TEXT = b"BT /F1 14 Tf 72 760 Td (Annual budget) Tj ET"


def page_pdf(page_extra: bytes = b"/MediaBox [0 0 595 842]", content: bytes | None = None) -> bytes:
    """The one-page text PDF with the page's boxes and its content stream object given."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R %s /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>" % page_extra,
            content if content is not None else stream(TEXT),
            FONT,
        ]
    )


def absurd_length() -> bytes:
    return page_pdf(content=b"<< /Length 1%s >>\nstream\n%s\nendstream" % (b"0" * 30, TEXT))


def undecodable(filter_name: bytes) -> bytes:
    """Content whose bytes are not what its filter says (zlib data under LZW, junk under
    Flate)."""
    data = zlib.compress(TEXT) if filter_name == b"/LZWDecode" else b"\x00\xffnot deflated"
    return page_pdf(content=stream(data, b"/Filter %s " % filter_name))


def reference_cycle() -> bytes:
    """The document information entry: object 6 refers to 7, which refers to 6."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(TEXT),
            FONT,
            b"7 0 R",
            b"6 0 R",
        ],
        trailer_extra=b"/Info 6 0 R ",
    )


# name -> (damaged bytes, words the fault must contain)
DAMAGED = {
    "mediabox-string": (page_pdf(b"/MediaBox [(a) 0 595 842]"), "MediaBox is not four numbers"),
    "mediabox-three-numbers": (page_pdf(b"/MediaBox [0 0 595]"), "MediaBox is not four numbers"),
    "mediabox-name": (page_pdf(b"/MediaBox /Letter"), "PSLiteral"),  # pdfminer refuses it
    "cropbox-string": (
        page_pdf(b"/MediaBox [0 0 595 842] /CropBox [0 0 (x) 842]"),
        "CropBox is not four numbers",
    ),
    "absurd-length": (absurd_length(), "OverflowError"),
    "flate-junk": (undecodable(b"/FlateDecode"), "filter FlateDecode"),
    "lzw-junk": (undecodable(b"/LZWDecode"), "filter LZWDecode"),
    "reference-cycle": (reference_cycle(), "refers to itself"),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_each_kind_of_damage_is_named(name: str) -> None:
    data, words = DAMAGED[name]
    fault = structure_fault(data)
    assert fault is not None and words in fault


def test_a_sound_file_has_no_fault() -> None:
    assert structure_fault(text_page_pdf()) is None
    assert structure_fault(page_pdf(b"/MediaBox [0 0 595.5 842] /CropBox [0 0 595 842]")) is None


def test_a_file_it_cannot_open_for_its_password_has_no_fault_it_could_tell() -> None:
    assert structure_fault(encrypted("secret", "owner")) is None


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_no_sample_has_a_fault(sample: Path) -> None:
    assert structure_fault(sample.read_bytes()) is None


@pytest.mark.slow
@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_file_without_a_report_is_malformed_with_every_engine(tmp_path, name, engine):
    if (engine, name) == ("pdfplumber", "reference-cycle"):
        pytest.skip("pdfminer follows the cycle for ever while opening the file (a timeout)")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(DAMAGED[name][0])
    with pytest.raises(KompassError) as caught:
        extract_report(path, engine=engine)
    assert caught.value.code == "malformed", str(caught.value)


@pytest.mark.slow
def test_a_sound_file_without_a_report_stays_not_kompass(tmp_path) -> None:
    path = tmp_path / "budget.pdf"
    path.write_bytes(text_page_pdf())
    with pytest.raises(KompassError) as caught:
        extract_report(path)
    assert caught.value.code == "not_kompass"


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLES, reason="no sample PDFs in samples/")
def test_a_report_that_reads_is_never_judged_by_it(monkeypatch) -> None:
    def judged(*_: object) -> str:
        raise AssertionError("the structure check ran on a file that gave a report")

    monkeypatch.setattr(pipeline, "structure_fault", judged)
    assert extract_report(SAMPLES[0]).areas
