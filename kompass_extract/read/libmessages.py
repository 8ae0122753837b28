"""What the PDF libraries log while a file is read, kept off the terminal or tied to the file.

pdfminer (under pdfplumber and the structure check) and pypdfium2 log warnings through Python's
``logging`` ("Invalid MediaBox in /Page, defaulting to US Letter", "Data-loss while decompressing
corrupted data"). Without a handler of their own, Python prints them raw on stderr, named after
no file, even under ``--quiet``. Read inside ``library_messages``, they are dropped, or, with
``show`` (``--debug``), printed on stderr after the file's name. What they report that matters
(a damaged file) the reading itself turns into an error or a parse note.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from collections.abc import Iterator

LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2")


class FileNamedHandler(logging.Handler):
    """Prints a library's record on stderr as ``<file>: <library>: <message>`` (``show``), or
    drops it."""

    def __init__(self, source: str, show: bool) -> None:
        super().__init__(level=logging.WARNING if show else logging.CRITICAL + 1)
        self.source = source

    def emit(self, record: logging.LogRecord) -> None:
        library = record.name.split(".")[0]
        print(f"{self.source}: {library}: {record.getMessage()}", file=sys.stderr)


@contextlib.contextmanager
def library_messages(source: str, *, show: bool = False) -> Iterator[None]:
    """While reading the file ``source`` (its name as shown): the libraries' log records and
    Python warnings go to ``FileNamedHandler``, not to Python's last-resort printer."""
    handler = FileNamedHandler(source, show)
    loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING)  # their debug records are a flood
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        for warning in caught if show else ():
            print(f"{source}: warning: {warning.message}", file=sys.stderr)
    finally:
        for logger, (propagate, level) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)
