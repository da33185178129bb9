"""The classic game's rules: points per outcome, which days count, and streaks.

Pure functions over plain values, so the hypothesis tests can check them against
a reference written from the product brief.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

POINTS = {
    "rejected": 10,
    "no_response": 10,
    "partial": 1,
    "accepted": 1,
    "pending": 0,  # scores when its answer is recorded
    "avoided": 0,
}


def points_for(outcome: str) -> int:
    """Return the points an outcome earns under the default rules."""
    return POINTS[outcome]


def day_counts(nos: int, completed: int, mode: str) -> bool:
    """Tell whether a day keeps the streak: a no (classic) or any completed ask (gentle)."""
    return nos > 0 if mode == "classic" else completed > 0


@dataclass(frozen=True)
class StreakState:
    current: int
    best: int
    alive_through: dt.date | None


def streaks(days: Iterable[tuple[dt.date, bool, bool]]) -> StreakState:
    """Fold (day, counts, rest) into the newest run, the best run and where it ends.

    A run is consecutive days that each count or are rest days; its length is the
    number of days that count, so a rest day keeps a streak alive without adding to it.
    """
    best = current = 0
    alive_through: dt.date | None = None
    for day, counts, rest in sorted(days):
        if not (counts or rest):
            continue
        if alive_through is None or day != alive_through + dt.timedelta(days=1):
            current = 0
        current += 1 if counts else 0
        alive_through = day
        best = max(best, current)
    return StreakState(current=current, best=best, alive_through=alive_through)
