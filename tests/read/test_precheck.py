"""Byte-level checks made before any PDF library sees a file."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from kompass_extract.errors import NotPdfError, TooLargeError, TooManyPagesError, TruncatedError
from kompass_extract.read.precheck import Limits, check_file, read_page_count, top_level
from tests.hostile.make_fixtures import build_pdf, stream, text_page_pdf

LIMITS = Limits(max_size=1 << 20, max_pages=50)


def written(tmp_path: Path, data: bytes, name: str = "file.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pages_pdf(count: int, outline_count: int | None = None) -> bytes:
    outline = (
        b"/Outlines << /Type /Outlines /Count %d >> " % outline_count if outline_count else b""
    )
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return build_pdf(
        [
            b"<< /Type /Catalog %s/Pages 2 0 R >>" % outline,
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            *pages,
        ]
    )


def test_a_plain_pdf_passes_with_its_facts(tmp_path):
    facts = check_file(written(tmp_path, pages_pdf(3)), LIMITS)
    assert (facts.version, facts.page_count, facts.encrypted) == ("1.4", 3, False)


def test_the_page_count_ignores_counts_of_nested_dictionaries():
    # The catalog's outline dictionary has its own /Count; only the page tree's counts.
    assert read_page_count(pages_pdf(2, outline_count=900)) == 2


def test_top_level_drops_nested_dictionaries():
    assert top_level(b"<< /A 1 /B << /C 2 >> /D 3 >> trailing") == b" /A 1 /B  /D 3 "


def test_the_page_count_is_found_inside_a_compressed_object_stream():
    packed = b"<< /Type /Catalog /Pages 3 0 R >> << /Type /Pages /Kids [] /Count 42 >>"
    header = b"2 0 3 34 "
    compressed = zlib.compress(header + packed)
    data = build_pdf(
        [
            stream(compressed, b"/Type /ObjStm /N 2 /First %d /Filter /FlateDecode " % len(header)),
        ]
    ).replace(b"/Root 1 0 R", b"/Root 2 0 R")
    assert read_page_count(data) == 42


def test_unknown_page_count_when_no_page_tree_is_visible():
    assert read_page_count(b"%PDF-1.7\nnothing here\n%%EOF") is None


def test_too_many_pages_is_refused_before_parsing(tmp_path):
    with pytest.raises(TooManyPagesError, match="51 pages.*--max-pages"):
        check_file(written(tmp_path, pages_pdf(51)), LIMITS)


def test_too_big_a_file_is_refused(tmp_path):
    path = written(tmp_path, pages_pdf(1) + b"%" + b"x" * (1 << 20) + b"\n")
    with pytest.raises(TooLargeError, match="--max-size"):
        check_file(path, LIMITS)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>404</body></html>", "HTML page"),
        (b"\n  <html lang='sv'><head></head></html>", "HTML page"),
        (b"PK\x03\x04 a zip archive", "instead of '%PDF-'"),
    ],
)
def test_files_that_are_not_pdfs_are_named_for_what_they_are(tmp_path, data, words):
    with pytest.raises(NotPdfError, match=words):
        check_file(written(tmp_path, data), LIMITS)


def test_junk_before_the_header_is_tolerated(tmp_path):
    assert check_file(written(tmp_path, b"\r\n" + pages_pdf(1)), LIMITS).page_count == 1


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.97])
def test_a_cut_off_download_is_truncated(tmp_path, keep):
    whole = text_page_pdf()
    with pytest.raises(TruncatedError, match="download it again"):
        check_file(written(tmp_path, whole[: int(len(whole) * keep)]), LIMITS)


def test_an_incomplete_appended_update_is_truncated(tmp_path):
    data = text_page_pdf() + b"6 0 obj\n<< /Type /Annot /Contents (cut here"
    with pytest.raises(TruncatedError, match="incomplete update"):
        check_file(written(tmp_path, data), LIMITS)


def test_a_comment_after_the_end_marker_is_fine(tmp_path):
    assert check_file(written(tmp_path, text_page_pdf() + b"% copy 7\n"), LIMITS).page_count == 1


def test_an_encrypt_entry_in_the_trailer_is_noticed(tmp_path):
    data = build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Filter /Standard /V 2 /R 3 >>",
        ],
        trailer_extra=b"/Encrypt 3 0 R ",
    )
    assert check_file(written(tmp_path, data), LIMITS).encrypted


def test_a_file_that_the_libraries_would_chew_on_is_checked_quickly(tmp_path):
    # The checks read bytes only: a 4 GiB compression bomb is measured, not inflated.
    from tests.hostile.make_fixtures import compression_bomb

    facts = check_file(written(tmp_path, compression_bomb()), LIMITS)
    assert facts.page_count == 1
