"""Hostile and broken input files, built from bytes at test time (nothing binary is committed).

Run as a script to write them into a folder: ``python tests/hostile/make_fixtures.py DIR``.
``FIXTURES`` maps each file name to its builder and the error code the extractor must give.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

BOMB_BYTES = 4 << 30  # what the compression bomb inflates to (4 GiB of zeros)
NESTING_DEPTH = 5000  # levels of the deeply nested page tree
DECLARED_PAGES = 1_000_000  # page count claimed by the huge-page-count file


def build_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object N+1 is ``objects[N]``, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), extra, content)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_page_pdf(lines: tuple[str, ...] = ("Annual budget", "Not a report at all")) -> bytes:
    """A one-page PDF with a few lines of real text (not a Kommunkompassen report)."""
    shown = b" ".join(b"(%s) Tj 0 -20 Td" % line.encode("latin-1") for line in lines)
    content = b"BT /F1 14 Tf 72 760 Td %s ET" % shown
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            FONT,
        ]
    )


def self_reference() -> bytes:
    """The document information entry is an object that refers to itself."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"4 0 R",
        ],
        trailer_extra=b"/Info 4 0 R ",
    )


def zeros_deflated(total: int, chunk: int = 1 << 24) -> bytes:
    """A zlib stream of ``total`` zero bytes, built without compressing them all.

    After a full flush, compressing the same chunk of zeros again gives the same bytes, so one
    block is repeated; the Adler-32 of n zeros is (n mod 65521) << 16 | 1.
    """
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = raw.compress(bytes(chunk)) + raw.flush(zlib.Z_FULL_FLUSH)
    repeated = raw.compress(bytes(chunk)) + raw.flush(zlib.Z_FULL_FLUSH)
    final_empty_block = b"\x03\x00"
    checksum = ((total % 65521) << 16) | 1
    body = first + repeated * (total // chunk - 1) + final_empty_block
    return b"\x78\xda" + body + checksum.to_bytes(4, "big")


def compression_bomb() -> bytes:
    """A page whose content stream is compressed twice and inflates to BOMB_BYTES."""
    twice = zlib.compress(zeros_deflated(BOMB_BYTES), 9)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(twice, b"/Filter [/FlateDecode /FlateDecode] "),
        ]
    )


def deep_page_tree() -> bytes:
    """A page tree NESTING_DEPTH levels deep with one page at the bottom."""
    first_node = 2
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(NESTING_DEPTH):
        number = first_node + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>"
        % (first_node + NESTING_DEPTH - 1)
    )
    return build_pdf(objects)


def huge_page_count() -> bytes:
    """A page tree that declares DECLARED_PAGES pages (it holds one)."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % DECLARED_PAGES,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def truncated_half() -> bytes:
    whole = text_page_pdf()
    return whole[: len(whole) // 2]


def truncated_tail() -> bytes:
    """Cut just before the end-of-file marker, as an interrupted download would be."""
    whole = text_page_pdf()
    return whole[: whole.rindex(b"%%EOF")]


def encrypted(user_password: str, owner_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_page_pdf())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_only() -> bytes:
    """A page that shows a grey image and holds no text, like a scan."""
    pixels = zlib.compress(bytes([128]) * 64 * 64)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            stream(b"q 400 0 0 400 100 300 cm /Im1 Do Q"),
            stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ",
            ),
        ]
    )


HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
    b"<body><h1>Sidan kunde inte hittas</h1></body></html>\n"
)

# name -> (builder, expected error code with the default engine, PDFium)
FIXTURES: dict[str, tuple[Callable[[], bytes], str]] = {
    # PDFium skips the looping /Info and reads a page without text; pdfminer, asked then
    # whether the structure is damaged, finds the reference cycle (read/structure.py)
    "self-reference.pdf": (self_reference, "malformed"),
    "compression-bomb.pdf": (compression_bomb, "memory_limit"),
    "deep-page-tree.pdf": (deep_page_tree, "malformed"),
    "huge-page-count.pdf": (huge_page_count, "too_many_pages"),
    "truncated-half.pdf": (truncated_half, "truncated"),
    "truncated-tail.pdf": (truncated_tail, "truncated"),
    "user-password.pdf": (lambda: encrypted("secret", "owner"), "encrypted"),
    "owner-password-only.pdf": (lambda: encrypted("", "owner"), "not_kompass"),
    "image-only.pdf": (image_only, "no_text_layer"),
    "zero-byte.pdf": (lambda: b"", "not_pdf"),
    "html-page.pdf": (lambda: HTML_PAGE, "not_pdf"),
    "not-a-report.pdf": (text_page_pdf, "not_kompass"),
}
# (engine, fixture) -> (its error code with that engine, why it differs from FIXTURES)
ENGINE_CODES: dict[tuple[str, str], tuple[str, str]] = {
    ("pdfplumber", "self-reference.pdf"): (
        "timeout",
        "pdfminer follows the document information entry's reference to itself for ever "
        "while it opens the file; the worker is stopped at --timeout",
    ),
}


def expected_code(name: str, engine: str) -> str:
    """The error code a fixture gets when read with ``engine``."""
    if (engine, name) in ENGINE_CODES:
        return ENGINE_CODES[(engine, name)][0]
    return FIXTURES[name][1]


def write_fixtures(folder: Path) -> dict[Path, str]:
    """Write every fixture into ``folder``; returns path -> expected error code."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (build, code) in FIXTURES.items():
        path = folder / name
        path.write_bytes(build())
        expected[path] = code
    return expected


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-fixtures")
    for path, code in write_fixtures(target).items():
        print(f"{path}  ({path.stat().st_size} bytes) -> {code}")
