"""Report metadata from the front pages and the opening of section 2: municipality as printed,
year, month, evaluators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from kompass_extract.models import ParseNote
from kompass_extract.read.layout import Line
from kompass_extract.rules.doubt import make_note
from kompass_extract.rules.municipalities import normalise_municipality_name, resolve_municipality
from kompass_extract.rules.vocabulary import vocabulary
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

LETTERS = regex.compile(r"\p{L}+")
NAME_WORD = regex.compile(r"^\p{Lu}[\p{Ll}\-–'’]+$")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the front pages say about the report; None or () where nothing was found."""

    municipality_as_printed: str | None
    municipality_candidates: tuple[str, ...]  # most likely first, for the resolver
    year: int | None
    month: int | None
    evaluators: tuple[str, ...]


def title_lines(front: Sequence[Line]) -> list[Line]:
    """The first page that holds text: the title page."""
    if not front:
        return []
    first_page = front[0].page
    return [ln for ln in front if ln.page == first_page]


def find_municipality(
    title: Sequence[Line], section_2: Sequence[Line], settings: LayoutSettings = DEFAULT_SETTINGS
) -> tuple[str | None, tuple[str, ...]]:
    """The municipality as printed ("ÅMÅLS KOMMUN") and name candidates ("ÅMÅLS", ...).

    From the title page, else from the first ``section_2_name_lines`` lines of section 2;
    ``(None, ())`` when neither names one.
    """
    vocab = vocabulary().title
    joined = " ".join(ln.text for ln in title)
    for match in _title_matches(title, joined):
        return _as_printed(match), _name_candidates(match["name"])
    section_2_text = " ".join(ln.text for ln in section_2[: settings.section_2_name_lines])
    match = vocab.section_2_name.search(section_2_text)
    if match:
        return _as_printed(match), _name_candidates(match["name"])
    return None, ()


def _title_matches(title: Sequence[Line], joined: str) -> list[regex.Match[str]]:
    vocab = vocabulary().title
    matches = [m for m in [vocab.analysis_of.search(joined)] if m]
    for line in title:
        if not vocab.not_a_name_line.search(line.text):
            matches += [m for m in [vocab.name_kind.search(line.text)] if m]
    return matches


def _as_printed(match: regex.Match[str]) -> str:
    return f"{match['name']} {match['kind']}"


def _name_candidates(name: str) -> tuple[str, ...]:
    words = name.split()
    return (name,) + ((words[-1],) if len(words) > 1 else ())


def find_year_month(
    title: Sequence[Line],
    body: Sequence[Line],
    settings: LayoutSettings = DEFAULT_SETTINGS,
    body_texts: Sequence[str] | None = None,
) -> tuple[int | None, int | None]:
    """Evaluation year and month (1-12), each None when not found.

    From the title page, confirmed or completed by "genomfördes i <month> <year>" in the first
    ``body_date_lines`` lines of ``body`` (ignored when its year differs from the title's);
    ``body_texts``: the texts of ``body``'s lines (``Line.text``, one per line) when made.
    """
    vocab = vocabulary()
    title_text = " ".join(ln.text for ln in title)
    year_match = vocab.title.year.search(title_text)
    year = int(year_match["year"]) if year_match else None
    month = next((m for w in LETTERS.findall(title_text) if (m := vocab.month_number(w))), None)
    opening = body[: settings.body_date_lines]
    texts = [ln.text for ln in opening] if body_texts is None else body_texts[: len(opening)]
    body_match = vocab.title.body_date.search(" ".join(texts))
    if body_match and (year is None or int(body_match["year"]) == year):
        year = int(body_match["year"])
        month = month or vocab.month_number(body_match["month"])
    return year, month


def find_evaluators(
    front: Sequence[Line], settings: LayoutSettings = DEFAULT_SETTINGS
) -> tuple[str, ...]:
    """Evaluators after "Utvärderare:", on the same line or on the following lines of its page
    (at most ``evaluator_lines``); () when there is no such line."""
    pattern = vocabulary().title.evaluators
    for i, line in enumerate(front):
        match = pattern.match(line.text)
        if not match:
            continue
        text = match["names"].strip()
        if not text:
            window = front[i + 1 : i + 1 + settings.evaluator_lines]
            text = "; ".join(ln.text for ln in window if ln.page == line.page)
        return split_evaluators(text)
    return ()


def split_evaluators(text: str) -> tuple[str, ...]:
    """'Lars Strid, senior konsult (SKL), Anna Eklöf, SKL och Leif Eldås, SKL' ->
    ('Lars Strid, senior konsult (SKL)', 'Anna Eklöf, SKL', 'Leif Eldås, SKL')."""
    separators = vocabulary().title.evaluator_separators
    parts = [p.strip() for p in separators.split(text) if p.strip()]
    people: list[str] = []
    for part in parts:
        if _is_person(part) or not people:
            people.append(part)
        else:
            people[-1] += f", {part}"
    return tuple(people)


def _is_person(part: str) -> bool:
    words = part.split()
    stop = vocabulary().not_evaluator_words
    return (
        len(words) >= 2
        and all(NAME_WORD.match(w) for w in words)
        and not any(w.casefold() in stop for w in words)
    )


def lines_to_metadata(
    front: Sequence[Line],
    section_2: Sequence[Line],
    body: Sequence[Line],
    settings: LayoutSettings = DEFAULT_SETTINGS,
    body_texts: Sequence[str] | None = None,
) -> Metadata:
    """Metadata from the front matter, section 2 and the whole report's lines (``body``;
    ``body_texts``: their texts, one per line, when already made); never raises."""
    title = title_lines(front)
    printed, candidates = find_municipality(title, section_2, settings)
    year, month = find_year_month(title, body, settings, body_texts)
    return Metadata(printed, candidates, year, month, find_evaluators(front, settings))


def municipality_of(meta: Metadata, notes: list[ParseNote]) -> tuple[str | None, str | None]:
    """The report's municipality (short name) and its SCB code from the printed name's
    candidates; a name that is none of the 290 municipalities keeps its tidied printed form
    and no code. Appends a note to ``notes`` when no name or no known name was found."""
    for candidate in meta.municipality_candidates:
        match = resolve_municipality(candidate)
        if match is not None:
            return match.name, match.code
    if meta.municipality_as_printed is None:
        message = "no municipality name found on the title page or in section 2"
        notes.append(make_note("no_municipality", message))
        return None, None
    name = normalise_municipality_name(meta.municipality_as_printed)
    notes.append(
        make_note(
            "unknown_municipality",
            f"'{meta.municipality_as_printed}' is not one of the 290 municipalities; "
            "municipality_code left empty",
        )
    )
    return name, None
