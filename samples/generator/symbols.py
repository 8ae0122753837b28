"""A tiny TrueType font whose only glyph is a small filled square.

Word writes the Wingdings square bullet so that its text extracts as U+F0A7 (a private-use code
point). No free font maps that code point, so the generator builds one, mapping the square to
U+F0A7 and to U+25AA (BLACK SMALL SQUARE) for styles that use the standard character.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

FAMILY = "KompassSymbols"
WINGDINGS_SQUARE = "\uf0a7"
SMALL_SQUARE = "\u25aa"
ROUND_BULLET = "\u2022"
UNITS_PER_EM = 1000
ADVANCE = 600
SQUARE = (130, 230, 430, 530)  # x0, y0, x1, y1 in font units: a bullet-sized square
FIXED_TIMESTAMP = 3786825600  # font head dates (2024-01-01 since 1904): byte-identical output


def square_glyph() -> object:
    x0, y0, x1, y1 = SQUARE
    pen = TTGlyphPen(None)
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()
    return pen.glyph()


def round_glyph() -> object:
    """A disc of radius 150 units around (280, 380), drawn with four quadratic arcs."""
    cx, cy, r = 280, 380, 150
    pen = TTGlyphPen(None)
    pen.moveTo((cx + r, cy))
    pen.qCurveTo((cx + r, cy + r), (cx, cy + r))
    pen.qCurveTo((cx - r, cy + r), (cx - r, cy))
    pen.qCurveTo((cx - r, cy - r), (cx, cy - r))
    pen.qCurveTo((cx + r, cy - r), (cx + r, cy))
    pen.closePath()
    return pen.glyph()


def empty_glyph() -> object:
    return TTGlyphPen(None).glyph()


def build_symbol_font(path: Path) -> Path:
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space", "square", "disc"])
    builder.setupCharacterMap(
        {
            0x20: "space",
            ord(WINGDINGS_SQUARE): "square",
            ord(SMALL_SQUARE): "square",
            ord(ROUND_BULLET): "disc",
        }
    )
    builder.setupGlyf(
        {
            ".notdef": empty_glyph(),
            "space": empty_glyph(),
            "square": square_glyph(),
            "disc": round_glyph(),
        }
    )
    builder.setupHorizontalMetrics(
        {
            ".notdef": (ADVANCE, 0),
            "space": (ADVANCE, 0),
            "square": (ADVANCE, SQUARE[0]),
            "disc": (ADVANCE, 130),
        }
    )
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.setupHead(unitsPerEm=UNITS_PER_EM, created=FIXED_TIMESTAMP, modified=FIXED_TIMESTAMP)
    builder.save(str(path))
    return path
