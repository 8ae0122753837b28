"""The ranges the run's limits may take (``--jobs``, ``--timeout``, ``--max-memory``,
``--max-pages``, ``--max-size``), checked before any file is read.

A value outside its range is bad usage (``UsageError``): not a number (``nan``), infinite, not
above the floor, or above a ceiling no real run needs, where the operating system's limits
(RLIMIT_CPU, RLIMIT_AS) would overflow or a typo is the likelier cause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kompass_extract.errors import UsageError


@dataclass(frozen=True, slots=True)
class Bound:
    """An option's range: above ``floor`` (or at it when ``floor_allowed``), at most ``ceiling``
    (``ceiling_words`` says it in words, with its unit)."""

    option: str
    floor: float
    floor_allowed: bool
    ceiling: float
    ceiling_words: str

    def problem(self, value: float) -> str | None:
        """The usage error for ``value`` in words, or None when it is in range."""
        low_ok = value >= self.floor if self.floor_allowed else value > self.floor
        if math.isfinite(value) and low_ok and value <= self.ceiling:
            return None
        low = "at least" if self.floor_allowed else "more than"
        return (
            f"{self.option} must be {low} {self.floor:g} and at most {self.ceiling_words}; "
            f"got {value:g}"
        )


BOUNDS = {
    "jobs": Bound("--jobs", 1, True, 1024, "1024"),
    "timeout_s": Bound("--timeout", 0, False, 7 * 86400, "604800 seconds (7 days)"),
    "max_memory": Bound("--max-memory", 0, False, 1 << 40, "1T (bytes)"),
    "max_pages": Bound("--max-pages", 1, True, 1_000_000, "1000000"),
    "max_size": Bound("--max-size", 0, False, 1 << 40, "1T (bytes)"),
}


def check_limits_in_range(values: dict[str, float]) -> None:
    """Raise ``UsageError`` naming the first of ``values`` (keyed as ``BOUNDS``) out of range."""
    for name, value in values.items():
        problem = BOUNDS[name].problem(value)
        if problem is not None:
            raise UsageError(problem)
