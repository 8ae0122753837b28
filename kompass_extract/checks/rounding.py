"""What a printed, rounded figure can stand for: closed intervals of true values.

Reports assess points with decimals and print them rounded; the percent column is computed
from the unrounded points. A printed figure therefore stands for every value that rounds to
it: the integer 10 for [9.5, 10.5], "72,5 %" for [72.45, 72.55] percent. The checks compare
these intervals, never the rounded numbers themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# Slack for float arithmetic on printed figures (values up to a few hundred points).
TOLERANCE = 1e-9
# A parsed figure with more decimals than this is float noise, not print precision.
MAX_PRINTED_DECIMALS = 4


@dataclass(frozen=True)
class Interval:
    """The closed range [low, high]; empty when low > high."""

    low: float
    high: float

    @property
    def is_empty(self) -> bool:
        return self.low > self.high + TOLERANCE

    def intersect(self, other: Interval) -> Interval:
        return Interval(max(self.low, other.low), min(self.high, other.high))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def gap_to(self, other: Interval) -> float:
        """Distance between the two ranges; 0 when they overlap."""
        return max(0.0, other.low - self.high, self.low - other.high)

    def overlaps(self, other: Interval) -> bool:
        return self.gap_to(other) <= TOLERANCE

    def contains(self, value: float) -> bool:
        return self.low - TOLERANCE <= value <= self.high + TOLERANCE


def printed_decimals(value: float) -> int:
    """Decimals the figure was printed with, read from its value (72.5 -> 1, 10.0 -> 0).

    A figure printed with trailing zeros ("72,50 %") reads as fewer decimals, which only widens
    its interval: the checks stay lenient, never stricter than the print.
    """
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: no precision to speak of
        return 0
    return min(MAX_PRINTED_DECIMALS, max(0, -exponent))


def half_unit(value: float) -> float:
    """Half of the last printed digit: how far the true value may lie from the printed one."""
    return 0.5 * 10.0 ** -printed_decimals(value)


def points_interval(points: float) -> Interval:
    """True points behind printed points."""
    spread = half_unit(points)
    return Interval(points - spread, points + spread)


def percent_interval(percent: float, max_points: float) -> Interval:
    """True points behind a printed percent of ``max_points`` (the max is exact, not rounded)."""
    spread = half_unit(percent)
    return Interval((percent - spread) * max_points / 100, (percent + spread) * max_points / 100)


def feasible_range(max_points: float) -> Interval:
    return Interval(0.0, max_points)


def interval_sum(intervals: Iterable[Interval]) -> Interval:
    total = Interval(0.0, 0.0)
    for interval in intervals:
        total = total + interval
    return total


def format_figure(value: float) -> str:
    """A figure for messages: at most two decimals, no trailing zeros (10.4333 -> 10.43)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_interval(interval: Interval) -> str:
    """A range for messages, widened outward to two decimals so it never understates."""
    low = math.floor(interval.low * 100 + TOLERANCE) / 100
    high = math.ceil(interval.high * 100 - TOLERANCE) / 100
    if high - low <= TOLERANCE:
        return format_figure(low)
    return f"{format_figure(low)}-{format_figure(high)}"
