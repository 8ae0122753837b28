"""Forked worker processes that keep what the kernel says of them when they end.

``multiprocessing`` reaps a forked child with ``waitpid``, which drops the child's resource
usage. ``MeasuredForkProcess`` reaps it with ``wait4`` instead and keeps the child's peak
resident memory (``peak_rss``, bytes): the only trace of how much memory a worker had taken
when it died by a signal, without a word, inside a C library (PDFium aborts when an allocation
fails at the worker's address-space cap).
"""

from __future__ import annotations

import os
import sys
from multiprocessing import popen_fork, process


class MeasuredPopen(popen_fork.Popen):
    """``multiprocessing``'s fork launcher, reaping with ``wait4``."""

    peak_rss: int | None = None

    def poll(self, flag: int = os.WNOHANG) -> int | None:
        """The child's exit code (negative: the signal that ended it), or None while it runs;
        on reaping, ``peak_rss`` is the child's peak resident memory in bytes."""
        if self.returncode is None:
            try:
                pid, status, usage = os.wait4(self.pid, flag)
            except OSError:  # not started yet, or reaped already (as waitpid's caller does)
                return None
            if pid == self.pid:
                scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: KiB on Linux
                self.peak_rss = usage.ru_maxrss * scale
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


class MeasuredForkProcess(process.BaseProcess):
    """A forked ``multiprocessing`` process whose ``peak_rss`` is known once it has ended."""

    _start_method = "fork"

    @staticmethod
    def _Popen(process_obj: process.BaseProcess) -> MeasuredPopen:  # noqa: N802 - the hook's name
        return MeasuredPopen(process_obj)

    @property
    def peak_rss(self) -> int | None:
        """Peak resident memory of the ended process in bytes (None while it runs)."""
        launcher = getattr(self, "_popen", None)
        return getattr(launcher, "peak_rss", None)


def resident_memory() -> int | None:
    """This process's resident memory now, in bytes (Linux ``/proc``; None elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
