"""PDF pages as small images, and each page's frame in the coordinates of the tables' boxes.

The review site (``kompass_extract.review``) shows a value on an image of its page. Images are
drawn by PDFium (``pypdfium2``), which shows a page's CropBox (as every viewer does); the frame of
that CropBox in pdfplumber's coordinates comes from pdfplumber itself (``Page.cropbox``, which
allows for /Rotate, boxes inherited from the page tree and a box that does not start at 0). So a
box in the tables (PDF points from the page's top-left, as pdfplumber measures) lands on the
image at ``(x0 - frame.x0) / frame.width`` of its width. (PDFium's own MediaBox getter does not
look up a box inherited from the page tree, so it is not used.)

Images are PNG with a small palette: text and rules stay sharp where JPEG and WebP blur them,
and a page of a report is about 50 kB at 900 pixels wide (about 2 MB for a 40-page report;
README, "Review").
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import pdfplumber
import pypdfium2
from PIL import Image


@dataclass(frozen=True)
class PageImageSettings:
    """How page images are drawn: ``width_px`` pixels wide (the height follows the page's
    shape), PNG with a palette of ``colours`` colours (2-256)."""

    width_px: int = 900
    colours: int = 16

    def __post_init__(self) -> None:
        if not 100 <= self.width_px <= 4000:
            raise ValueError(f"width_px must be 100-4000 pixels, not {self.width_px}")
        if not 2 <= self.colours <= 256:
            raise ValueError(f"colours must be 2-256, not {self.colours}")

    @property
    def tag(self) -> str:
        """A short name of these settings for file names (``w900c16``)."""
        return f"w{self.width_px}c{self.colours}"


class PageFrame(NamedTuple):
    """The part of a page that is shown (its CropBox) in pdfplumber's coordinates, in PDF
    points: left ``x0``, ``top``, and its ``width`` and ``height`` as shown (after /Rotate)."""

    x0: float
    top: float
    width: float
    height: float


def page_frames(data: bytes, password: str | None = None) -> dict[int, PageFrame]:
    """1-based page number -> its frame, for every page of the PDF in ``data``.

    Raises pdfplumber's or pdfminer's exceptions for a file they cannot open.
    """
    frames: dict[int, PageFrame] = {}
    with pdfplumber.open(io.BytesIO(data), password=password) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            x0, top, x1, bottom = page.cropbox
            frames[number] = PageFrame(float(x0), float(top), float(x1 - x0), float(bottom - top))
    return frames


def render_pages(
    data: bytes,
    pages: Iterable[int],
    settings: PageImageSettings = PageImageSettings(),  # noqa: B008 (frozen)
    password: str | None = None,
) -> Iterator[tuple[int, bytes]]:
    """(page, PNG bytes) for each 1-based page of ``pages`` that the PDF has, in the order
    given; a page number outside the document is skipped.

    Raises ``pypdfium2.PdfiumError`` for a file PDFium cannot open.
    """
    document = pypdfium2.PdfDocument(data, password=password)
    try:
        for number in pages:
            if 1 <= number <= len(document):
                yield number, render_page(document[number - 1], settings)
    finally:
        document.close()


def render_page(page: pypdfium2.PdfPage, settings: PageImageSettings) -> bytes:
    """One page drawn (its CropBox, turned by /Rotate) as a palette PNG ``settings.width_px``
    wide."""
    width, _ = page.get_size()
    image = page.render(scale=settings.width_px / width).to_pil().convert("RGB")
    return palette_png(image, settings.colours)


def palette_png(image: Image.Image, colours: int) -> bytes:
    """``image`` reduced to ``colours`` colours and written as an optimised PNG."""
    buffer = io.BytesIO()
    image.quantize(colours).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
