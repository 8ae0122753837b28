"""Each glyph's text made plain: NFC, ligatures as letters, one kind of space, no controls.

Pure: a page's ``Char`` list in drawing order in, the same glyphs with plain text out.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

from kompass_extract.read.chars import SOFT_HYPHEN, Char
from kompass_extract.settings import DEFAULT_SETTINGS, LayoutSettings

# Compatibility ligatures -> letters (NFKC of U+FB00..U+FB06; U+FB05 is long s + t).
LIGATURES = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}
# Relative advance widths used to split a ligature's box (Times metrics; only ratios matter).
LETTER_SHARE = {"f": 0.333, "i": 0.278, "l": 0.278, "s": 0.389, "t": 0.278}
# Code points that are no text but stand where a line-end hyphen was drawn (U+0002 from an
# optional hyphen, U+FFFE): read like a soft hyphen.
HYPHEN_MARKERS = {"\u0002", "\ufffe"}
_X0, _X1 = operator.attrgetter("x0"), operator.attrgetter("x1")
# Spacing accents that some producers draw over a letter as a glyph of their own.
SPACING_ACCENTS = {
    "\u00a8": "\u0308",
    "\u02da": "\u030a",
    "\u00b4": "\u0301",
    "`": "\u0300",
    "\u02c6": "\u0302",
    "^": "\u0302",
    "\u02dc": "\u0303",
    "\u02c7": "\u030c",
    "\u00b8": "\u0327",
}


def normalise_text(
    chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Char]:
    """Text of each glyph made plain, in stream order.

    NFC per glyph (a glyph mapped to "a"+U+0308 reads "ä"); a combining mark drawn as its own
    glyph, or a spacing accent drawn over a letter, joins its base (union box); ligatures
    U+FB00-FB06 become letters (box split by LETTER_SHARE); space-likes (Zs, tab, CR, LF)
    become " "; C1 controls with a cp1252 meaning are re-decoded ("\\x96" -> "–"); other
    controls, format characters and noncharacters vanish, except that U+00AD, U+0002 and
    U+FFFE all become U+00AD (a soft-hyphen marker for ``resolve_soft_hyphens``). Private-use
    code points (symbol-font bullets U+F0A7, U+F0B7 ...) are kept: the parser's bullet
    vocabulary and ``recognise_bullet`` read them; ``is_undecodable`` does not count them.

    Each step runs only where a page's distinct texts call for it (``_needs_mapping``,
    ``_may_compose``, a zero-width letter); elsewhere it would leave every glyph as it is
    (``normalise_every_glyph`` runs every step on every glyph, with the same result).
    """
    if any(map(_needs_mapping, {c.text for c in chars})):
        mapped = [c2 for c in chars for c2 in _expand(_map_text(c))]
    else:
        mapped = list(chars)
    if any(map(_may_compose, {c.text for c in mapped})):
        mapped = _attach_marks(mapped, settings)
    return _widen_zero_width_letters(mapped, settings)


def normalise_every_glyph(
    chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Char]:
    """``normalise_text`` with every step run on every glyph, none skipped: what it must equal."""
    mapped = [c2 for c in chars for c2 in _expand(_map_text(c))]
    return _widen_every_zero_width_letter(_attach_marks(mapped, settings), settings)


@lru_cache(maxsize=4096)
def _needs_mapping(text: str) -> bool:
    """Whether ``_map_text`` or ``_expand`` would change or drop a glyph with this text."""
    if not text or (len(text) >= 2 and all(ch in LETTER_SHARE for ch in text)):
        return True
    return "".join(_map_code_point(ch) for ch in unicodedata.normalize("NFC", text)) != text


@lru_cache(maxsize=4096)
def _may_compose(text: str) -> bool:
    """Whether ``_attach_marks`` may compose a glyph with this text: a combining mark or a
    spacing accent (no glyph with another text ever composes)."""
    return text in SPACING_ACCENTS or (bool(text) and all(map(unicodedata.combining, text)))


def _widen_zero_width_letters(chars: list[Char], settings: LayoutSettings) -> list[Char]:
    """A letter drawn with no advance (pdfminer finds no width for a glyph mapped to several
    code points, e.g. "a"+U+0308 in a standard-14 font) gets its advance back when the next
    glyph drawn starts one advance later (the glyphs were placed one by one): the advance of
    the same letter, else of its base letter ("ä" -> "a": accented letters share their base's
    advance), seen on the page in the same font, scaled by size. Otherwise it stays as it is:
    the next glyph at the same x0 means pdfminer advanced the pen by 0 (the rest of the run
    sits that much further left), and any other blank may hold a word space. A glyph of
    size 0 has no em to measure in and stays as it is."""
    widths = map(operator.sub, map(_X1, chars), map(_X0, chars))
    narrow = compress(range(len(chars) - 1), map((1e-3).__ge__, widths))
    if not any(chars[i].text.isalpha() for i in narrow):
        return list(chars)
    return _widen_every_zero_width_letter(chars, settings)


def _widen_every_zero_width_letter(chars: list[Char], settings: LayoutSettings) -> list[Char]:
    per_em: dict[tuple[str, str], float] = {}
    for c in chars:
        if c.width > 1e-3 and c.size > 0:
            per_em.setdefault((c.fontname, c.text), c.width / c.size)
            per_em.setdefault(
                (c.fontname, unicodedata.normalize("NFD", c.text)[:1]), c.width / c.size
            )
    out = []
    for i, c in enumerate(chars):
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        if c.width <= 1e-3 and c.size > 0 and c.text.isalpha() and nxt is not None:
            base = unicodedata.normalize("NFD", c.text)[0]
            em = per_em.get((c.fontname, c.text)) or per_em.get((c.fontname, base))
            if em and abs((nxt.x0 - c.x0) / c.size - em) <= settings.zero_width_match:
                c = c._replace(x1=c.x0 + em * c.size)
        out.append(c)
    return out


def _map_text(char: Char) -> Char:
    if char.unmapped:
        return char
    text = "".join(_map_code_point(ch) for ch in unicodedata.normalize("NFC", char.text))
    return char if text == char.text else char._replace(text=unicodedata.normalize("NFC", text))


def _map_code_point(ch: str) -> str:
    if ch == SOFT_HYPHEN or ch in HYPHEN_MARKERS:
        return SOFT_HYPHEN
    if ch in "\t\n\r\x0b\x0c" or unicodedata.category(ch) == "Zs":
        return " "
    if 0x80 <= ord(ch) <= 0x9F:
        try:
            return bytes([ord(ch)]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    if unicodedata.category(ch) in {"Cc", "Cf", "Cs"} or (ord(ch) & 0xFFFE) == 0xFFFE:
        return ""
    return LIGATURES.get(ch, ch)


def _expand(char: Char) -> list[Char]:
    """A glyph whose text is several letters from a ligature: one Char per letter."""
    text = char.text
    if len(text) < 2 or not all(ch in LETTER_SHARE for ch in text) or char.unmapped:
        return [char] if text else []
    weights = [LETTER_SHARE[ch] for ch in text]
    total, x, out = sum(weights), char.x0, []
    for ch, w in zip(text, weights, strict=True):
        x1 = x + char.width * w / total
        out.append(char._replace(text=ch, x0=x, x1=x1))
        x = x1
    return out


def _attach_marks(chars: list[Char], settings: LayoutSettings) -> list[Char]:
    """Combining marks and over-drawn spacing accents composed with their base letter."""
    out: list[Char] = []
    pending: Char | None = None  # a mark drawn before its base
    for char in chars:
        if _is_mark(char):
            if out and _reaches(out[-1], char, settings) and _composes(out[-1], char):
                out[-1] = _compose(out[-1], char)
            else:
                pending = char  # try the next glyph; an orphan mark is dropped
            continue
        if pending is not None and _reaches(char, pending, settings) and _composes(char, pending):
            char = _compose(char, pending)
        pending = None
        if out and _accent_over(char, out[-1], settings):
            out[-1] = _compose(out[-1], char)
        elif out and _accent_over(out[-1], char, settings):
            out[-1] = _compose(char, out[-1])
        else:
            out.append(char)
    return out


def _is_mark(char: Char) -> bool:
    return bool(char.text) and all(unicodedata.combining(ch) for ch in char.text)


def _reaches(base: Char, mark: Char, settings: LayoutSettings) -> bool:
    reach = settings.mark_reach * max(base.size, mark.size)
    same_row = mark.top < base.bottom and base.top < mark.bottom
    return same_row and base.x0 - reach <= mark.x0 and mark.x1 <= base.x1 + reach


def _composes(base: Char, mark: Char) -> bool:
    return len(unicodedata.normalize("NFC", base.text[-1:] + _combining(mark.text))) == 1


def _combining(text: str) -> str:
    return "".join(SPACING_ACCENTS.get(ch, ch) for ch in text)


def _compose(base: Char, mark: Char) -> Char:
    text = unicodedata.normalize("NFC", base.text + _combining(mark.text))
    return base._replace(
        text=text,
        x0=min(base.x0, mark.x0),
        x1=max(base.x1, mark.x1),
        top=min(base.top, mark.top),
        bottom=max(base.bottom, mark.bottom),
    )


def _accent_over(accent: Char, base: Char, settings: LayoutSettings) -> bool:
    """A spacing accent glyph drawn over a letter (not beside it) that composes with it."""
    if accent.text not in SPACING_ACCENTS or not base.text[-1:].isalpha() or accent.width <= 0:
        return False
    overlap = min(accent.x1, base.x1) - max(accent.x0, base.x0)
    same_row = accent.top < base.bottom and base.top < accent.bottom
    return (
        same_row and overlap >= settings.accent_overlap * accent.width and _composes(base, accent)
    )
