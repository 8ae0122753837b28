"""LayoutSettings: every layout tolerance of the reader and the parsers, in one place.

Each tolerance is a field with a default, a unit and a one-line reason, and is validated when a
``LayoutSettings`` is made: a value out of range raises ``LayoutSettingsError`` naming the field,
the allowed range and the value. Units:

- ``pt``: PDF points (1/72 inch), the unit of positions on a page;
- ``em``: a share of the font size of the text concerned (0.25 em of 11 pt text is 2.75 pt);
- ``pitch``: a multiple of the document's measured line pitch (baseline to baseline);
- ``share``: a share (0-1) of the whole named in the reason (page height, text width, lines);
- ``lines``, ``pages`` and ``gaps``: counts.

Where they are used: ``lines_to_report(lines, source, settings)`` hands them to the parsers;
``measure(lines, settings)`` stores them in the ``Metrics`` it returns, so the parsers that read
the measured typography (``lines_to_sections``, ``parse_box``, ``lines_to_items``,
``lines_to_text``) read their tolerances from ``metrics.settings``; ``lines_to_tables`` and
``lines_to_metadata`` take ``settings`` themselves. The reading group (word gap, line
tolerance, margin band, running lines) is applied by ``read/pdfplumber.py`` with the defaults:
the reader takes no settings argument yet. Change a value with ``dataclasses.replace``::

    settings = replace(DEFAULT_SETTINGS, paragraph_gap=1.3)
    report = lines_to_report(lines, source, settings)
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple


class LayoutSettingsError(ValueError):
    """A layout tolerance out of range: ``name``, ``value`` and the message say which and why."""

    def __init__(self, name: str, value: object, problem: str) -> None:
        self.name = name
        self.value = value
        super().__init__(f"LayoutSettings.{name} = {value!r}: {problem}")


class Bounds(NamedTuple):
    """Allowed values of a tolerance: ``low`` < or <= value <= ``high``."""

    low: float
    high: float
    low_included: bool

    def admits(self, value: float) -> bool:
        """True when ``value`` lies within the bounds."""
        above = value >= self.low if self.low_included else value > self.low
        return above and value <= self.high

    def describe(self) -> str:
        """The bounds in words, e.g. ``'> 0 and <= 2'``."""
        return f"{'>=' if self.low_included else '>'} {self.low:g} and <= {self.high:g}"


def tolerance(default: float, unit: str, reason: str, low: float, high: float) -> Any:
    """A dataclass field for a tolerance: value > ``low`` (>= for counts) and <= ``high``."""
    counted = isinstance(default, int)
    return field(
        default=default,
        metadata={"unit": unit, "reason": reason, "bounds": Bounds(low, high, counted)},
    )


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Every layout tolerance, with its unit and the reason for it (see the module docstring)."""

    # --- reading: characters -> words and lines, running heads (read/pdfplumber.py) ---
    word_gap: float = tolerance(
        0.13,
        "em",
        "a gap this much wider than the line's letter gap separates words (measured: letter "
        "gaps <= 0.045 em above it, word spaces >= 0.189 em, Caladea's kerned space)",
        0,
        2,
    )
    tracking_min_gaps: int = tolerance(
        6,
        "gaps",
        "a line's own letter-gap baseline needs this many gaps, else its style's",
        1,
        1000,
    )
    tracking_max: float = tolerance(
        0.3, "em", "the letter-gap baseline is capped: a line of many words cannot raise it", 0, 2
    )
    mark_reach: float = tolerance(
        0.15, "em", "a combining mark drawn as its own glyph joins a letter this close", 0, 2
    )
    zero_width_match: float = tolerance(
        0.08,
        "em",
        "a letter drawn without advance regains it when the next glyph is one away",
        0,
        1,
    )
    accent_overlap: float = tolerance(
        0.5, "share", "of a spacing accent's width lying over a letter: drawn over it", 0, 1
    )
    overprint: float = tolerance(
        0.1,
        "em",
        "the same glyph drawn again this close is one glyph (fake bold: 0.014-0.033 em seen; "
        "a doubled letter is one advance, >= 0.18 em, away)",
        0,
        1,
    )
    overprint_width_share: float = tolerance(
        0.5, "share", "of a glyph's width: a copy offset by more is a neighbour, not a copy", 0, 1
    )
    invisible_cover: float = tolerance(
        0.3, "share", "of an invisible glyph's box on visible glyphs: a copy of them", 0, 1
    )
    unreadable_share: float = tolerance(
        0.005,
        "share",
        "of the glyphs undecodable: the text cannot be read (one Swedish letter lost is "
        ">= 0.9 %; rare glyphs stay far below 0.5 %)",
        0,
        1,
    )
    line_tolerance: float = tolerance(
        0.3, "em", "glyphs whose bottoms differ by at most this sit on one line", 0, 2
    )
    line_tolerance_min: float = tolerance(
        1.5, "pt", "the line tolerance is never smaller, so small print still groups", 0, 20
    )
    mark_max_size: float = tolerance(
        12.0, "pt", "drawn shapes and images this small on both sides may be bullets", 0, 100
    )
    margin_band: float = tolerance(
        0.12, "share", "of the page height, top and bottom, holding running heads", 0, 0.5
    )
    running_window: int = tolerance(
        4, "pages", "running lines are looked for on the pages this far either side", 1, 1000
    )
    running_min_local: int = tolerance(
        3, "pages", "a running line stands on at least this many pages of the window", 2, 1000
    )
    running_min_share: float = tolerance(
        0.5, "share", "of the window's pages a margin text stands on to be running", 0, 1
    )
    running_position_slack: float = tolerance(
        4.0,
        "pt",
        "a running line stands this near the same height on the pages it recurs on",
        0,
        100,
    )
    page_number_window: int = tolerance(
        3, "pages", "a page number counts up with one at most this many pages away", 1, 1000
    )
    # --- typography: body size, line pitch, text column (parse/typography.py) ---
    default_body_size: float = tolerance(
        11.0, "pt", "body font size assumed for a document without lines", 0, 100
    )
    size_tolerance: float = tolerance(
        0.6, "pt", "font sizes closer than this are one size (sizes carry rounding noise)", 0, 5
    )
    heading_size_step: float = tolerance(
        1.0, "pt", "a line this much larger than the body text is a heading, bold or not", 0, 50
    )
    text_left_quantile: float = tolerance(
        0.1, "share", "of body lines starting left of the text column (outdented lines)", 0, 1
    )
    text_right_quantile: float = tolerance(
        0.95, "share", "of body lines ending left of the text column's right edge", 0, 1
    )
    full_line: float = tolerance(
        0.12, "share", "of the text width: a line ending this near the right edge wrapped", 0, 1
    )
    pitch_min: float = tolerance(
        0.9, "em", "smallest distance of two body lines measured as a line pitch", 0, 10
    )
    pitch_max: float = tolerance(
        3.0, "em", "distances of two body lines from here on are not line pitches", 0, 10
    )
    pitch_bin: float = tolerance(0.5, "pt", "measured pitches are counted in bins this wide", 0, 10)
    pitch_min_count: int = tolerance(
        3, "lines", "the line pitch is the smallest pitch recurring at least this often", 1, 1000
    )
    pitch_min_share: float = tolerance(
        0.05, "share", "of all pitches that the smallest recurring pitch must reach too", 0, 1
    )
    pitch_near: float = tolerance(
        1.0, "pt", "pitches this close to the smallest recurring one give the median pitch", 0, 10
    )
    default_pitch: float = tolerance(
        1.2, "em", "line pitch assumed when none can be measured (single spacing)", 0, 10
    )
    paragraph_gap: float = tolerance(
        1.2, "pitch", "a wider gap starts a paragraph (Word's 6 pt space after gives 1.3+)", 1, 10
    )
    # --- structure: headings, bullets, the score box, the overview tables (parse/*.py) ---
    heading_join_gap: float = tolerance(
        1.6, "pitch", "heading lines closer than this form one wrapped heading", 0, 10
    )
    mark_gap: float = tolerance(
        3.0, "em", "a drawn bullet ends at most this far left of its line's first word", 0, 20
    )
    item_gap: float = tolerance(
        1.1, "pitch", "without bullets, a wider gap between two lines starts a new item", 1, 10
    )
    heading_max_lines: int = tolerance(
        3,
        "lines",
        "a heading without heading style is a paragraph of at most this many lines",
        1,
        20,
    )
    item_indent_slack: float = tolerance(
        3.0, "pt", "a line starting at most this left of an item's text continues the item", 0, 100
    )
    box_column_slack: float = tolerance(
        12.0, "pt", "the box's score column starts this far left of its 'Poäng' header", 0, 200
    )
    box_wrap_indent: float = tolerance(
        2.0, "pt", "a box line indented more than this past the first bullet continues one", 0, 100
    )
    report_min_areas: int = tolerance(
        4, "lines", "a second run of this many area headings (numbers anew) opens a report", 2, 8
    )
    title_page_max_lines: int = tolerance(
        12, "lines", "a title page holds at most this many lines", 1, 1000
    )
    overview_min_column_gap: float = tolerance(
        10.0, "pt", "figures start at least this far left of the 'Uppnått' header", 0, 200
    )
    # --- line windows: how far the metadata parser looks (parse/metadata.py) ---
    section_2_name_lines: int = tolerance(
        4, "lines", "the start of section 2 searched for the municipality's name", 1, 1000
    )
    evaluator_lines: int = tolerance(
        7, "lines", "names of evaluators read after an 'Utvärderare:' line on its own", 1, 1000
    )
    body_date_lines: int = tolerance(
        400, "lines", "the report's start searched for 'genomfördes i <month> <year>'", 1, 10**5
    )

    def __post_init__(self) -> None:
        for spec in fields(self):
            check_value(spec.name, getattr(self, spec.name), spec.default, spec.metadata)
        check_order(self, "pitch_min", "pitch_max")
        check_order(self, "text_left_quantile", "text_right_quantile")


def check_value(name: str, value: object, default: object, metadata: Any) -> None:
    """Raise ``LayoutSettingsError`` unless ``value`` has the type of ``default`` and its bounds."""
    unit, bounds = metadata["unit"], metadata["bounds"]
    counted = isinstance(default, int)
    valid_type = int if counted else (int, float)
    if isinstance(value, bool) or not isinstance(value, valid_type):
        kind = "a whole number" if counted else "a number"
        raise LayoutSettingsError(name, value, f"must be {kind} ({unit})")
    if not bounds.admits(value):
        raise LayoutSettingsError(name, value, f"must be {bounds.describe()} ({unit})")


def check_order(settings: LayoutSettings, smaller: str, larger: str) -> None:
    """Raise ``LayoutSettingsError`` unless field ``smaller`` is below field ``larger``."""
    low, high = getattr(settings, smaller), getattr(settings, larger)
    if low >= high:
        raise LayoutSettingsError(smaller, low, f"must be below {larger} ({high!r})")


DEFAULT_SETTINGS = LayoutSettings()


def describe_settings() -> list[tuple[str, float, str, str]]:
    """One ``(name, default, unit, reason)`` row per tolerance, in field order."""
    return [
        (
            spec.name,
            getattr(DEFAULT_SETTINGS, spec.name),
            spec.metadata["unit"],
            spec.metadata["reason"],
        )
        for spec in fields(LayoutSettings)
    ]
