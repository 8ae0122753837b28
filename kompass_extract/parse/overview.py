"""Section 4: one overview table per area, with question rows and an unlabelled total row.

Columns are found from the header words (Uppnått, Max, Procent); every word right of the
text column is a figure assigned to the nearest column. A question row starts at a question
id ("3.4"); its text may wrap over several lines and its figures may sit on any of them or on
a line of their own. A line of figures for a row that already has figures is the total row.
A table that breaks across pages continues, with or without a repeated header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from kompass_extract.parse.extent import Extent, grown
from kompass_extract.read.layout import Line, Word, join_wrapped
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

FIGURE = regex.compile(r"\d{1,3}(?:[.,]\d+)?")
NUMBER = regex.compile(r"^\d{1,3}(?:[.,]\d+)?%?$")
COLUMN_NAMES = ("points", "max_points", "percent")


@dataclass(frozen=True, slots=True)
class Columns:
    """Where a table's figures are: x centres of its three header words (points), and the x
    from which words are figures rather than question text."""

    centres: tuple[float, float, float]  # points, max_points, percent
    text_right: float  # words starting right of this are figures

    def column_of(self, word: Word) -> int:
        """0 (points), 1 (max_points) or 2 (percent): the column nearest the word's centre."""
        centre = (word.x0 + word.x1) / 2
        return min(range(len(self.centres)), key=lambda i: abs(self.centres[i] - centre))


@dataclass
class Row:
    """A question row (``question_id`` set) or a total row: wrapped text and figures as printed,
    ``figures`` keyed by column index (0 points, 1 max, 2 percent); ``extent``: the box of
    the row's words (id, label, text, figures) on ``page``."""

    question_id: str | None
    page: int
    text: list[tuple[str, bool]] = field(default_factory=list)
    figures: dict[int, str] = field(default_factory=dict)
    extent: Extent | None = None

    def take(self, line: Line, words: Sequence[Word]) -> None:
        """Grow the row's box by ``words`` of ``line`` (those on another page are left out)."""
        if line.page == self.page:
            self.extent = grown(self.extent, line.page, words)


@dataclass
class Table:
    """One area's overview table: its heading, question rows, total row and what was doubtful."""

    area_no: int
    page: int
    columns: Columns
    name_parts: list[tuple[str, bool]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    problems: list[str] = field(default_factory=list)
    in_header: str | None = "first"  # "first", "repeated" (a header on a new page) or None
    lines: list[int] = field(default_factory=list)  # indices of the lines read into it

    @property
    def area_name(self) -> str:
        """The area name of the table heading, wrapped lines joined ('' when none)."""
        return join_wrapped(self.name_parts)


def parse_number(text: str) -> float | None:
    """'7' -> 7.0, '72,5' -> 72.5, '45%' -> 45.0; None for anything else."""
    text = text.rstrip("%").strip()
    if not FIGURE.fullmatch(text):
        return None
    return float(text.replace(",", "."))


def header_columns(line: Line, settings: LayoutSettings = DEFAULT_SETTINGS) -> Columns | None:
    """Columns from a line holding the Uppnått, Max and Procent header words, else None.

    Figures start left of "Uppnått" by the gap between "Uppnått" and "Max", and by at least
    ``overview_min_column_gap`` points.
    """
    patterns = vocabulary().overview.columns
    texts = [word.text for word in line.words]
    cells = []
    for name in COLUMN_NAMES:  # each header word: the first word that reads as it
        hits = list(map(patterns[name].match, texts))
        if not any(hits):
            return None
        cells.append(line.words[next(i for i, hit in enumerate(hits) if hit)])
    centres = tuple((w.x0 + w.x1) / 2 for w in cells)
    gap = max(cells[1].x0 - cells[0].x1, settings.overview_min_column_gap)
    return Columns(centres, cells[0].x0 - gap)  # type: ignore[arg-type]


def _split(line: Line, columns: Columns) -> tuple[list[Word], list[Word]]:
    """The line's words of question text and its figures (right of ``text_right``), in order."""
    text: list[Word] = []
    figures: list[Word] = []
    for word in line.words:
        (figures if word.x0 >= columns.text_right and _is_figure(word) else text).append(word)
    return text, figures


def _is_figure(word: Word) -> bool:
    return word.text == "%" or bool(NUMBER.match(word.text))


def lines_to_tables(
    lines: Sequence[Line], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Table]:
    """A report's lines -> its overview tables, one per area, in order, wherever they stand.

    A table starts at a header row (Uppnått, Max, Procent) and runs on, across pages, while
    its lines are question rows, their wrapped text and figures, total rows, repeated header
    rows, or area rows ("6. <name>") that open the next area's table; any other line ends it.
    A heading row names its area; a question row after a total, or in a table without an
    area number, opens the table of its question id's area. Never raises.
    """
    reader = TableReader(settings)
    for index, line in enumerate(lines):
        reader.read(index, line)
    return reader.tables


def table_lines(tables: Sequence[Table]) -> set[int]:
    """Indices (into the lines read) of every line that belongs to one of the tables."""
    return {index for table in tables for index in table.lines}


class TableReader:
    """Reads lines one by one into tables (``lines_to_tables``)."""

    def __init__(self, settings: LayoutSettings) -> None:
        self.settings = settings
        self.tables: list[Table] = []
        self.columns: Columns | None = None  # None: outside any table
        self.heading: list[tuple[int, Line]] = []  # an area row not yet followed by its rows
        self.orphans: list[int] = []  # a header row read before any table: the next one's

    def read(self, index: int, line: Line) -> None:
        """Take the line at ``index``: a header row starts or continues a table; outside a
        table an area row is kept for a header row right after it; inside, see below."""
        found = header_columns(line, self.settings)
        if found is not None:
            self.columns = found
            heading = [] if _heading_number(line) is not None else self.heading
            self.open([*heading, (index, line)], found)
            self.heading = []
        elif self.columns is None:
            contiguous = not self.heading or self.heading[-1][0] == index - 1
            self.heading = [(index, line)] if _heading_number(line) is not None else []
            self.heading = self.heading if contiguous else []
        else:
            self.read_in_table(index, line, self.columns)

    def read_in_table(self, index: int, line: Line, columns: Columns) -> None:
        """A line inside a table: an area row (kept until its rows come), a line of the
        current or a new table, or any other line, which ends the table."""
        text, figures = _split(line, columns)
        starts_heading = _heading_number(line) is not None and not figures
        if starts_heading or (self.heading and not figures and not _starts_question(line)):
            if len(self.heading) >= MAX_HEADING_LINES:
                self.close()
                return
            self.heading.append((index, line))
            return
        if self.heading:
            self.open(self.heading, columns)
            self.heading = []
        table = self.table_for(line, text)
        if table is None or not _belongs(table, line, text, figures):
            self.close()
            return
        table.lines.append(index)
        _add_line(table, line, columns, (text, figures))

    def open(self, heading: list[tuple[int, Line]], columns: Columns) -> None:
        """Open the table a heading (area row and/or header row) announces, or continue the
        current one; the heading's lines become the table's."""
        _open_table(self.tables, [line for _, line in heading], columns)
        self.orphans += [index for index, _ in heading]
        if self.tables:
            self.tables[-1].lines += self.orphans
            self.orphans = []

    def table_for(self, line: Line, text: list[Word]) -> Table | None:
        """The table a line goes to: the current one, or for a question row after a total or
        in a table without an area number, the table of its id's area (opened if new)."""
        qid = vocabulary().overview.question_id.match(text[0].text) if text else None
        current = self.tables[-1] if self.tables else None
        if qid is None:
            return current
        area = int(qid["area"])
        if current is not None and current.area_no == area:
            return current
        if current is not None and current.total is None:
            return current  # an id of another area inside a table stays (the checks see it)
        assert self.columns is not None
        self.tables.append(Table(area, line.page, self.columns, lines=self.orphans))
        self.orphans = []
        return self.tables[-1]

    def close(self) -> None:
        """Leave the table: lines are no table's until the next header row."""
        self.columns = None
        self.heading = []


MAX_HEADING_LINES = 3  # an area row wraps over at most this many lines


def _belongs(table: Table, line: Line, text: list[Word], figures: list[Word]) -> bool:
    """Whether a line continues ``table``: a question row, the header's wrapped name, and
    before the total row figures, a total, or wrapped question text; never an area heading."""
    vocab = vocabulary()
    if vocab.area_heading.match(line.text):
        return False
    if text and vocab.overview.question_id.match(text[0].text):
        return True
    if table.in_header and not figures:
        return True
    if table.total is not None:
        return False
    if figures or (text and vocab.overview.total_labels.match(" ".join(w.text for w in text))):
        return True
    return bool(table.rows)


def _starts_question(line: Line) -> bool:
    return bool(vocabulary().overview.question_id.match(line.words[0].text))


def _heading_number(line: Line) -> int | None:
    """The area number of a table heading line ("6." followed by words), else None."""
    match = vocabulary().overview.table_heading.match(line.words[0].text)
    if not match or len(line.words) < 2 or not any(c.isalpha() for c in line.text):
        return None
    return int(match["no"])


def _open_table(tables: list[Table], heading: list[Line], columns: Columns) -> None:
    """Start the table a heading announces, or continue the current one (repeated header)."""
    first = next((i for i, ln in enumerate(heading) if _heading_number(ln) is not None), None)
    number = _heading_number(heading[first]) if first is not None else None
    if number is None or (tables and tables[-1].area_no == number):
        if tables:
            tables[-1].columns = columns
            tables[-1].in_header = "repeated"
        return
    table = Table(number, heading[first].page, columns)  # type: ignore[index]
    for line in heading[first:]:  # type: ignore[misc]
        _add_name_part(table, line, columns, drop_number=line is heading[first])  # type: ignore[index]
    tables.append(table)


def _add_name_part(table: Table, line: Line, columns: Columns, *, drop_number: bool) -> None:
    words = [w for w in line.words if w.x0 < columns.text_right and not _is_header_word(w)]
    if drop_number and words:
        words = words[1:]
    if words:
        table.name_parts.append((" ".join(w.text for w in words), words[-1].space_after))


def _is_header_word(word: Word) -> bool:
    return any(p.match(word.text) for p in vocabulary().overview.columns.values())


def _add_line(
    table: Table, line: Line, columns: Columns, split: tuple[list[Word], list[Word]]
) -> None:
    """Read a line of ``table`` into its rows; ``split``: the line's ``_split``."""
    text, figures = split
    qid = vocabulary().overview.question_id.match(text[0].text) if text else None
    if qid:
        table.in_header = None
        table.rows.append(Row(qid["id"], line.page))
        table.rows[-1].take(line, text[:1])
        text = text[1:]
    elif table.in_header and not figures:
        if table.in_header == "first":
            _add_name_part(table, line, columns, drop_number=False)
        return
    elif text and vocabulary().overview.total_labels.match(" ".join(w.text for w in text)):
        table.total = Row(None, line.page)
        table.total.take(line, text)
        text = []
    target = _figure_target(table, figures, line)
    if target is not None:
        target.take(line, figures)
    if text and table.rows and table.total is None:
        table.rows[-1].text.append((" ".join(w.text for w in text), text[-1].space_after))
        table.rows[-1].take(line, text)
    elif text:
        table.problems.append(f"page {line.page}: text outside any question row: {line.text!r}")
    numbers = [word for word in figures if word.text != "%"]
    for place, word in enumerate(numbers):
        column = place if len(numbers) == len(COLUMN_NAMES) else columns.column_of(word)
        if target is not None:
            target.figures.setdefault(column, word.text)


def _figure_target(table: Table, figures: list[Word], line: Line) -> Row | None:
    if not figures:
        return None
    if table.total is not None:
        return table.total
    if table.rows and not table.rows[-1].figures:
        return table.rows[-1]
    table.total = Row(None, line.page)
    return table.total
