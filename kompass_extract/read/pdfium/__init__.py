"""The PDFium engine (pypdfium2): a PDF's glyphs as PDFium reads them, the same glyphs the
pdfplumber engine yields, several times faster.

``read_chars(path, password, data)`` returns one ``PageChars`` per page in the displayed frame
(``/Rotate`` applied, origin top left, pdfplumber's MediaBox offsets), glyphs as printed (not
turned upright: ``Char.direction`` says how they run). Modules: ``document`` (opening, errors,
pages, marks), ``charlist`` (PDFium's character list in bulk), ``fonts`` (text objects, font
names, descents, advances), ``boxes`` (glyph boxes), ``placing`` (frame, /ActualText, hyphens,
records), ``native`` (unconverted per-character bindings and buffers).

Glyph boxes are pdfminer's font boxes: along the baseline from the origin to the font's advance
(PDFium's loose and tight boxes settle it where the font has no width), across it from the
font's descent to descent + font size (Adobe metrics for the standard 14 fonts not embedded,
else the descriptor's /Descent). What PDFium does to the text, kept or undone: ligatures it
splits into letters are one glyph again ("fi"); its end-of-line hyphen marker U+0002 is
re-read as the character the PDF holds; generated spaces and line breaks are left out;
/ActualText spreads its characters along the text object; an unmapped glyph is U+FFFD with
``unmapped`` set. PDFium drops a glyph drawn again at the same place (fake bold) itself.

PDFium is not thread-safe: every call runs under ``PDFIUM_LOCK`` (re-entrant, process-wide);
other code calling pypdfium2 in the same process must hold it too. Read in parallel with
processes.
"""

from kompass_extract.read.pdfium.document import PDFIUM_LOCK, read_chars

__all__ = ["PDFIUM_LOCK", "read_chars"]
