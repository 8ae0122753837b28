"""Exit codes of every command, defined once (the README's table is tested against this)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status means; the meaning differs a little per command."""

    OK = 0  # extract: every file extracted; check: every report adds up; diff: identical builds
    PROBLEMS = 1  # a file failed, a report does not add up (check, extract --strict), builds differ
    USAGE = 2  # bad usage: an option, a missing path, no PDF found, OUT held by another run
    DISK_FULL = 3  # extract: no space left writing into OUT; the previous build is still whole
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: finished files are kept in the cache
    CLOSED_PIPE = (
        141  # the reader of the output went away (| head): 128 + SIGPIPE, as a shell shows
    )
