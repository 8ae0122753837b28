"""The words of structural failures: what the file is, counted and measured as a reader says it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kompass_extract.batch.inputs import discover_pdfs
from kompass_extract.errors import MalformedError, NoTextLayerError, UnreadableTextError
from kompass_extract.pipeline import extract_reports
from kompass_extract.read.files import size_error
from kompass_extract.read.pages import check_decodable
from tests.hostile.make_fixtures import build_pdf, image_only


def test_a_pdf_without_pages_says_so(tmp_path):
    path = tmp_path / "empty-tree.pdf"
    path.write_bytes(
        build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    )
    with pytest.raises(MalformedError) as caught:
        extract_reports(path)
    assert "has no pages" in str(caught.value)
    assert "0 pages" not in str(caught.value)


def test_one_page_without_text_is_one_page(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only())
    with pytest.raises(NoTextLayerError) as caught:
        extract_reports(path)
    message = str(caught.value)
    assert "its only page has no text layer" in message and "1 pages" not in message


@pytest.mark.parametrize(
    "size, cap, shown",
    [
        (100_000, 10 << 10, ("97.7 KiB", "10.0 KiB")),
        (5 << 20, 1 << 20, ("5.0 MiB", "1.0 MiB")),
        (900, 512, ("900 bytes", "512 bytes")),
        ((10 << 10) + 1, 10 << 10, ("10241 bytes", "10240 bytes")),  # too close to round
    ],
)
def test_the_size_cap_message_shows_both_sizes_in_a_unit_that_tells_them_apart(size, cap, shown):
    message = str(size_error("big.pdf", size, cap))
    assert f"the file is {shown[0]}, above the size cap of {shown[1]}" in message


def test_text_in_another_script_says_both_causes_and_when_ocr_helps():
    pages = [
        SimpleNamespace(lines=[SimpleNamespace(text="東京都の地方自治体の評価報告書です")] * 20)
    ]
    with pytest.raises(UnreadableTextError) as caught:
        check_decodable("jp.pdf", pages)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "cannot be decoded" in message
    assert "script that cannot occur in a Swedish report" in message
    assert "not a Kommunkompassen report" in message
    assert "only if the printed page is Swedish" in message


def test_a_folder_named_pdf_inside_a_searched_folder_is_searched(tmp_path):
    inner = tmp_path / "in" / "dir.pdf"
    inner.mkdir(parents=True)
    (inner / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "in" / "empty.pdf").mkdir()
    assert discover_pdfs([tmp_path / "in"]) == [inner / "report.pdf"]
    assert discover_pdfs([inner]) == [inner / "report.pdf"]
