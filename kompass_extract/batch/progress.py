"""How a run tells its progress: a rich bar on a terminal, log lines otherwise, or nothing.

Every reporter prints failures (one line per file, on stderr) even when quiet: a failed file
must never go unnoticed. The rich bar is refreshed by the caller (``tick``), not by a thread,
so that no thread is running when worker processes are forked.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

from kompass_extract.batch.workers import Outcome
from kompass_extract.read.files import path_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class Reporter(Protocol):
    def start(self, total: int, cached: int) -> None: ...
    def file_done(self, outcome: Outcome) -> None: ...
    def failure(self, line: str) -> None: ...
    def output(self, text: str) -> None: ...
    def tick(self) -> None: ...
    def finish(self) -> None: ...


class Throughput:
    """Files done and failed, pages read and the rate, counted from the start of the work."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.done = 0
        self.failed = 0
        self.pages = 0

    def add(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += outcome.failure is not None
        self.pages += outcome.pages

    def pages_per_second(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.pages / elapsed if elapsed > 0 else 0.0


class QuietReporter:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def start(self, total: int, cached: int) -> None:
        pass

    def file_done(self, outcome: Outcome) -> None:
        pass

    def failure(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def output(self, text: str) -> None:
        """A result for the reader (``check``'s verdicts): on standard output, at once."""
        print(text, flush=True)

    def tick(self) -> None:
        pass

    def finish(self) -> None:
        pass


class LogReporter(QuietReporter):
    """One plain line per file, for logs and pipes."""

    def start(self, total: int, cached: int) -> None:
        self.total = total
        self.counts = Throughput()
        reused = f" ({cached} more already done, taken from the cache)" if cached else ""
        print(f"reading {total} file(s){reused}", file=self.stream, flush=True)

    def file_done(self, outcome: Outcome) -> None:
        self.counts.add(outcome)
        code = outcome.failure.error_code if outcome.failure is not None else None
        state = f"failed ({code})" if code else "ok"
        pages = f", {outcome.pages} pages" if outcome.reports else ""
        print(
            f"[{self.counts.done}/{self.total}] {path_text(outcome.task.path)}: {state}{pages}, "
            f"{outcome.elapsed_s:.1f} s",
            file=self.stream,
            flush=True,
        )


class RichReporter(QuietReporter):
    """A progress bar: files done and failed, pages per second, time left."""

    def __init__(self, stream: TextIO | None = None, label: str = "extracting") -> None:
        # rich is imported here: only a terminal gets the bar (logs and pipes do without it)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        super().__init__(stream)
        self.console: Console = Console(file=self.stream)
        self.progress: Progress = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files, {task.fields[failed]} failed, {task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            console=self.console,
            auto_refresh=False,
            transient=False,
            # check prints its verdicts on stdout itself (``output``); nothing is captured
            redirect_stdout=False,
            redirect_stderr=False,
        )

    def start(self, total: int, cached: int) -> None:
        self.counts = Throughput()
        if cached:
            self.console.print(f"{cached} file(s) already done, taken from the cache")
        self.task = self.progress.add_task("files", total=total, failed=0, rate="0.0")
        self.progress.start()
        self.tick()

    def file_done(self, outcome: Outcome) -> None:
        self.counts.add(outcome)
        self.progress.update(
            self.task,
            advance=1,
            failed=self.counts.failed,
            rate=f"{self.counts.pages_per_second():.1f}",
        )

    def failure(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False)

    def output(self, text: str) -> None:
        """On a terminal shared with the bar, above the bar; otherwise on standard output."""
        if sys.stdout.isatty() and self.progress.live.is_started:
            self.progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
            self.tick()
        else:
            super().output(text)

    def tick(self) -> None:
        self.progress.refresh()

    def finish(self) -> None:
        self.tick()
        self.progress.stop()


def choose_reporter(quiet: bool, stream: TextIO | None = None) -> Reporter:
    stream = stream or sys.stderr
    if quiet:
        return QuietReporter(stream)
    if stream.isatty():
        return RichReporter(stream)
    return LogReporter(stream)
