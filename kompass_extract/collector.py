"""Fewer garbage collections while a file is read.

Reading a page makes thousands of small objects (glyph records, and with pdfplumber
pdfminer's layout objects), almost none of them in reference cycles. Python's cyclic garbage
collector looks at the young objects every 700 allocations by default, which costs a tenth of
the time of reading a report with PDFium and a fifth with pdfplumber (``make bench``) and
finds next to nothing. While ``fewer_collections`` is entered, the young generation is
collected every ``YOUNG_THRESHOLD`` allocations instead: cycles are still collected, the
garbage they hold at any time stays bounded (tens of thousands of objects, a few MB).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000  # allocations between collections of the young generation


class _Raised:
    """How many blocks are inside ``fewer_collections`` now, and the thresholds before."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved = gc.get_threshold()


_RAISED = _Raised()


@contextmanager
def fewer_collections(threshold: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Raise the young generation's collection threshold (``gc.set_threshold``) to at least
    ``threshold`` allocations while the block runs; the thresholds set before are restored
    when the last of any nested or concurrent blocks (threads) leaves."""
    with _RAISED.lock:
        if _RAISED.depth == 0:
            _RAISED.saved = gc.get_threshold()
            young, *older = _RAISED.saved
            gc.set_threshold(max(threshold, young), *older)
        _RAISED.depth += 1
    try:
        yield
    finally:
        with _RAISED.lock:
            _RAISED.depth -= 1
            if _RAISED.depth == 0:
                gc.set_threshold(*_RAISED.saved)
