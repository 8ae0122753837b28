"""Bullets of the randomised layouts that are not plain text: a symbol font and a picture.

``build_layout_symbols`` writes a TrueType font with a square (U+F0A7, U+25AA), a disc
(U+2022) and an arrowhead (U+27A2, outside the extractor's list of bullets); ``disc_png`` is a
tiny picture of a disc, for bullets placed as images.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from .symbols import (
    ADVANCE,
    FIXED_TIMESTAMP,
    ROUND_BULLET,
    SMALL_SQUARE,
    SQUARE,
    UNITS_PER_EM,
    WINGDINGS_SQUARE,
    empty_glyph,
    round_glyph,
    square_glyph,
)

LAYOUT_FAMILY = "KompassLayoutSymbols"
ARROWHEAD = "\u27a2"


def arrow_glyph() -> object:
    """A right-pointing triangle, bullet-sized."""
    pen = TTGlyphPen(None)
    pen.moveTo((130, 230))
    pen.lineTo((130, 530))
    pen.lineTo((450, 380))
    pen.closePath()
    return pen.glyph()


def build_layout_symbols(path: Path) -> Path:
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space", "square", "disc", "arrow"])
    builder.setupCharacterMap(
        {
            0x20: "space",
            ord(WINGDINGS_SQUARE): "square",
            ord(SMALL_SQUARE): "square",
            ord(ROUND_BULLET): "disc",
            ord(ARROWHEAD): "arrow",
        }
    )
    glyphs = {
        ".notdef": empty_glyph(),
        "space": empty_glyph(),
        "square": square_glyph(),
        "disc": round_glyph(),
        "arrow": arrow_glyph(),
    }
    builder.setupGlyf(glyphs)
    metrics = {name: (ADVANCE, 0) for name in (".notdef", "space")}
    metrics.update(
        {"square": (ADVANCE, SQUARE[0]), "disc": (ADVANCE, 130), "arrow": (ADVANCE, 130)}
    )
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": LAYOUT_FAMILY, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.setupHead(unitsPerEm=UNITS_PER_EM, created=FIXED_TIMESTAMP, modified=FIXED_TIMESTAMP)
    builder.save(str(path))
    return path


def disc_png(size: int = 12) -> bytes:
    """A black disc on white, ``size`` pixels square, as PNG bytes (grey, 8 bits)."""
    radius = size / 2
    rows = b""
    for y in range(size):
        row = bytes(
            0 if (x + 0.5 - radius) ** 2 + (y + 0.5 - radius) ** 2 <= radius**2 else 255
            for x in range(size)
        )
        rows += b"\x00" + row

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
