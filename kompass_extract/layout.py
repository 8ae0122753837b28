"""Positioned text: the only shape in which page content leaves the reader.

Coordinates are PDF points with the origin at the top left of the page (pdfplumber's
``top``/``bottom``), so a larger ``top`` is further down the page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of text on one page.

    ``text`` has its words joined by single spaces (runs of white space folded).
    ``trailing_space`` records whether the PDF put a space after the last word: a line
    that ends in ``-`` with a trailing space is a dash before a new word ("Energi- och"),
    one without is a hyphenated compound broken at the line end ("trainee-utbildningar").
    """

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    words: tuple[Word, ...] = ()
    trailing_space: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top


def line_from_text(
    text: str,
    page: int = 1,
    top: float = 0.0,
    *,
    x0: float = 70.0,
    size: float = 11.0,
    bold: bool = False,
) -> Line:
    """A Line built from plain text, for tests and for parsers fed text without a PDF.

    Words are laid out left to right at a nominal width per character.
    """
    words: list[Word] = []
    x = x0
    char_width = size * 0.5
    for token in text.split():
        width = char_width * len(token)
        words.append(Word(token, x, x + width, top, top + size))
        x += width + char_width
    x1 = words[-1].x1 if words else x0
    return Line(
        page=page,
        text=" ".join(w.text for w in words),
        x0=x0,
        x1=x1,
        top=top,
        bottom=top + size,
        size=size,
        bold=bold,
        words=tuple(words),
        trailing_space=text.endswith((" ", "\t")),
    )
