"""Cheap checks on a file's bytes before any PDF library parses it.

Everything here reads bytes with bounded scans: the size cap, the ``%PDF-`` header, the
end-of-file marker (a truncated download lacks it), encryption (an ``/Encrypt`` entry in a
trailer) and the page count, read from the ``/Count`` of the catalog's page-tree root without
walking the tree. Object streams are inflated with a hard output budget, so a compression bomb
cannot make the check itself expensive. Nothing here imports pdfminer or pdfplumber.
"""

from __future__ import annotations

import mmap
import zlib
from dataclasses import dataclass
from pathlib import Path

import regex

from kompass_extract.errors import NotPdfError, TooManyPagesError, TruncatedError
from kompass_extract.read.files import path_text, size_error

HEADER_WINDOW = 1024  # readers accept junk before %PDF- within the first KiB
OBJECT_WINDOW = 1 << 20  # bytes scanned for one object's dictionary
INFLATE_BUDGET = 32 << 20  # total bytes object streams may inflate to during the check

_HEADER = regex.compile(rb"%PDF-(\d\.\d)")
_EOF_MARKER = b"%%EOF"
_OBJECT_AFTER_EOF = regex.compile(rb"\d+\s+\d+\s+obj\b")
_ROOT_REF = regex.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")
_PAGES_REF = regex.compile(rb"/Pages\s+(\d+)\s+(\d+)\s+R")
_COUNT = regex.compile(rb"/Count\s+(\d+)")
_PAGES_TYPE = regex.compile(rb"/Type\s*/Pages\b")
_ENCRYPT = regex.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_OBJSTM = regex.compile(rb"/Type\s*/ObjStm\b")
_STREAM_START = regex.compile(rb"stream\r?\n")
_INTEGER = regex.compile(rb"\d+")
_DICT_BRACKET = regex.compile(rb"<<|>>")


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps a file must respect before it is parsed."""

    max_size: int = 100 << 20
    max_pages: int = 500


@dataclass(frozen=True, slots=True)
class PdfFacts:
    """What the bytes say about a file that passed the checks."""

    size: int
    version: str
    page_count: int | None  # None when the page tree's root could not be found cheaply
    encrypted: bool


def check_file(path: Path, limits: Limits) -> PdfFacts:
    """Raise the fitting ``KompassError`` when ``path`` must not be parsed; else its facts."""
    size = path.stat().st_size
    check_size(path, size, limits.max_size)
    if size == 0:
        raise NotPdfError(path_text(path), "the file is empty (0 bytes); download it again")
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return check_data(path, data, limits)


def check_data(path: str | Path, data: mmap.mmap | bytes, limits: Limits) -> PdfFacts:
    """``check_file`` for bytes already read (``path`` names the file in messages)."""
    check_size(path, len(data), limits.max_size)
    if not data:
        raise NotPdfError(path_text(path), "the file is empty (0 bytes); download it again")
    version = read_version(path, data)
    check_end_marker(path, data)
    page_count = read_page_count(data)
    check_page_count(path, page_count, limits.max_pages)
    return PdfFacts(len(data), version, page_count, has_encrypt_entry(data))


def check_size(path: str | Path, size: int, max_size: int) -> None:
    """Raise ``TooLargeError`` when ``size`` (bytes) is above ``max_size``."""
    too_large = size_error(path, size, max_size)
    if too_large is not None:
        raise too_large


def read_version(path: str | Path, data: mmap.mmap | bytes) -> str:
    match = _HEADER.search(data[:HEADER_WINDOW])
    if match is None:
        raise NotPdfError(path_text(path), f"not a PDF: {describe_start(data[:HEADER_WINDOW])}")
    return match.group(1).decode("ascii")


def describe_start(head: bytes) -> str:
    """Words for what a non-PDF file looks like, from its first bytes."""
    text = head.lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:512]:
        return (
            "it is an HTML page (often an error page saved under a .pdf name); "
            "download the PDF again"
        )
    if text.startswith(b"<?xml"):
        return "it is an XML file, not a PDF"
    shown = head[:16].decode("latin-1").encode("unicode_escape").decode("ascii")
    return f"it starts with {shown!r} instead of '%PDF-'"


def check_end_marker(path: str | Path, data: mmap.mmap | bytes) -> None:
    """A file cut off during download lacks %%EOF, or ends inside an appended update."""
    last_eof = data.rfind(_EOF_MARKER)
    if last_eof < 0:
        raise TruncatedError(
            path_text(path),
            "the file has no end-of-file marker (%%EOF): it was probably cut off during "
            "download; download it again",
        )
    if _OBJECT_AFTER_EOF.search(data, last_eof):
        raise TruncatedError(
            path_text(path),
            "the file ends inside an incomplete update after its last %%EOF marker: it was "
            "probably cut off during download; download it again",
        )


def check_page_count(path: str | Path, page_count: int | None, max_pages: int) -> None:
    if page_count is not None and page_count > max_pages:
        raise TooManyPagesError(
            path_text(path),
            f"the file declares {page_count} pages, above the cap of {max_pages}; a report has "
            "far fewer; raise --max-pages to read it anyway",
        )


def has_encrypt_entry(data: mmap.mmap | bytes) -> bool:
    """True when a trailer (or cross-reference stream) names an /Encrypt dictionary."""
    for match in _ENCRYPT.finditer(data):
        window = data[max(0, match.start() - 2048) : match.end() + 2048]
        if b"/Root" in window:
            return True
    return False


# --- page count ---------------------------------------------------------------------------


def read_page_count(data: mmap.mmap | bytes) -> int | None:
    """The /Count of the page-tree root, or the largest /Count of any page-tree node."""
    objects = ObjectFinder(data)
    root_count = count_via_catalog(data, objects)
    if root_count is not None:
        return root_count
    counts = [count for body in objects.page_tree_nodes() if (count := top_level_count(body))]
    return max(counts, default=None)


def count_via_catalog(data: mmap.mmap | bytes, objects: ObjectFinder) -> int | None:
    roots = list(_ROOT_REF.finditer(data))
    if not roots:
        return None
    catalog = objects.body(int(roots[-1].group(1)))  # the last trailer is the newest revision
    pages_ref = _PAGES_REF.search(top_level(catalog)) if catalog else None
    if pages_ref is None:
        return None
    pages_root = objects.body(int(pages_ref.group(1)))
    return top_level_count(pages_root) if pages_root else None


def top_level_count(body: bytes) -> int | None:
    match = _COUNT.search(top_level(body))
    return int(match.group(1)) if match else None


def top_level(body: bytes) -> bytes:
    """The bytes of a dictionary at nesting depth 1 only (nested dictionaries dropped)."""
    kept: list[bytes] = []
    depth, resume = 0, 0
    for bracket in _DICT_BRACKET.finditer(body):
        if depth == 1:
            kept.append(body[resume : bracket.start()])
        depth += 1 if bracket.group() == b"<<" else -1
        resume = bracket.end()
        if depth <= 0:
            break
    return b"".join(kept)


class ObjectFinder:
    """Locates an object's text by number: plain ``N G obj`` first, then object streams."""

    def __init__(self, data: mmap.mmap | bytes) -> None:
        self.data = data
        self._stream_objects: dict[int, bytes] | None = None

    def body(self, number: int) -> bytes | None:
        pattern = regex.compile(rb"(?<!\d)%d\s+\d+\s+obj\b" % number)
        matches = list(pattern.finditer(self.data))
        if matches:
            start = matches[-1].end()
            return bytes(self.data[start : start + OBJECT_WINDOW])
        return self.stream_objects().get(number)

    def page_tree_nodes(self) -> list[bytes]:
        plain = [self.enclosing_object(m.start()) for m in _PAGES_TYPE.finditer(self.data)]
        packed = [body for body in self.stream_objects().values() if _PAGES_TYPE.search(body)]
        return [node for node in plain + packed if _PAGES_TYPE.search(top_level(node))]

    def enclosing_object(self, position: int) -> bytes:
        keyword = self.data.rfind(b"obj", max(0, position - OBJECT_WINDOW), position)
        start = keyword + 3 if keyword >= 0 else position
        return bytes(self.data[start : position + OBJECT_WINDOW])

    def stream_objects(self) -> dict[int, bytes]:
        if self._stream_objects is None:
            self._stream_objects = unpack_object_streams(self.data)
        return self._stream_objects


def unpack_object_streams(data: mmap.mmap | bytes) -> dict[int, bytes]:
    """Objects stored inside /ObjStm streams, inflating at most INFLATE_BUDGET bytes."""
    objects: dict[int, bytes] = {}
    budget = INFLATE_BUDGET
    for match in _OBJSTM.finditer(data):
        stream = _STREAM_START.search(data, match.end(), match.end() + OBJECT_WINDOW)
        if stream is None or budget <= 0:
            continue
        dictionary = bytes(data[max(0, match.start() - 4096) : stream.start()])
        content = inflate_bounded(data, stream.end(), budget)
        budget -= len(content)
        objects.update(split_object_stream(dictionary, content))
    return objects


def inflate_bounded(data: mmap.mmap | bytes, start: int, budget: int) -> bytes:
    end = data.find(b"endstream", start)
    raw = bytes(data[start : end if end >= 0 else start + OBJECT_WINDOW])
    try:
        return zlib.decompressobj().decompress(raw, budget)
    except zlib.error:
        return b""


def split_object_stream(dictionary: bytes, content: bytes) -> dict[int, bytes]:
    """Object number -> text, from an object stream's header of number/offset pairs."""
    first = regex.search(rb"/First\s+(\d+)", dictionary)
    count = regex.search(rb"/N\s+(\d+)", dictionary)
    if first is None or count is None:
        return {}
    offset_of_first = int(first.group(1))
    header = [int(n) for n in _INTEGER.findall(content[:offset_of_first])]
    pairs = list(zip(header[0::2], header[1::2], strict=False))[: int(count.group(1))]
    objects: dict[int, bytes] = {}
    for index, (number, offset) in enumerate(pairs):
        end = pairs[index + 1][1] if index + 1 < len(pairs) else len(content) - offset_of_first
        objects[number] = content[offset_of_first + offset : offset_of_first + end]
    return objects
