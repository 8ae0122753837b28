"""Read every box of a report back from its PDF with pdfplumber itself, and compare with the value.

Independent of the reader: the glyphs whose centres lie in a value's box on its page are taken
with pdfplumber (``Page.filter``, ``extract_text``/``extract_words``), and compared with the
value as the README's text conventions say the reader writes it: compatibility-normalised
(ligatures), white space, hyphens and soft hyphens left out (the reader joins broken words).
Texts must be equal (a finding or summary that runs on to the next page: the box holds its
start, and the rest opens the next page); a figure must be a number printed in its box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pdfplumber
import regex

from kompass_extract.models import Area, Report

PAD = 0.5  # points: a glyph's centre is well inside its word's box; this only absorbs rounding
NUMBER = regex.compile(r"\d+(?:[.,]\d+)?")
DROPPED = regex.compile(r"[\s\-\u00ad\u2010\u2011]+")


def squeeze(text: str) -> str:
    """Text as compared: NFKC, no white space, hyphens or soft hyphens."""
    return DROPPED.sub("", unicodedata.normalize("NFKC", text))


def numbers_in(text: str) -> set[float]:
    return {float(n.replace(",", ".")) for n in NUMBER.findall(text)}


@dataclass(frozen=True)
class Boxed:
    """One value with a box: what it is, its page and box, and how to judge the box's glyphs."""

    what: str
    page: int
    box: tuple[float, float, float, float]
    judge: Callable[[PdfPages, int, tuple[float, float, float, float]], str | None]


class PdfPages:
    """A PDF's pages through pdfplumber, with the glyphs of a box as text or words."""

    def __init__(self, pdf: pdfplumber.PDF) -> None:
        self.pdf = pdf

    def _inside(self, page: int, box: tuple[float, float, float, float]) -> Any:
        x0, top, x1, bottom = box

        def centre_inside(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") != "char":
                return False
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return x0 - PAD <= cx <= x1 + PAD and top - PAD <= cy <= bottom + PAD

        return self.pdf.pages[page - 1].dedupe_chars().filter(centre_inside)

    def text(self, page: int, box: tuple[float, float, float, float]) -> str:
        inside = self._inside(page, box)
        return inside.extract_text(**reading_directions(inside.chars)) or ""

    def words(self, page: int, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        inside = self._inside(page, box)
        return inside.extract_words(**reading_directions(inside.chars))

    def page_text(self, page: int) -> str:
        if page > len(self.pdf.pages):
            return ""
        return self.pdf.pages[page - 1].dedupe_chars().extract_text() or ""


def reading_directions(chars: list[dict[str, Any]]) -> dict[str, str]:
    """pdfplumber's directions for text that runs sideways on the page as displayed: down the
    page (baseline matrix b < 0: lines follow right to left) or up it (left to right)."""
    sideways = [c for c in chars if not c["upright"] and c["text"].strip()]
    if not sideways:
        return {}
    down = sideways[0]["matrix"][1] < 0
    return {
        "char_dir_rotated": "ttb" if down else "btt",
        "line_dir_rotated": "rtl" if down else "ltr",
    }


def past_middle(word: dict[str, Any], box: tuple[float, ...]) -> bool:
    """The word stands in the second half of the box, along its reading direction (where a
    row's figures stand)."""
    across, down = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return {
        "ltr": word["x0"] > across,
        "rtl": word["x1"] < across,
        "ttb": word["top"] > down,
        "btt": word["bottom"] < down,
    }[word.get("direction", "ltr")]


def same_text(value: str) -> Callable[[PdfPages, int, tuple[float, ...]], str | None]:
    """The box holds exactly ``value``, or its start when the rest opens the next page."""

    def judge(pdf: PdfPages, page: int, box: tuple[float, ...]) -> str | None:
        want, got = squeeze(value), squeeze(pdf.text(page, box))  # type: ignore[arg-type]
        if want == got:
            return None
        rest = want[len(got) :]
        if got and want.startswith(got) and rest in squeeze(pdf.page_text(page + 1)):
            return None  # runs on to the next page
        return f"box holds {got[:80]!r}, not {want[:80]!r}"

    return judge


def holds_text(value: str) -> Callable[[PdfPages, int, tuple[float, ...]], str | None]:
    """The box's text contains ``value`` (a heading with its number or score)."""

    def judge(pdf: PdfPages, page: int, box: tuple[float, ...]) -> str | None:
        got = squeeze(pdf.text(page, box))  # type: ignore[arg-type]
        return None if squeeze(value) in got else f"box holds {got[:80]!r}, not {value!r}"

    return judge


def holds_numbers(
    *values: float | None,
) -> Callable[[PdfPages, int, tuple[float, ...]], str | None]:
    """Every given number is printed in the box."""

    def judge(pdf: PdfPages, page: int, box: tuple[float, ...]) -> str | None:
        got = numbers_in(pdf.text(page, box))  # type: ignore[arg-type]
        missing = [v for v in values if v is not None and v not in got]
        return f"box holds numbers {sorted(got)}, not {missing}" if missing else None

    return judge


def question_row(question: Any) -> Callable[[PdfPages, int, tuple[float, ...]], str | None]:
    """The box holds the question's id, text and figures: its words, the id and the figures
    right of the box's middle left out, read as the question text."""
    figures = (question.points, question.max_points, question.percent)

    def judge(pdf: PdfPages, page: int, box: tuple[float, ...]) -> str | None:
        words = pdf.words(page, box)  # type: ignore[arg-type]
        if not words:
            return "row box holds nothing"
        right = [w for w in words if past_middle(w, box)]
        text = squeeze(
            " ".join(
                w["text"]
                for w in words
                if not (
                    w in right and (w["text"] == "%" or NUMBER.fullmatch(w["text"].rstrip("%")))
                )
            )
        )
        text = text.removeprefix(squeeze(question.question_id))  # a word or glued to the text
        numbers = numbers_in(" ".join(w["text"] for w in right))
        missing = [f for f in figures if f is not None and f not in numbers]
        if text != squeeze(question.question_text) or missing:
            return f"row box holds {' '.join(w['text'] for w in words)[:100]!r}"
        return None

    return judge


def _box(record: Any, prefix: str = "") -> tuple[float, float, float, float] | None:
    values = tuple(getattr(record, prefix + side) for side in ("x0", "top", "x1", "bottom"))
    return None if values[0] is None else values  # type: ignore[return-value]


def _area_values(area: Area) -> Iterator[Boxed]:
    where = f"area {area.area_no}"
    if (box := _box(area)) is not None:
        yield Boxed(f"{where} heading", area.page, box, holds_text(area.area_name))
    if (box := _box(area, "score_")) is not None and area.score_page is not None:
        yield Boxed(f"{where} score", area.score_page, box, holds_numbers(area.score))
    if (box := _box(area, "overview_")) is not None and area.overview_page is not None:
        figures = holds_numbers(area.overview_total, area.overview_max, area.overview_percent)
        yield Boxed(f"{where} total row", area.overview_page, box, figures)
    for s in area.subareas:
        if (box := _box(s)) is not None:
            yield Boxed(f"{where} subarea {s.position}", s.page, box, same_text(s.heading))
    for f in area.findings:
        if (box := _box(f)) is not None:
            yield Boxed(f"{where} {f.kind} {f.position}", f.page, box, same_text(f.text))
    if area.summary is not None and (box := _box(area.summary)) is not None:
        yield Boxed(f"{where} summary", area.summary.page, box, same_text(area.summary.text))
    for q in area.questions:
        if (box := _box(q)) is not None:
            yield Boxed(f"question {q.question_id}", q.page, box, question_row(q))


def boxed_values(report: Report) -> list[Boxed]:
    """Every value of ``report`` that has a box, with the judge of its box."""
    found = [value for area in report.areas for value in _area_values(area)]
    comments = report.overall_comments
    if comments is not None and (box := _box(comments)) is not None:
        found.append(Boxed("overall comments", comments.page, box, same_text(comments.text)))
    return found


def box_problems(pdf_path: str, values: list[Boxed]) -> list[str]:
    """``what: problem`` for every value whose box does not hold it in the PDF."""
    problems = []
    with pdfplumber.open(pdf_path) as pdf:
        pages = PdfPages(pdf)
        for value in values:
            problem = value.judge(pages, value.page, value.box)
            if problem is not None:
                problems.append(f"{value.what} (page {value.page}, {value.box}): {problem}")
    return problems
