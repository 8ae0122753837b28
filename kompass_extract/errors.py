"""The project's own exceptions, each defined once with its stable error code.

A structural failure means a file cannot be extracted at all (not a PDF, encrypted, no text
layer, not a Kommunkompassen report ...). Each ``KompassError`` subclass carries:

- ``code``: the stable value of ``errors.csv``'s ``error_code`` column;
- ``meaning`` and ``remedy``: what the code means and what the user can do (README's table);
- ``option``: the command-line option whose larger value could change the outcome (a cached
  failure is retried when the run allows more), or None;
- ``cacheable``: False when the failure says nothing certain about the file's bytes (it
  vanished, it changed while it was read, the system refused to read it, its worker was killed
  from outside, or an unexpected error or crash, ``internal``, which may as well be the tool's
  or the machine's fault): such a failure is never cached, and the next run tries the file again.

The message of an instance names the file, the page where relevant, what was expected and what
to do. Data-quality findings (totals that do not add up) are never exceptions: they are rows of
the checks table. ``UsageError`` is a bad command line or API call, not a property of a file.
"""

from __future__ import annotations

from typing import ClassVar


class UsageError(Exception):
    """Bad arguments (an option out of range, a path that does not exist, OUT held by another run)."""


class DiskFullError(Exception):
    """No space left (or the quota is used up) while writing into OUT.

    ``path`` is the file being written; ``state`` says in words what OUT holds now (the
    previous build, whole, or no build). ``str(error)`` names both.
    """

    def __init__(self, path: str, state: str) -> None:
        self.path = path
        self.state = state
        super().__init__(f"no space left on the device while writing {path}; {state}")


class KompassError(Exception):
    """Base class: a file that could not be extracted. ``str(error)`` is ``"<file>[, page N]: <detail>"``."""

    code: ClassVar[str] = "internal"
    meaning: ClassVar[str] = "an unexpected error"
    remedy: ClassVar[str] = "please report the file"
    option: ClassVar[str | None] = None
    cacheable: ClassVar[bool] = True

    def __init__(self, source: str, message: str | None = None, *, page: int | None = None):
        self.source = str(source)
        self.page = page
        self.detail = message or f"{self.meaning}; {self.remedy}"
        where = f"{self.source}, page {page}" if page is not None else self.source
        super().__init__(f"{where}: {self.detail}")


class NotPdfError(KompassError):
    code = "not_pdf"
    meaning = (
        "empty file, HTML page or other non-PDF saved as .pdf, or not a regular file (a named "
        "pipe, device or socket named *.pdf)"
    )
    remedy = "download it again; only regular files are read"


class UnreadableError(KompassError):
    code = "unreadable"
    meaning = (
        "the file vanished, changed while the run read it, or the system refused to read it "
        "(permissions, an I/O error)"
    )
    remedy = "check the file and run again: this failure is not cached, the next run retries it"
    cacheable = False


class TruncatedError(KompassError):
    code = "truncated"
    meaning = "no `%%EOF` marker, or the file ends early"
    remedy = "download it again"


class MalformedError(KompassError):
    code = "malformed"
    meaning = "damaged PDF structure, including page trees nested too deeply to read"
    remedy = "get another copy"


class EncryptedError(KompassError):
    code = "encrypted"
    meaning = "the empty password (or the one given) does not open it"
    remedy = "`--password`"
    option = "--password"

    @classmethod
    def for_password(cls, source: str, password: str | None) -> EncryptedError:
        """The error for a file that ``password`` (None: only the empty one was tried) did not open."""
        if password:
            return cls(
                source,
                "the PDF is encrypted and the password given with --password does not open it",
            )
        return cls(
            source,
            "the PDF is encrypted and the empty password does not open it; "
            "give its password with --password",
        )


class NoTextLayerError(KompassError):
    code = "no_text_layer"
    meaning = "no page has text (a scan)"
    remedy = "run OCR (e.g. ocrmypdf) first"


class UnreadableTextError(KompassError):
    code = "unreadable_text"
    meaning = (
        "much of the text layer cannot be decoded (fonts without a Unicode map, characters "
        "that cannot occur in a Swedish report)"
    )
    remedy = "run OCR on it (e.g. `ocrmypdf --force-ocr`) and extract the result"


class NotKompassError(KompassError):
    code = "not_kompass"
    meaning = 'a readable PDF, but no "Område N" headings and no overview tables'
    remedy = "none: not a Kommunkompassen report"


class SeveralReportsError(KompassError):
    code = "several_reports"
    meaning = (
        "the file holds more than one report and they cannot be told apart (a second run of "
        "areas 1-8 without a title page or section headings of its own); or, from "
        "`extract_report`, a file that holds several reports"
    )
    remedy = (
        "split the file into one PDF per report (e.g. `qpdf in.pdf --pages . 1-16 -- out.pdf`); "
        "in Python, `extract_reports` returns each report of a file"
    )


class TooManyPagesError(KompassError):
    code = "too_many_pages"
    meaning = "more pages than `--max-pages`"
    remedy = "raise `--max-pages` if it is really a report"
    option = "--max-pages"


class TooLargeError(KompassError):
    code = "too_large"
    meaning = "larger than `--max-size`"
    remedy = "raise `--max-size`"
    option = "--max-size"


class ExtractionTimeoutError(KompassError):
    """Documents the ``timeout`` code: the batch records it when it stops a worker at its
    deadline (nothing raises it); its ``option`` tells the cache when to retry."""

    code = "timeout"
    meaning = "stopped after `--timeout` seconds (damaged or hostile file)"
    remedy = "raise `--timeout` if the file is genuine"
    option = "--timeout"


class MemoryLimitError(KompassError):
    """Documents the ``memory_limit`` code: the batch records it when a worker runs out of its
    address space (nothing raises it); its ``option`` tells the cache when to retry."""

    code = "memory_limit"
    meaning = "needed more than `--max-memory` (e.g. a compression bomb)"
    remedy = "raise `--max-memory` if the file is genuine"
    option = "--max-memory"


class WorkerKilledError(KompassError):
    code = "worker_killed"
    meaning = (
        "the worker reading the file was killed from outside (the system's out-of-memory "
        "killer, an operator)"
    )
    remedy = "run again: this failure is not cached, the next run retries it"
    cacheable = False


class InternalError(KompassError):
    code = "internal"
    meaning = "an unexpected error, or a worker that crashed or stopped unexpectedly"
    remedy = "please report the file; this failure is not cached, the next run tries it again"
    cacheable = False


ERROR_CLASSES: tuple[type[KompassError], ...] = (
    NotPdfError,
    TruncatedError,
    MalformedError,
    EncryptedError,
    NoTextLayerError,
    UnreadableTextError,
    NotKompassError,
    SeveralReportsError,
    TooManyPagesError,
    TooLargeError,
    ExtractionTimeoutError,
    MemoryLimitError,
    UnreadableError,
    WorkerKilledError,
    InternalError,
)
ERROR_CODES: tuple[str, ...] = tuple(cls.code for cls in ERROR_CLASSES)


def error_class(code: str) -> type[KompassError]:
    """The exception class of an error code; raises KeyError for an unknown code."""
    for cls in ERROR_CLASSES:
        if cls.code == code:
            return cls
    raise KeyError(code)
