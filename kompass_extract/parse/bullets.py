"""Lists: STYRKOR and FÖRBÄTTRINGSOMRÅDEN items, and the bullets of the score box.

With bullets, an item starts at a line whose first glyph is a bullet (any of the vocabulary's
bullets, any symbol or undecodable glyph, or a drawn bullet that ``parse/marks.py`` put in
front) and takes the following lines that continue it: lines without a bullet that are
indented like the item's text or follow it without a paragraph gap.

Without any bullet, items are told apart by the first cue the lines offer: a hanging or
first-line indent that marks each item's first line (``indent``), a gap between two lines wider
than the line pitch (``spacing``; across a page break, where no spacing shows, a line that stops
short or ends a sentence before a capital), or a line that stops short of the right margin
followed by one that starts with a capital or a digit (``line_ends``). ``ItemList.split_by`` says which cue
was used, so that the caller can say the items were split without bullets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kompass_extract.parse.extent import Extent, lines_extent
from kompass_extract.parse.typography import Metrics, starts_paragraph
from kompass_extract.read.layout import Line, Word, join_lines
from kompass_extract.rules.vocabulary import vocabulary

UNMARKED_CUES = ("indent", "spacing", "line_ends")


@dataclass(frozen=True, slots=True)
class Item:
    """One list item: its wrapped lines joined, bullet dropped; the page where it starts and
    the box of its lines there, bullet left out (None: no box known)."""

    text: str
    page: int
    extent: Extent | None = None


@dataclass(frozen=True, slots=True)
class ItemList:
    """A list's items in order, the lines that belong to none, and how the items were told
    apart: ``"bullets"``, one of ``UNMARKED_CUES``, or ``"none"`` (one item, or no lines)."""

    items: list[Item]
    stray: list[Line]
    split_by: str


def split_bullet(line: Line) -> Line | None:
    """The line without its leading bullet glyph, or None when it does not start with one.

    A bullet is a word of its own ("• text") or, except for the dash-like ``bullets_alone``
    (a dash glued to a word is a hyphen), glued to the first word ("•text"). Besides the
    vocabulary's ``bullets``, any glyph matching ``bullet_glyph`` (a symbol, a private-use
    code point, U+FFFD, "(cid:N)") is a bullet. A bullet with no text after it gives None.
    """
    vocab = vocabulary()
    first = line.words[0].text
    length = 0
    if first.startswith(vocab.bullets):  # then the length of the first bullet it starts with
        length = next(len(b) for b in vocab.bullets if first.startswith(b))
    glyph = vocab.bullet_glyph.match(first)
    length = max(length, glyph.end() if glyph else 0)
    if not length:
        return None
    if length == len(first):
        return line.with_words(line.words[1:]) if len(line.words) > 1 else None
    if first[:length] in vocab.bullets_alone or not first[length].isalnum():
        return None
    head = line.words[0]
    rest = Word(first[length:], head.x0, head.x1, head.top, head.bottom, head.space_after)
    return line.with_words((rest, *line.words[1:]))


def lines_to_items(lines: Sequence[Line], metrics: Metrics) -> tuple[list[Item], list[Line]]:
    """Items in order, and the lines that belong to none (see ``lines_to_list``)."""
    found = lines_to_list(lines, metrics)
    return found.items, found.stray


def lines_to_list(lines: Sequence[Line], metrics: Metrics) -> ItemList:
    """A list's lines -> its items (see the module docstring).

    With bullets, lines before the first item, and lines after an item past a paragraph break
    and left of the items' text by ``item_indent_slack``, are ``stray``. Without bullets every
    line belongs to an item. The tolerances are ``metrics.settings``.
    """
    bodies = [split_bullet(ln) for ln in lines]
    if any(body is not None for body in bodies):
        return bulleted(lines, metrics, bodies)
    for cue, breaks in UNMARKED_BREAKS.items():
        starts = breaks(lines, metrics)
        if starts:
            bounds = [0, *starts, len(lines)]
            groups = [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            return ItemList([_item(g) for g in groups], [], cue)
    return ItemList([_item(lines)] if lines else [], [], "none")


def bulleted(
    lines: Sequence[Line], metrics: Metrics, bodies: Sequence[Line | None] | None = None
) -> ItemList:
    """Items that start at bullets; see ``lines_to_list``. ``bodies``: each line's
    ``split_bullet`` when already made."""
    items: list[list[Line]] = []
    stray: list[Line] = []
    bodies = [split_bullet(ln) for ln in lines] if bodies is None else bodies
    for line, body in zip(lines, bodies, strict=True):
        if body is not None:
            items.append([body])
        elif items and _continues(items[-1], line, metrics):
            items[-1].append(line)
        else:
            stray.append(line)
    return ItemList([_item(lines_) for lines_ in items], stray, "bullets")


def spacing_breaks(lines: Sequence[Line], metrics: Metrics) -> list[int]:
    """Indices of lines that follow a gap wider than ``item_gap`` times the line pitch (the
    document's, or the list's own when that is smaller); across a page, as ``line_end_breaks``."""
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page]
    if not gaps:
        return []
    limit = metrics.settings.item_gap * min(metrics.pitch, *gaps)
    return [i for i in range(1, len(lines)) if _spaced(lines[i - 1], lines[i], limit, metrics)]


def _spaced(previous: Line, line: Line, limit: float, metrics: Metrics) -> bool:
    if previous.page != line.page:
        return _ends_item(previous, line, metrics, across_pages=True)
    return line.top - previous.top > limit


def indent_breaks(lines: Sequence[Line], metrics: Metrics) -> list[int]:
    """Indices of lines at the first line's indent, when other lines stand at another one (a
    hanging or a first-line indent); within ``item_indent_slack`` points is the same indent."""
    slack = metrics.settings.item_indent_slack
    first = lines[0].x0 if lines else 0.0
    if not any(abs(ln.x0 - first) > slack for ln in lines):
        return []
    return [i for i in range(1, len(lines)) if abs(lines[i].x0 - first) <= slack]


def line_end_breaks(lines: Sequence[Line], metrics: Metrics) -> list[int]:
    """Indices of lines after a line that stops short of the right margin, when they start
    with a capital letter or a digit."""
    return [i for i in range(1, len(lines)) if _ends_item(lines[i - 1], lines[i], metrics)]


def _ends_item(previous: Line, line: Line, metrics: Metrics, *, across_pages: bool = False) -> bool:
    """``previous`` ends an item and ``line`` starts one: ``line`` starts with a capital or a
    digit after a line that stops short of the right margin; across a page break, where the
    spacing cannot be seen, also after a line that ends a sentence."""
    start = line.text[:1]
    if not (start.isupper() or start.isdigit()):
        return False
    ends_sentence = across_pages and previous.text.endswith((".", "!", "?"))
    return ends_sentence or not metrics.reaches_right(previous)


UNMARKED_BREAKS: dict[str, Callable[[Sequence[Line], Metrics], list[int]]] = {
    "indent": indent_breaks,
    "spacing": spacing_breaks,
    "line_ends": line_end_breaks,
}


def _continues(item: list[Line], line: Line, metrics: Metrics) -> bool:
    text_left = item[0].x0
    if line.x0 >= text_left - metrics.settings.item_indent_slack:
        return True
    return not starts_paragraph(item[-1], line, metrics)


def _item(lines: Sequence[Line]) -> Item:
    return Item(join_lines(lines), lines[0].page, lines_extent(lines))
