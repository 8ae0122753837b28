"""Printed figures of an overview table, computed from the assessed (unrounded) points.

The rule the reports follow: points are printed rounded half up (to whole points, or to the
decimals a row asks for), the percent is computed from the unrounded points, and the area total
is the rounded sum of the unrounded points.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class NumberFormat:
    percent_decimals: int = 0
    decimal_comma: bool = True


def half_up(value: float, decimals: int = 0) -> Decimal:
    """Rounded half up at ``decimals`` places; Decimal(str()) avoids binary-float surprises."""
    step = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def printed(value: Decimal, fmt: NumberFormat) -> str:
    text = f"{value:f}"
    return text.replace(".", ",") if fmt.decimal_comma else text


def percent_text(points: float, max_points: float, fmt: NumberFormat) -> str:
    exact = round(100 * points / max_points, 9)  # 9 places: strip float noise before rounding
    return printed(half_up(exact, fmt.percent_decimals), fmt) + " %"


def row_values(
    points: float, max_points: int, points_decimals: int, fmt: NumberFormat
) -> tuple[str, str, str]:
    return (
        printed(half_up(points, points_decimals), fmt),
        str(max_points),
        percent_text(points, max_points, fmt),
    )


def total_values(points: list[float], maxima: list[int], fmt: NumberFormat) -> tuple[str, ...]:
    exact_sum = round(sum(points), 9)
    return (
        printed(half_up(exact_sum), fmt),
        str(sum(maxima)),
        percent_text(exact_sum, sum(maxima), fmt),
    )
