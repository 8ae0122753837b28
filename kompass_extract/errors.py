"""The project's own exceptions for structural failures.

A structural failure means a file cannot be extracted at all (not a PDF, encrypted, no text
layer, not a Kommunkompassen report ...). Each class carries a stable ``code`` that ends up in
``errors.csv``; the message names the file, the page where relevant, what was expected and
what the user can do. Data-quality findings (totals that do not add up) are never exceptions:
they are rows of the checks table.
"""

from __future__ import annotations


class KompassError(Exception):
    """Base class: a file that could not be extracted."""

    code = "internal"

    def __init__(self, source: str, message: str, *, page: int | None = None) -> None:
        self.source = str(source)
        self.page = page
        self.detail = message
        where = f"{self.source}, page {page}" if page is not None else self.source
        super().__init__(f"{where}: {message}")


class NotPdfError(KompassError):
    code = "not_pdf"


class TruncatedError(KompassError):
    code = "truncated"


class MalformedError(KompassError):
    code = "malformed"


class EncryptedError(KompassError):
    code = "encrypted"


class NoTextLayerError(KompassError):
    code = "no_text_layer"


class NotKompassError(KompassError):
    code = "not_kompass"


class TooManyPagesError(KompassError):
    code = "too_many_pages"


class TooLargeError(KompassError):
    code = "too_large"


class ExtractionTimeoutError(KompassError):
    code = "timeout"


class MemoryLimitError(KompassError):
    code = "memory_limit"


class InternalError(KompassError):
    code = "internal"


ERROR_CODES: tuple[str, ...] = (
    "not_pdf",
    "truncated",
    "malformed",
    "encrypted",
    "no_text_layer",
    "not_kompass",
    "too_many_pages",
    "too_large",
    "timeout",
    "memory_limit",
    "internal",
)
