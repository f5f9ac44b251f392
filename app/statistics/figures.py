"""Figures that may be published about a group of organisations: spread and maturity levels.

Why: aggregated figures are only safe when the group is large enough that nobody can be
singled out, so ``spread`` refuses to compute anything over fewer than k values. The quartile
method (``statistics.quantiles`` with ``method="inclusive"``) is part of a public API contract:
changing it would silently change published numbers, so it is fixed here in one place.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """Median and quartiles of a group's scores, with the number of values behind them."""

    count: int
    median: float
    q1: float
    q3: float


def spread(values: Sequence[float], k: int) -> Spread | None:
    """Median and inclusive quartiles of ``values``; None when there are fewer than k of them.

    Inclusive method: the quartile at fraction p sits at position (n - 1)·p in the sorted
    values, linearly interpolated between its neighbours.
    """
    data = [float(value) for value in values]
    if len(data) < max(k, 1):
        return None
    median = float(statistics.median(data))
    if len(data) == 1:  # statistics.quantiles needs two points; one value is its own quartiles
        return Spread(count=1, median=median, q1=median, q3=median)
    quartiles = statistics.quantiles(data, n=4, method="inclusive")
    return Spread(count=len(data), median=median, q1=quartiles[0], q3=quartiles[2])


def maturity_level(score: float, top_level: int) -> int:
    """The maturity level 0..top_level that a 0..100 score stands for.

    Scores are 100·k/N per question, so a theme at 50 on a 0..4 scale is level 2. Rounding is
    half up (``floor(x + 0.5)``), not Python's half-to-even ``round``: 12.5 on a 0..4 scale is
    level 1, and 37.5 is level 2, as a reader would expect. The result is clamped to the scale.
    """
    level = math.floor(score * top_level / 100 + 0.5)
    return min(max(level, 0), top_level)


def level_counts(scores: Sequence[float], top_level: int) -> list[int]:
    """How many scores fall at each maturity level 0..top_level (index = level)."""
    counts = [0] * (top_level + 1)
    for score in scores:
        counts[maturity_level(score, top_level)] += 1
    return counts
