"""The text conventions of the expected files (the extractor follows the same ones)."""

from __future__ import annotations

import re

from .document import Paragraph, SrcLine

_SPACE_RUN = re.compile(r"\s+")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: with one space, or with none after a compound broken at "-"."""
    return _SPACE_RUN.sub(" ", _glue_hyphens(lines)).strip()


def _glue_hyphens(lines: list[str]) -> str:
    pieces: list[str] = []
    for index, line in enumerate(lines):
        pieces.append(line)
        is_last = index == len(lines) - 1
        if not is_last and not line.endswith("-"):
            pieces.append(" ")  # a line ending "-" without a space is a broken compound word
    return "".join(pieces)


def join_src(lines: tuple[SrcLine, ...]) -> str:
    return join_lines([line.text for line in lines])


def join_paragraphs(paragraphs: tuple[Paragraph, ...]) -> str:
    texts = [join_src(paragraph.lines) for paragraph in paragraphs]
    return "\n\n".join(text for text in texts if text)
