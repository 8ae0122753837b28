"""HTML pieces shared by the review's pages: the page shell, tables and linked values.

Everything written into a page goes through ``html.escape``; attributes are quoted. The pages
load only the site's own ``assets/site.css`` and ``assets/site.js`` (relative links), so the
site works opened from disk with no network.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from kompass_extract.review.views import Cell

VERDICT_WORDS = {
    "adds_up": "adds up",
    "does_not_add_up": "does not add up",
    "incomplete": "incomplete",
}


def attributes(**values: object) -> str:
    """HTML attributes from keyword arguments (``class_`` for ``class``, ``data_x`` for
    ``data-x``); None and False are left out, True is a bare attribute."""
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(str(value), quote=True)}"')
    return (" " + " ".join(parts)) if parts else ""


def page_shell(title: str, body: str, root: str = "") -> str:
    """A whole HTML document: ``title``, the site's CSS and script (found at ``root``, the
    relative way to the site's top folder, ``""`` or ``"../"``), and ``body``."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{root}assets/site.css">\n'
        f'<script src="{root}assets/site.js" defer></script>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def verdict_badge(code: str) -> str:
    """The verdict as a coloured label (``adds_up`` -> "adds up")."""
    words = VERDICT_WORDS.get(code, code or "—")
    return f'<span class="verdict {escape(code or "none")}">{escape(words)}</span>'


def percent(share: object) -> str:
    """A share 0-1 as a whole percent ("88 %"), 100 % only for 1; "—" when missing."""
    if not isinstance(share, int | float) or share != share:
        return "—"
    whole = 100 if share >= 1 else min(round(float(share) * 100), 99)
    return f"{whole} %"


def cell_html(cell: Cell) -> str:
    """One value: a link to its page image (with the highlight's place in ``data-hl``) where
    its page is known and the page image exists, else the text alone; marked by its flags."""
    levels = sorted({flag.level for flag in cell.flags})
    classes = " ".join(["v", *levels])
    title = "\n".join(flag.message for flag in cell.flags) or None
    text = escape(cell.text)
    if cell.href is None:
        reason = "place not recorded" if cell.page is None else f"page {cell.page} not shown"
        return (
            f"<span{attributes(class_=classes + ' noplace', title=title or reason)}>{text}</span>"
        )
    highlight = ",".join(f"{v:g}" for v in cell.highlight) if cell.highlight else None
    return (
        f"<a{attributes(class_=classes, href=cell.href, data_page=cell.page, data_hl=highlight, title=title)}>"
        f"{text}</a>"
    )


def table_html(
    headings: Sequence[str],
    rows: Iterable[Sequence[str]],
    table_id: str | None = None,
    classes: str = "",
    row_classes: Iterable[str] | None = None,
) -> str:
    """A table of HTML cells (already escaped) with a header row; ``sortable`` in
    ``classes`` makes its columns sortable by a click on the heading."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    marks = list(row_classes) if row_classes is not None else None
    body = []
    for index, row in enumerate(rows):
        mark = attributes(class_=marks[index] if marks and marks[index] else None)
        body.append(f"<tr{mark}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    return (
        f"<table{attributes(id=table_id, class_=classes or None)}>"
        f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"
    )


def values_table(headings: Sequence[str], rows: Sequence[Sequence[Cell]], table_id: str) -> str:
    """A table of one report's values, each linked to its place; a row with a flagged value
    carries the gravest mark."""
    row_marks = []
    for row in rows:
        levels = {flag.level for cell in row for flag in cell.flags}
        row_marks.append(
            next((f"row-{lv}" for lv in ("failed", "doubt", "warning") if lv in levels), "")
        )
    cells = [[cell_html(cell) for cell in row] for row in rows]
    return table_html(headings, cells, table_id, "values", row_marks)
