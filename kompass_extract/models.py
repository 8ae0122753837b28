"""Validated records of one report. Every record carries the page it was read from and,
where the parser can say, the box on that page (``x0, top, x1, bottom``: PDF points from the
page's top left as displayed, as pdfplumber measures them).

The nested ``Report`` is the Python API; ``kompass_extract.dataset.tables`` flattens reports
into the documented output tables, whose columns are described in the field catalogue
(``kompass_extract.dataset.fields``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

FindingKind = Literal["strength", "improvement"]
SummaryKind = Literal["area_summary", "overall_comments"]

AREA_COUNT = 8
"""Areas of every report and revision, numbered 1-8 (the revisions' data files have eight)."""

ReportPart = Literal[
    "box_score",
    "overview_total",
    "overview_questions",
    "strengths",
    "improvements",
    "area_summary",
    "overall_comments",
]
"""A part a report is expected to contain: six of each area (its box score, the total row and
the question rows of its overview table, its strengths, its improvement areas, its summary) and
one of the whole report (the overall comments). Which parts a revision contains is data
(``contents`` in ``rules/frameworks/*.json``); ``kompass_extract.checks.parts`` says when
each counts as read."""
REPORT_PARTS: tuple[ReportPart, ...] = (
    "box_score",
    "overview_total",
    "overview_questions",
    "strengths",
    "improvements",
    "area_summary",
    "overall_comments",
)
WHOLE_REPORT_PARTS: tuple[ReportPart, ...] = ("overall_comments",)
"""The parts that belong to the whole report; every other part belongs to one area."""
PART_WORDS: dict[ReportPart, str] = {
    "box_score": "box score",
    "overview_total": "overview total row",
    "overview_questions": "question rows",
    "strengths": "strengths",
    "improvements": "improvement areas",
    "area_summary": "summary",
    "overall_comments": "overall comments",
}
"""Each kind of part in words, as verdicts and messages name it."""


class Record(BaseModel):
    """Base of every record: frozen (hashable, never changed after validation), no unknown
    fields; each field's docstring is its description (``use_attribute_docstrings``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


BOX_SIDES = ("x0", "top", "x1", "bottom")
"""The four coordinates of a box, in this order (the names of its columns)."""


def box_problem(values: tuple[float | None, ...]) -> str | None:
    """What is wrong with a box ``(x0, top, x1, bottom)``: one given without the others, a
    negative coordinate, or an edge past its opposite; None for a sound box or no box."""
    missing = values.count(None)
    if missing == len(values):
        return None
    if missing:
        return "a box needs all of x0, top, x1 and bottom, or none of them"
    x0, top, x1, bottom = map(float, values)  # type: ignore[arg-type]  # no None left
    if min(x0, top) < 0 or x0 > x1 or top > bottom:
        return f"not a box: x0={x0}, top={top}, x1={x1}, bottom={bottom}"
    return None


class Boxed(Record):
    """A record read from one place of one page: the box of its text on its ``page``.

    In PDF points (1/72 inch) from the top left of the page as displayed (pdfplumber's frame:
    ``/Rotate`` applied, a larger ``top`` further down), rounded to 2 decimals. Text that runs
    on to the next page: the box covers its part on ``page``. All four are None where the
    parser cannot say where the value was read (never a box that was not read)."""

    x0: float | None = None
    """Left edge of the box, in points from the page's left edge."""
    top: float | None = None
    """Top edge of the box, in points from the page's top edge."""
    x1: float | None = None
    """Right edge of the box, in points from the page's left edge."""
    bottom: float | None = None
    """Bottom edge of the box, in points from the page's top edge."""

    @model_validator(mode="after")
    def _sound_box(self) -> Boxed:
        problem = box_problem((self.x0, self.top, self.x1, self.bottom))  # BOX_SIDES' order
        if problem is not None:
            raise ValueError(problem)
        return self


class SubArea(Boxed):
    """One bullet of an area's "Rubriker | Poäng" box: a sub-area heading."""

    position: int = Field(ge=1)
    """1-based position of the bullet in the box, top to bottom."""
    heading: str = Field(min_length=1)
    """The heading as printed, wrapped lines joined, bullet glyph dropped."""
    page: int = Field(ge=1)
    """Physical 1-based page of the PDF that holds the box; the record's box is its heading's
    line(s) there."""


class Finding(Boxed):
    """One item under STYRKOR (a strength) or FÖRBÄTTRINGSOMRÅDEN (an improvement area)."""

    kind: FindingKind
    """``"strength"`` (under STYRKOR) or ``"improvement"`` (under FÖRBÄTTRINGSOMRÅDEN)."""
    position: int = Field(ge=1)
    """1-based position of the item within its area and kind, in reading order."""
    text: str = Field(min_length=1)
    """The item's text, wrapped lines joined, bullet glyph dropped, wording kept as printed."""
    page: int = Field(ge=1)
    """Physical 1-based page where the item starts; the box covers the item there."""


class Summary(Boxed):
    """The evaluators' summary of an area, or their overall comments on the whole report."""

    kind: SummaryKind
    """``"area_summary"`` (under "SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK" and its variants)
    or ``"overall_comments"`` ("Sammanfattande kommentarer" in section 2)."""
    area_no: int | None = None
    """Number (1-8) of the area summarised; None for the overall comments."""
    text: str = Field(min_length=1)
    """Paragraphs separated by a blank line (``"\\n\\n"``); wrapped lines within one joined."""
    page: int = Field(ge=1)
    """Physical 1-based page where the text starts; the box covers the text there."""


class Question(Boxed):
    """One scored sub-question of an area's overview table in section 4."""

    area_no: int = Field(ge=1)
    """Number (1-8) of the area the question belongs to."""
    question_id: str = Field(pattern=r"^\d+\.\d+$")
    """Id as printed, ``"<area>.<n>"`` (``"3.4"``); text, so ``"3.10"`` stays after ``"3.9"``."""
    question_text: str
    """Full question text as printed, wrapped lines joined."""
    points: float | None = None
    """Points achieved, in points, as printed (rounded by SKR); None where none is printed."""
    max_points: float | None = None
    """Maximum points of the question, in points, as printed; None where none is printed."""
    percent: float | None = None
    """Percent as printed (``72,5 %`` -> 72.5), 0-100; SKR computes it from unrounded points."""
    page: int = Field(ge=1)
    """Physical 1-based page of the question's row; the box covers the whole row there
    (id, text, points, max, percent)."""


class Area(Boxed):
    """One evaluated area ("Område N"): its box, findings, summary and overview table; the
    record's box (``x0`` ...) is that of its heading on ``page``."""

    area_no: int = Field(ge=1)
    """Area number as printed in the "Område N" heading, 1-8."""
    area_name: str = Field(min_length=1)
    """The name as printed in the area heading (without "Område N")."""
    area_key: str | None = None
    """Canonical id ``"<revision>.<slug>"`` within the recognised framework revision
    (``"2016.standiga_forbattringar"``); None for an unknown revision."""
    score: int | None = None
    """The score in the area's "Rubriker | Poäng" box, in points; None when not read."""
    max_score: int | None = None
    """Maximum of the area in points: the max of its overview total row, else the revision's
    (100); None when neither is known."""
    overview_total: float | None = None
    """Points of the area's total row in the section 4 overview table; None when absent."""
    overview_max: float | None = None
    """Max points of that total row; None when absent."""
    overview_percent: float | None = None
    """Percent of that total row, 0-100; None when absent."""
    page: int = Field(ge=1)
    """Physical 1-based page of the area heading."""
    overview_page: int | None = None
    """Physical 1-based page of the total row; None when there is none."""
    score_page: int | None = Field(default=None, ge=1)
    """Physical 1-based page where ``score`` was read; None when no score was read."""
    score_x0: float | None = None
    """Left edge of the printed score (as ``x0``); None where ``score_page`` is or the
    parser cannot say where."""
    score_top: float | None = None
    """Top edge of the printed score (as ``top``)."""
    score_x1: float | None = None
    """Right edge of the printed score (as ``x1``)."""
    score_bottom: float | None = None
    """Bottom edge of the printed score (as ``bottom``)."""
    overview_x0: float | None = None
    """Left edge of the total row of the overview table on ``overview_page`` (as ``x0``);
    None without a total row."""
    overview_top: float | None = None
    """Top edge of that total row (as ``top``)."""
    overview_x1: float | None = None
    """Right edge of that total row (as ``x1``)."""
    overview_bottom: float | None = None
    """Bottom edge of that total row (as ``bottom``)."""
    subareas: tuple[SubArea, ...] = ()
    """The bullets of the "Rubriker | Poäng" box, in order."""
    findings: tuple[Finding, ...] = ()
    """Strengths then improvement areas, each kind in reading order."""
    summary: Summary | None = None
    """The evaluators' summary of this area; None when the report has none."""
    questions: tuple[Question, ...] = ()
    """The area's rows of the section 4 overview table, in printed order."""

    @model_validator(mode="after")
    def _sound_boxes(self) -> Area:
        for prefix in ("score_", "overview_"):
            problem = box_problem(tuple(getattr(self, prefix + side) for side in BOX_SIDES))
            if problem is not None:
                raise ValueError(f"{prefix}box: {problem}")
        if self.score_x0 is not None and self.score_page is None:
            raise ValueError("a score box needs its score_page")
        return self

    @property
    def strengths(self) -> tuple[Finding, ...]:
        """The findings of kind ``"strength"``, in order."""
        return tuple(f for f in self.findings if f.kind == "strength")

    @property
    def improvements(self) -> tuple[Finding, ...]:
        """The findings of kind ``"improvement"``, in order."""
        return tuple(f for f in self.findings if f.kind == "improvement")


class ParseNote(Record):
    """Something the parser could not read, or read with doubt: honest, never silent."""

    code: str
    """Short stable name of the kind of doubt (``"no_score_box"``, ``"unknown_framework"`` ...)."""
    message: str
    """What could not be read, in words."""
    page: int | None = None
    """Physical 1-based page concerned, where one is."""
    area_no: int | None = None
    """Area concerned (1-8), where one is; None for the whole report (or every area)."""
    question_id: str | None = Field(default=None, pattern=r"^\d+\.\d+$")
    """Question concerned (``"3.4"``), where the note is about one row of an overview table."""
    parts: tuple[ReportPart, ...] = ()
    """The expected parts the note puts in doubt (of area ``area_no``, or of every area when
    that is None): a part missing or read with doubt makes the report's verdict
    ``incomplete``. Empty for a note on something that is no expected part (the municipality
    name, the revision). Given by ``rules/doubt.json`` per note code."""


class Report(Record):
    """One extracted report: its metadata, its eight areas and what could not be read."""

    report_id: str
    """Stable id: slug of municipality and year plus the first 8 hex digits of ``sha256``
    (``"amal-2019-1a2b3c4d"``)."""
    source_file: str
    """Path of the PDF as given to the tool."""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the PDF's bytes, 64 lowercase hex digits."""
    municipality: str | None = None
    """Short name of one of the 290 municipalities (``"Åmål"``); for a name that is none of
    them, the tidied printed name; None when the report names none."""
    municipality_code: str | None = Field(default=None, pattern=r"^\d{4}$")
    """Official four-digit SCB code with its leading zero (``"0180"``), from
    ``rules/municipalities.csv``; None when the name matches no municipality."""
    municipality_as_printed: str | None = None
    """The municipality's name as the title page or section 2 prints it (``"ÅMÅLS KOMMUN"``)."""
    evaluation_year: int | None = Field(default=None, ge=2000, le=2100)
    """Year of the evaluation (title page, else "genomfördes i november år 2019")."""
    evaluation_month: int | None = Field(default=None, ge=1, le=12)
    """Month of the evaluation, 1-12, where printed (same sources as the year)."""
    framework: str = "unknown"
    """Revision recognised from the area names (``"2002"``, ``"2010"``, ``"2016"``, ``"2020"``)
    or ``"unknown"``."""
    evaluators: tuple[str, ...] = ()
    """The evaluators' names as printed, one per person, in printed order."""
    page_count: int = Field(ge=1)
    """Number of pages of the report: of the PDF, or, when the file holds several reports,
    of the part of it that this report occupies."""
    first_page: int = Field(default=1, ge=1)
    """Physical 1-based page of the PDF where the report starts (1 unless the file holds
    several reports)."""
    parser_version: str
    """Version of the parser that produced the report (``kompass_extract.PARSER_VERSION``)."""
    areas: tuple[Area, ...] = ()
    """The evaluated areas in printed order (normally 8)."""
    overall_comments: Summary | None = None
    """The "Sammanfattande kommentarer" of section 2; None when the report has none."""
    notes: tuple[ParseNote, ...] = ()
    """What the parser could not read or read with doubt, in reading order."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_score(self) -> int | None:
        """Sum of the area scores in points; None unless every area of the revision was read
        (areas 1-8, each once) with its score, so that no total counts fewer areas."""
        scores = [a.score for a in self.areas] if self.has_every_area else []
        if not scores or any(s is None for s in scores):
            return None
        return sum(s for s in scores if s is not None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def max_total(self) -> int | None:
        """Sum of the area maxima in points (800 for 8 areas of 100); None unless every area
        of the revision was read (areas 1-8, each once) and each maximum is known."""
        maxima = [a.max_score for a in self.areas] if self.has_every_area else []
        if not maxima or any(m is None for m in maxima):
            return None
        return sum(m for m in maxima if m is not None)

    @property
    def has_every_area(self) -> bool:
        """True when the areas read are exactly areas 1-8, each once: every revision has
        ``AREA_COUNT`` areas numbered so (an unknown revision is expected to have them too)."""
        return sorted(a.area_no for a in self.areas) == list(range(1, AREA_COUNT + 1))

    def area(self, area_no: int) -> Area:
        """The area numbered ``area_no``; raises ``KeyError`` when the report has none."""
        for area in self.areas:
            if area.area_no == area_no:
                return area
        raise KeyError(area_no)


class ExtractionFailure(Record):
    """One file that could not be extracted: a row of errors.csv."""

    source_file: str
    """Path of the file as given to the tool."""
    sha256: str | None = None
    """SHA-256 of the file, 64 lowercase hex digits; None when it could not be read."""
    error_code: str
    """Stable error code, one of ``kompass_extract.errors.ERROR_CODES``."""
    message: str = Field(min_length=1)
    """What is wrong and what to do, in words."""
    elapsed_s: float | None = None
    """Seconds spent on the file (a measurement: it differs between runs)."""


Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class CheckResult(Record):
    """One result of a consistency check: a row of the ``checks`` table, without the report id."""

    check: str
    """Name of the check that produced it (a key of ``kompass_extract.checks.CHECKS``)."""
    severity: Severity
    """``"error"``: rounding cannot explain it; ``"warning"``: something could not be checked
    (also a check that failed on a figure read with doubt); ``"info"``: a difference that
    rounding explains."""
    area_no: int | None = None
    """Area concerned (1-8); None for the whole report."""
    question_id: str | None = None
    """Question concerned (``"3.1"``); None when it concerns no single question."""
    expected: str | None = None
    """The figure the check expected, as text with its unit where it has one (``"45 %"``)."""
    actual: str | None = None
    """The figure printed in the report, as text with its unit where it has one."""
    message: str = Field(min_length=1)
    """The result in words, with the smallest discrepancy where there is one."""
    beyond_rounding: float | None = None
    """Smallest discrepancy, in points, that rounding cannot explain (errors only)."""
