"""Reader of the line-markup source form (fixed lines, explicit page breaks).

A source is a text file of blocks. A block starts with a directive line ``@@kind [argument]``;
the lines up to the next directive are its content, kept verbatim (trailing spaces included).
``@@newpage`` may stand anywhere, also inside a block: the next line starts a new page.
Blank lines separate paragraphs (prose, summary). Items start with a bullet glyph and a space.
Tables: each row is its first-cell lines closed by ``= v1 | v2 | v3 | align`` (header: ``=h``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .document import (
    AreaHeading,
    Block,
    Chart,
    Document,
    Findings,
    Item,
    OverviewTable,
    Paragraph,
    Part,
    Prose,
    Row,
    ScoreBox,
    Section,
    SrcLine,
    SubHeading,
    Summary,
)

DIRECTIVE = "@@"
NEW_PAGE = "@@newpage"


class MarkupError(ValueError):
    """The source file does not follow the markup: names the file, the line and the fix."""


@dataclass
class RawBlock:
    kind: str
    argument: str
    lines: list[SrcLine]
    new_page: bool
    line_no: int


def read_markup(path: Path, bullets: tuple[str, ...], chart_values: tuple[int, ...]) -> Document:
    raw_blocks = split_blocks(path.read_text(encoding="utf-8").split("\n"), path)
    blocks = [to_block(raw, bullets, chart_values, path) for raw in raw_blocks]
    return Document(blocks=tuple(blocks))


def split_blocks(lines: list[str], path: Path) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    page_pending = False
    for line_no, text in enumerate(lines, start=1):
        if text.rstrip() == NEW_PAGE:
            page_pending = True
        elif text.startswith(DIRECTIVE):
            kind, _, argument = text[len(DIRECTIVE) :].strip().partition(" ")
            blocks.append(RawBlock(kind, argument.strip(), [], page_pending, line_no))
            page_pending = False
        elif not blocks:
            if text.strip():
                raise MarkupError(f"{path}:{line_no}: text before the first @@ directive")
        else:
            blocks[-1].lines.append(SrcLine(text, new_page=page_pending))
            page_pending = False
    while blocks and blocks[-1].lines and not blocks[-1].lines[-1].text:
        blocks[-1].lines.pop()
    return blocks


def to_block(raw: RawBlock, bullets: tuple[str, ...], chart: tuple[int, ...], path: Path) -> Block:
    where = f"{path}:{raw.line_no}"
    text_lines = [line for line in raw.lines if line.text.strip()]
    builders = {
        "section": lambda: Section(int(raw.argument), tuple(text_lines), new_page=raw.new_page),
        "area": lambda: AreaHeading(int(raw.argument), tuple(text_lines), new_page=raw.new_page),
        "heading": lambda: SubHeading(tuple(text_lines), raw.argument, new_page=raw.new_page),
        "prose": lambda: Prose(to_parts(raw.lines, bullets), new_page=raw.new_page),
        "chart": lambda: Chart(chart, new_page=raw.new_page),
        "box": lambda: to_box(raw, bullets, where),
        "strengths": lambda: to_findings("strength", raw, bullets, where),
        "improvements": lambda: to_findings("improvement", raw, bullets, where),
        "summary": lambda: to_summary(raw),
        "table": lambda: to_table(raw, where),
    }
    if raw.kind not in builders:
        raise MarkupError(f"{where}: unknown directive @@{raw.kind}; known: {sorted(builders)}")
    try:
        return builders[raw.kind]()
    except (ValueError, IndexError) as error:
        raise MarkupError(f"{where}: @@{raw.kind} block is malformed ({error})") from error


def bullet_of(text: str, bullets: tuple[str, ...]) -> str | None:
    for bullet in bullets:
        if text.startswith(bullet + " "):
            return bullet
    return None


def to_parts(lines: list[SrcLine], bullets: tuple[str, ...]) -> tuple[Part, ...]:
    """Blank lines end a paragraph or item; a bullet line starts an item."""
    parts: list[Part] = []
    current: list[SrcLine] = []
    bullet: str | None = None

    def close() -> None:
        if current:
            parts.append(Item(bullet, tuple(current)) if bullet else Paragraph(tuple(current)))

    for line in lines:
        new_bullet = bullet_of(line.text, bullets)
        if not line.text.strip() or new_bullet:
            close()
            current, bullet = [], new_bullet
            if new_bullet:
                current.append(SrcLine(line.text[len(new_bullet) + 1 :], line.new_page))
            continue
        current.append(line)
    close()
    return tuple(parts)


def items_of(lines: list[SrcLine], bullets: tuple[str, ...], where: str) -> tuple[Item, ...]:
    parts = to_parts(lines, bullets)
    stray = [part for part in parts if isinstance(part, Paragraph)]
    if stray:
        raise MarkupError(f"{where}: line without a bullet in a list: {stray[0].lines[0].text!r}")
    return tuple(part for part in parts if isinstance(part, Item))


def to_box(raw: RawBlock, bullets: tuple[str, ...], where: str) -> ScoreBox:
    left, _, right = raw.lines[0].text.partition("|")
    score_line = raw.lines[-1].text
    if not score_line.startswith("= "):
        raise MarkupError(f"{where}: a @@box ends with the score line '= <score>'")
    items = items_of(raw.lines[1:-1], bullets, where)
    score = score_line[2:].strip()
    return ScoreBox((left.strip(), right.strip()), items, score, new_page=raw.new_page)


def to_findings(kind: str, raw: RawBlock, bullets: tuple[str, ...], where: str) -> Findings:
    heading = raw.lines[0].text
    items = items_of(raw.lines[1:], bullets, where)
    return Findings(kind, heading, items, new_page=raw.new_page or raw.lines[0].new_page)


def to_summary(raw: RawBlock) -> Summary:
    parts = to_parts(raw.lines[1:], ())
    paragraphs = tuple(part for part in parts if isinstance(part, Paragraph))
    return Summary(raw.lines[0].text, paragraphs, new_page=raw.new_page or raw.lines[0].new_page)


def to_table(raw: RawBlock, where: str) -> OverviewTable:
    rows: list[Row] = []
    cell: list[SrcLine] = []
    for line in raw.lines:
        if line.text.startswith(("= ", "=h ")):
            *values, align = [value.strip() for value in line.text.split(" ", 1)[1].split("|")]
            rows.append(Row(tuple(cell), tuple(values), align))
            cell = []
        elif line.text.strip():
            cell.append(line)
    if cell or len(rows) < 3:
        raise MarkupError(f"{where}: a table needs a header, rows and a total, each closed by '='")
    first_line_page = raw.lines[0].new_page if raw.lines else False
    new_page = raw.new_page or first_line_page
    return OverviewTable(rows[0], tuple(rows[1:-1]), rows[-1], new_page=new_page)
