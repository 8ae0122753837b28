"""The space of report layouts, as data: every dimension, its values and why it is there.

A ``Layout`` picks one value per dimension. ``LAYOUT_SPACE`` is the single description of the
space: the randomised generator (``random_style.py``), its hypothesis strategy
(``strategies.py``) and samples/README.md all read it. Each dimension is there because reports
in the archive (or PDF producers making them) differ in it, and the extractor once leaned on
one of its values; the reason says which.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, NamedTuple


class Dimension(NamedTuple):
    values: tuple[Any, ...]
    reason: str


LAYOUT_SPACE: dict[str, Dimension] = {
    "page_format": Dimension(
        ("A4", "Letter"), "Swedish reports are A4; PDF printers and US-set tools make Letter"
    ),
    "body_font": Dimension(
        ("times", "helvetica", "courier", "vera"),
        "glyph widths move every line end and column; Vera is an embedded TrueType font with "
        "its own Unicode map, the others are the standard fonts",
    ),
    "body_size": Dimension((10, 11, 12), "the line pitch and paragraph gaps scale with it"),
    "text_align": Dimension(
        ("J", "L"), "justified text stretches spaces; ragged text leaves short lines"
    ),
    "heading_style": Dimension(
        ("bold_large", "bold", "large", "plain", "small"),
        "headings found by bold or larger type fail on text layers without bold (OCR, some "
        "converters) or with odd sizes; 'plain' and 'small' leave only words and place",
    ),
    "heading_font": Dimension(("helvetica", "body"), "headings in the body face or another one"),
    "heading_case": Dimension(
        ("as_written", "upper"), "some producers set section and area headings in capitals"
    ),
    "part_case": Dimension(
        ("upper", "title"), "STYRKOR in capitals (Word reports) or 'Styrkor' (others)"
    ),
    "section_numbers": Dimension(
        ("numbered", "unnumbered", "renamed", "missing"),
        "the overview was read only after a numbered '4 …' heading; reports number, rename or "
        "leave out their section headings",
    ),
    "box_form": Dimension(
        ("grid", "plain", "list_label", "list_bare", "heading_line"),
        "the area score was read only from a 'Rubriker/Poäng' box; it also stands after the "
        "list with or without a label, or on the area's heading line",
    ),
    "box_bullet": Dimension(
        ("•", "▪", "\uf0a7", "➢", "drawn_disc", "drawn_square", "image"),
        "the sub-area list's bullets: glyphs in and outside the vocabulary, drawn shapes, pictures",
    ),
    "finding_bullet": Dimension(
        (
            "source",
            "•",
            "–",
            "\uf0a7",
            "➢",
            "drawn_disc",
            "drawn_square",
            "image",
            "none_spaced",
            "none_hanging",
        ),
        "findings were split only at a bullet character: browsers draw list markers as shapes, "
        "fonts may lack the glyph, lists may have no bullet (told apart by spacing or a hanging "
        "indent); a list with no bullet, spacing or indent at all is left out: nothing on the "
        "page tells its items apart",
    ),
    "table_rules": Dimension(
        ("grid", "horizontal", "none"), "ruled grids, rules between rows only, or no rules"
    ),
    "number_align": Dimension(
        ("right", "centre", "left"), "figures sit anywhere in their column under a centred header"
    ),
    "figures_position": Dimension(
        ("source", "bottom", "below"),
        "the figures of a wrapped question stand on its last line, centred, or on a line of "
        "their own",
    ),
    "repeat_header": Dimension(
        (True, False), "a table continued on a new page repeats its header row, or not"
    ),
    "table_placement": Dimension(
        ("end", "chapter", "single"),
        "one table per area at the end (section 4), one at the end of each area's chapter, or "
        "one table for all areas with a row naming each area",
    ),
    "table_break": Dimension(
        ("natural", "forced"),
        "'forced' breaks the page inside some tables, besides where they break by themselves",
    ),
    "landscape_overview": Dimension(
        (False, True), "the overview tables on landscape pages, wider than the body pages"
    ),
    "running": Dimension(
        ("sida_footer", "number_bottom", "number_top", "header_n_of_m", "none"),
        "running heads and page numbers in every form seen: 'Sida N (M)' footers, bare numbers "
        "at the foot or the head, 'N (M)' in the running header, none",
    ),
    "area_new_page": Dimension((True, False), "each area on a new page, or areas running on"),
    "contents": Dimension((False, True), "a contents page repeats the headings with page numbers"),
}


@dataclass(frozen=True)
class Layout:
    """One point of ``LAYOUT_SPACE``: a value per dimension (the defaults are the first)."""

    page_format: str = "A4"
    body_font: str = "times"
    body_size: int = 11
    text_align: str = "J"
    heading_style: str = "bold_large"
    heading_font: str = "helvetica"
    heading_case: str = "as_written"
    part_case: str = "upper"
    section_numbers: str = "numbered"
    box_form: str = "grid"
    box_bullet: str = "•"
    finding_bullet: str = "source"
    table_rules: str = "grid"
    number_align: str = "right"
    figures_position: str = "source"
    repeat_header: bool = True
    table_placement: str = "end"
    table_break: str = "natural"
    landscape_overview: bool = False
    running: str = "sida_footer"
    area_new_page: bool = True
    contents: bool = False

    def __post_init__(self) -> None:
        for spec in fields(self):
            allowed = LAYOUT_SPACE[spec.name].values
            if getattr(self, spec.name) not in allowed:
                raise ValueError(
                    f"layout {spec.name}={getattr(self, spec.name)!r}: not in {allowed}"
                )

    def describe(self) -> str:
        """The values that differ from the defaults, for a test's failure message."""
        default = Layout()
        changed = [
            f"{spec.name}={getattr(self, spec.name)!r}"
            for spec in fields(self)
            if getattr(self, spec.name) != getattr(default, spec.name)
        ]
        return "Layout(" + ", ".join(changed) + ")"


def check_space() -> None:
    """Every Layout field is a dimension of the space and its default is a value of it."""
    names = [spec.name for spec in fields(Layout)]
    if names != list(LAYOUT_SPACE):
        raise ValueError(f"Layout fields {names} differ from LAYOUT_SPACE {list(LAYOUT_SPACE)}")
    Layout()


def space_table() -> str:
    """The layout space as a Markdown table (dimension, values, why), for samples/README.md."""
    rows = ["| dimension | values | why it is in the space |", "|---|---|---|"]
    for name, dimension in LAYOUT_SPACE.items():
        values = ", ".join(f"`{shown(value)}`" for value in dimension.values)
        rows.append(f"| `{name}` | {values} | {dimension.reason} |")
    return "\n".join(rows) + "\n"


def shown(value: Any) -> str:
    """A value as the table shows it: private-use glyphs by their code point."""
    text = str(value)
    return "".join(f"U+{ord(c):04X}" if 0xE000 <= ord(c) <= 0xF8FF else c for c in text)
