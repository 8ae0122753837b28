"""Build positioned lines from text for parser tests, without a PDF."""

from __future__ import annotations

from kompass_extract.read.layout import Line, line_from_text


def cells(page: int, top: float, *parts: tuple[float, str], bold: bool = False) -> Line:
    """One line made of text cells placed at given x positions: cells(1, 100, (70, "a"), (400, "7"))."""
    words = []
    for x0, text in parts:
        words += line_from_text(text, page, top, x0=x0).words
    return Line(page, tuple(words), 11.0, bold)


def column(
    texts: list[str],
    page: int = 1,
    top: float = 100.0,
    *,
    x0: float = 70.0,
    pitch: float = 14.0,
    bold: bool = False,
) -> list[Line]:
    """Lines one under the other; an empty string leaves a blank line (a paragraph gap)."""
    lines = []
    for i, text in enumerate(texts):
        if text.strip():
            indent = x0 + (18.0 if text.startswith("  ") else 0.0)
            lines.append(
                line_from_text(
                    text.strip(" ") + (" " if text.endswith(" ") else ""),
                    page,
                    top + i * pitch,
                    x0=indent,
                    bold=bold,
                )
            )
    return lines
