"""Why a file failed, as a stable error code and a message in words.

From an exception raised while reading (``classify``), or from how a worker process ended
without sending a result (``death_cause``). Library exceptions are recognised by class name,
so that this module does not import the PDF libraries.
"""

from __future__ import annotations

import signal
from typing import Protocol

from kompass_extract.errors import KompassError

EXIT_OUT_OF_MEMORY = 86  # the worker could not even report its MemoryError
# A worker that kills itself (an abort, a fault) after its resident memory grew by at least
# this share of --max-memory ran out of memory: a C library (PDFium) aborts when an allocation
# fails at the address-space cap, and resident memory lags a little behind address space.
OUT_OF_MEMORY_SHARE = 0.5

# The value is the stable error code of a library exception (anywhere in its MRO).
LIBRARY_ERROR_CODES = {
    "PDFPasswordIncorrect": "encrypted",
    "PDFEncryptionError": "encrypted",
    "PDFEncryptionWarning": "encrypted",
    "PDFTextExtractionNotAllowed": "encrypted",
    "PSEOF": "truncated",
    "PDFNoValidXRef": "malformed",
    "PDFSyntaxError": "malformed",
    "PSSyntaxError": "malformed",
    "PDFException": "malformed",
    "PSException": "malformed",
}
CODE_MESSAGES = {
    "encrypted": "the PDF is encrypted and neither the empty password nor the one given with "
    "--password opens it; give the right password with --password",
    "truncated": "the file ends unexpectedly: it was probably cut off during download; "
    "download it again",
    "malformed": "the PDF is damaged and cannot be read ({detail}); open it in a PDF viewer "
    "and save or print it to a new PDF",
}
# Signals a process brings on itself by what it does (a fault, an abort): the file's doing.
# Any other signal (SIGKILL from the out-of-memory killer or an operator, SIGTERM ...) came
# from outside: the file is not to blame and is tried again by the next run.
SELF_CAUSED_SIGNALS = frozenset(
    getattr(signal, name)
    for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGSYS", "SIGTRAP")
    if hasattr(signal, name)
)
SIGXCPU = getattr(signal, "SIGXCPU", None)  # sent when the worker's CPU time limit is reached


class Limits(Protocol):
    """The two worker limits a message names: seconds per file and bytes of memory."""

    @property
    def timeout_s(self) -> float: ...
    @property
    def max_memory(self) -> int: ...


def classify(exc: BaseException, limits: Limits) -> tuple[str, str]:
    """A stable error code and a message in words for an exception raised while reading.

    PDF libraries wrap the original error (pdfplumber raises PdfminerException around
    pdfminer's, which may itself wrap a MemoryError): the whole chain is looked at. A
    MemoryError anywhere in it wins: running out of memory is ``memory_limit`` whatever
    caught it on the way.
    """
    chain = exception_chain(exc)
    if any(isinstance(cause, MemoryError) for cause in chain):
        return "memory_limit", memory_message(limits)
    for cause in chain:
        if isinstance(cause, KompassError):
            return cause.code, cause.detail
    for cause in chain:
        if isinstance(cause, RecursionError):
            return "malformed", "the PDF's page tree or objects are nested too deeply to read"
    for cause in chain:
        code = library_error_code(cause)
        if code is not None:
            return code, CODE_MESSAGES[code].format(detail=describe(cause))
    return "internal", f"unexpected {describe(exc)}; please report this file"


def exception_chain(exc: BaseException) -> list[BaseException]:
    """``exc``, the exceptions it wraps (cause, context, exception arguments), and so on."""
    chain: list[BaseException] = []
    waiting = [exc]
    while waiting and len(chain) < 20:
        current = waiting.pop(0)
        if any(current is seen for seen in chain):
            continue
        chain.append(current)
        waiting += [arg for arg in current.args if isinstance(arg, BaseException)]
        waiting += [e for e in (current.__cause__, current.__context__) if e is not None]
    return chain


def describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def library_error_code(exc: BaseException) -> str | None:
    for cls in type(exc).__mro__:
        if cls.__name__ in LIBRARY_ERROR_CODES:
            return LIBRARY_ERROR_CODES[cls.__name__]
    return None


def memory_message(limits: Limits) -> str:
    return (
        f"reading the file needed more than {limits.max_memory / 2**20:.0f} MiB of memory "
        "(--max-memory); it may be a compression bomb; raise --max-memory to try again"
    )


def timeout_message(limits: Limits) -> str:
    return (
        f"reading the file took longer than {limits.timeout_s:g} s (--timeout) and was stopped; "
        "the file may be damaged or hostile; raise --timeout to try again"
    )


def death_cause(
    exitcode: int | None, limits: Limits, *, timed_out: bool, memory_added: int | None = None
) -> tuple[str, str]:
    """Why a worker ended without sending a result, from how it ended (``exitcode`` as
    ``multiprocessing`` gives it: negative for a signal) and ``memory_added``, the bytes of
    resident memory it had added to what it started with at its peak (None: not known).

    A worker that killed itself (SIGABRT, SIGSEGV ...) after adding at least
    ``OUT_OF_MEMORY_SHARE`` of ``max_memory`` is ``memory_limit``: PDFium aborts when an
    allocation fails at the cap. One killed from outside is ``worker_killed``."""
    if timed_out or (SIGXCPU is not None and exitcode == -SIGXCPU):
        return "timeout", timeout_message(limits)
    if exitcode == EXIT_OUT_OF_MEMORY:
        return "memory_limit", memory_message(limits)
    if self_caused(exitcode) and out_of_memory(memory_added, limits):
        return "memory_limit", memory_message(limits)
    if exitcode is not None and exitcode < 0 and -exitcode not in SELF_CAUSED_SIGNALS:
        return "worker_killed", (
            f"the worker reading the file was killed from outside ({signal_name(-exitcode)}), "
            "for example by the system's out-of-memory killer or an operator; the file is "
            "tried again by the next run"
        )
    if exitcode is not None and exitcode < 0:
        return "internal", (
            f"the worker reading the file crashed ({signal_name(-exitcode)}); please report "
            "this file"
        )
    return "internal", f"the worker reading the file stopped unexpectedly (exit {exitcode})"


def self_caused(exitcode: int | None) -> bool:
    """True when the worker was ended by a signal it brought on itself (an abort, a fault)."""
    return exitcode is not None and exitcode < 0 and -exitcode in SELF_CAUSED_SIGNALS


def out_of_memory(memory_added: int | None, limits: Limits) -> bool:
    """True when ``memory_added`` bytes reach ``OUT_OF_MEMORY_SHARE`` of ``max_memory``."""
    return memory_added is not None and memory_added >= OUT_OF_MEMORY_SHARE * limits.max_memory


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
