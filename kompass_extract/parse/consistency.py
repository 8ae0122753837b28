"""What a report says against itself, and text the text layer did not decode: parse notes.

- A page that repeats an earlier page word for word (a page printed twice) is read once:
  ``drop_repeated_pages`` removes its lines before any part is parsed, with a note.
- The year on the title page against the year of "genomfördes i <month> år <year>", and the
  municipality of the title page against the one named at the start of section 2 and in the
  running heads: each disagreement is a note (``contradiction_notes``).
- A text of an expected part holding characters a text layer leaves where it did not decode
  the letters printed (``rules/doubt.json``: ligatures, soft hyphens, ``(cid:N)`` ...) puts
  that part in doubt (``undecoded_text_notes``).

Pure functions: lines or a report in, ``ParseNote`` records out (codes and the parts they put
in doubt: ``rules/doubt.json``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from kompass_extract.models import PART_WORDS, Area, ParseNote, Report, ReportPart
from kompass_extract.parse.metadata import title_lines
from kompass_extract.parse.segment import Sections
from kompass_extract.read.layout import Line
from kompass_extract.rules.doubt import make_note, undecoded_characters
from kompass_extract.rules.municipalities import normalise_municipality_name
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings


def report_notes(
    report: Report,
    sections: Sections,
    running: Sequence[Line] = (),
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> list[ParseNote]:
    """The contradictions (``contradiction_notes``) and undecoded texts
    (``undecoded_text_notes``) of a report read from ``sections``, in that order."""
    return contradiction_notes(report, sections, running, settings) + undecoded_text_notes(report)


# --- repeated pages ---------------------------------------------------------------------------


def page_text(lines: Sequence[Line]) -> tuple[str, ...]:
    """What a page says, for comparing pages: its lines' texts in order, white space folded,
    lines that are only a page number ("12", "Sida 3 (24)") left out."""
    return _folded_page_text([line.text for line in lines])


def _folded_page_text(texts: Iterable[str]) -> tuple[str, ...]:
    page_number = vocabulary().page_number
    folded = (" ".join(text.split()) for text in texts)
    return tuple(text for text in folded if not page_number.match(text))


def drop_repeated_pages(
    lines: Sequence[Line], texts: Sequence[str] | None = None
) -> tuple[list[Line], list[ParseNote]]:
    """``lines`` without the pages that repeat an earlier page word for word (``page_text``),
    and a ``repeated_page`` note for each such page. A page with no text repeats nothing.
    ``texts``: the lines' texts (``Line.text``, one per line) when already made."""
    texts = [line.text for line in lines] if texts is None else texts
    first_page_by_text: dict[tuple[str, ...], int] = {}
    dropped: set[int] = set()
    notes: list[ParseNote] = []
    for number, page_texts in _pages(lines, texts):
        text = _folded_page_text(page_texts)
        if not text:
            continue
        original = first_page_by_text.setdefault(text, number)
        if original != number:
            dropped.add(number)
            notes.append(
                make_note(
                    "repeated_page",
                    f"page {number} repeats page {original} word for word; "
                    f"its content is read once (from page {original})",
                    page=number,
                )
            )
    return [line for line in lines if line.page not in dropped], notes


def _pages(lines: Sequence[Line], texts: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """Each page's number and the texts of its lines, in order."""
    by_page: dict[int, list[str]] = {}
    for line, text in zip(lines, texts, strict=True):
        by_page.setdefault(line.page, []).append(text)
    yield from by_page.items()


# --- contradictions ---------------------------------------------------------------------------


def contradiction_notes(
    report: Report,
    sections: Sections,
    running: Sequence[Line] = (),
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> list[ParseNote]:
    """Notes where the report contradicts itself: its title year against the year of
    "genomfördes i <month> <year>" (within ``settings.body_date_lines`` lines); its
    municipality (``report.municipality``) against the name on the title page, at the start of
    section 2 (``settings.section_2_name_lines`` lines), in a later section 2 heading (a second
    report bound into the file) and in the running heads ``running``.

    A name that differs in a later section 2 heading puts in doubt every part read from its
    page to the end of the file, one that differs in the running heads the parts read from those pages: one note
    per area concerned, with those parts (the figures may be another report's)."""
    title = title_lines(sections.front)
    texts = sections.line_texts()
    body = settings.body_date_lines
    notes = _year_notes(title, sections.lines[:body], texts[:body])
    if report.municipality is None:
        return notes
    for named in _names(title, sections, running, settings, report.page_count, texts):
        if normalise_municipality_name(named.name).casefold() != report.municipality.casefold():
            notes.append(_municipality_note(report.municipality, named))
            notes += doubt_on_pages(report, named.doubtful_pages, named.says())
    return notes


@dataclass(frozen=True, slots=True)
class Named:
    """A municipality named in the report: where, the name as printed, the pages it is on, and
    the pages whose parts a different name puts in doubt."""

    where: str
    name: str
    pages: tuple[int, ...]
    doubtful_pages: frozenset[int] = frozenset()

    def says(self) -> str:
        """'the running heads (pages 3-9) name Vänersborg'."""
        verb = "name" if self.where.endswith("heads") else "names"
        shown = normalise_municipality_name(self.name)
        return f"{self.where} ({_pages_text(self.pages)}) {verb} {shown}"


def _names(
    title: Sequence[Line],
    sections: Sections,
    running: Sequence[Line],
    settings: LayoutSettings,
    page_count: int,
    texts: Sequence[str],
) -> list[Named]:
    """Where the report names a municipality; a later section 2 heading puts its page and
    every page after it, up to ``page_count``, in doubt. ``texts``: those of
    ``sections.lines``."""
    opening = sections.section_2[: settings.section_2_name_lines]
    own_page = opening[0].page if opening else 0
    later = [
        Named(
            "a later section 2 heading",
            n.name,
            n.pages,
            frozenset(range(n.pages[0], page_count + 1)),
        )
        for n in _later_section_2_names(sections.lines, texts)
        if n.pages[0] > own_page
    ]
    return [
        *_named_in_title(title),
        *_named_in_section_2(opening),
        *later,
        *_named_in_running_heads(running),
    ]


def _year_notes(
    title: Sequence[Line], body: Sequence[Line], body_texts: Sequence[str]
) -> list[ParseNote]:
    vocab = vocabulary().title
    title_year = vocab.year.search(" ".join(line.text for line in title))
    for line, match in _matches(body, vocab.body_date, body_texts):
        if title_year and match["year"] != title_year["year"]:
            return [
                make_note(
                    "year_contradiction",
                    f"the title page gives the year {title_year['year']}, the text "
                    f"'{match.group(0)}' the year {match['year']}; evaluation_year is "
                    "the title page's",
                    page=line.page,
                )
            ]
        return []
    return []


def _matches(
    lines: Sequence[Line], pattern: regex.Pattern[str], texts: Sequence[str] | None = None
) -> Iterator[tuple[Line, regex.Match[str]]]:
    """Matches of ``pattern`` in the lines joined by spaces, each with the line it starts on
    (``texts``: the lines' texts when already made)."""
    starts, spaced, at = [], [], 0
    for text in [line.text for line in lines] if texts is None else texts:
        starts.append(at)
        spaced.append(text + " ")
        at += len(spaced[-1])
    for match in pattern.finditer("".join(spaced)):
        yield lines[bisect_right(starts, match.start()) - 1], match


def _named_in_title(title: Sequence[Line]) -> list[Named]:
    vocab = vocabulary().title
    joined = " ".join(line.text for line in title)
    match = vocab.analysis_of.search(joined)
    if match is None:
        lines = [ln for ln in title if not vocab.not_a_name_line.search(ln.text)]
        match = next((m for ln in lines if (m := vocab.name_kind.search(ln.text))), None)
    return [Named("the title page", _last_name(match["name"]), (title[0].page,))] if match else []


def _named_in_section_2(lines: Sequence[Line]) -> list[Named]:
    """Section 2 headings ("2. Åmåls kommun i förhållande till ...") in ``lines`` joined (a
    heading wrapped over lines)."""
    matches = _matches(lines, vocabulary().title.section_2_name)
    return [_section_2_named(m, ln.page) for ln, m in matches]


def _later_section_2_names(lines: Sequence[Line], texts: Sequence[str]) -> list[Named]:
    """Section 2 headings in ``lines``, each line on its own (``texts``: theirs)."""
    pattern = vocabulary().title.section_2_name
    found = zip(lines, map(pattern.search, texts), strict=True)
    return [_section_2_named(m, ln.page) for ln, m in found if m]


def _section_2_named(match: regex.Match[str], page: int) -> Named:
    return Named("the heading of section 2", _last_name(match["name"]), (page,))


def _named_in_running_heads(running: Sequence[Line]) -> list[Named]:
    """The names in the running heads, each with its pages in order; a text that repeats
    (the same head on every page) is searched once."""
    name_by_text: dict[str, str | None] = {}
    pages_by_name: dict[str, list[int]] = {}
    for line in running:
        text = line.text
        if text not in name_by_text:
            name_by_text[text] = _running_head_name(text)
        name = name_by_text[text]
        if name is not None:
            pages_by_name.setdefault(name, []).append(line.page)
    return [
        Named("the running heads", name, tuple(pages), frozenset(pages))
        for name, pages in pages_by_name.items()
    ]


def _running_head_name(text: str) -> str | None:
    """The municipality a running head's text names ("Analys av Åmåls kommun", "Åmåls
    kommun"), None when it names none."""
    vocab = vocabulary().title
    match = vocab.analysis_of.search(text) or vocab.name_kind.search(text)
    return _last_name(match["name"]) if match is not None else None


def _last_name(name: str) -> str:
    """The name word of a match that may have taken one word too many ("av Åmåls")."""
    words = name.split()
    if len(words) > 1 and words[0].islower():
        return " ".join(words[1:])
    return name


def _municipality_note(municipality: str, named: Named) -> ParseNote:
    return make_note(
        "municipality_contradiction",
        f"{named.says()}, but the report is taken to be {municipality}'s",
        page=named.pages[0],
    )


def _pages_text(pages: Sequence[int]) -> str:
    ordered = sorted(set(pages))
    if len(ordered) == 1:
        return f"page {ordered[0]}"
    return f"pages {ordered[0]}-{ordered[-1]}"


def doubt_on_pages(report: Report, pages: frozenset[int], why: str) -> list[ParseNote]:
    """A ``municipality_contradiction`` note for each area with parts read from ``pages``
    (and one for the overall comments), putting those parts in doubt because of ``why``."""
    notes = []
    for area_no, parts in _parts_on_pages(report, pages).items():
        labels = ", ".join(PART_WORDS[part] for part in parts)
        subject = f"area {area_no}: " if area_no is not None else ""
        notes.append(
            make_note(
                "municipality_contradiction",
                f"{subject}{labels} read on {_pages_text(sorted(pages))}, where {why}: "
                "they may be another report's",
                page=min(pages),
                area_no=area_no,
                parts=parts,
            )
        )
    return notes


def _parts_on_pages(
    report: Report, pages: frozenset[int]
) -> dict[int | None, tuple[ReportPart, ...]]:
    """Area (None: the whole report) -> the parts read there from any of ``pages``."""
    found: dict[int | None, tuple[ReportPart, ...]] = {}
    for area in report.areas:
        on = tuple(part for part, at in part_pages(area).items() if pages.intersection(at))
        if on:
            found[area.area_no] = on
    comments = report.overall_comments
    if comments is not None and comments.page in pages:
        found[None] = ("overall_comments",)
    return found


def part_pages(area: Area) -> dict[ReportPart, tuple[int, ...]]:
    """The pages each read part of ``area`` was read from (a part not read is left out)."""
    box_pages = tuple(s.page for s in area.subareas) or (area.page,)
    pages: dict[ReportPart, tuple[int, ...]] = {
        "box_score": box_pages if area.score is not None else (),
        "overview_total": (area.overview_page,)
        if area.overview_total is not None and area.overview_page is not None
        else (),
        "overview_questions": tuple(q.page for q in area.questions),
        "strengths": tuple(f.page for f in area.strengths),
        "improvements": tuple(f.page for f in area.improvements),
        "area_summary": (area.summary.page,) if area.summary is not None else (),
    }
    return {part: at for part, at in pages.items() if at}


# --- undecoded text ---------------------------------------------------------------------------


def undecoded_text_notes(report: Report) -> list[ParseNote]:
    """An ``undecoded_text`` note for each expected part whose text holds undecoded characters
    (``rules/doubt.json``), naming them; the note puts that part in doubt."""
    notes = []
    for area_no, part, question_id, page, texts in _part_texts(report):
        found = [c for text in texts for c in undecoded_characters(text)]
        if found:
            shown = ", ".join(undecoded_name(c) for c in dict.fromkeys(found))
            where = f"area {area_no} " if area_no is not None else ""
            subject = f"question {question_id}" if question_id else PART_WORDS[part]
            notes.append(
                make_note(
                    "undecoded_text",
                    f"{where}{subject}: the text holds characters the PDF's text layer did not "
                    f"decode into letters ({shown}); the text may differ from what is printed",
                    page=page,
                    area_no=area_no,
                    question_id=question_id,
                    parts=(part,),
                )
            )
    return notes


def undecoded_name(found: str) -> str:
    """An undecoded character by its code point ('U+FB00'), a placeholder by its glyph id
    ('glyph cid 2'): a note never copies them into a table."""
    if len(found) == 1:
        return f"U+{ord(found):04X}"
    return "glyph " + " ".join(found.strip("()").split(":"))


PartText = tuple[int | None, ReportPart, str | None, int, list[str]]


def _part_texts(report: Report) -> Iterator[PartText]:
    """Every text of an expected part: (area, part, question id, first page, texts)."""
    lists: tuple[tuple[ReportPart, str], ...] = (
        ("strengths", "strength"),
        ("improvements", "improvement"),
    )
    for area in report.areas:
        for part, kind in lists:
            findings = [f for f in area.findings if f.kind == kind]
            if findings:
                yield area.area_no, part, None, findings[0].page, [f.text for f in findings]
        if area.summary is not None:
            yield area.area_no, "area_summary", None, area.summary.page, [area.summary.text]
        for question in area.questions:
            text = [question.question_text]
            yield area.area_no, "overview_questions", question.question_id, question.page, text
    if report.overall_comments is not None:
        comments = report.overall_comments
        yield None, "overall_comments", None, comments.page, [comments.text]
