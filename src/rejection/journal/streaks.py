"""The streak rule: which local days count, and how counted days and rest days make a run.

A day counts when it holds a no (classic mode) or any completed ask (gentle mode). A run is
consecutive local days that each count or are rest days; its length is the number of days
that count, so a rest day keeps a streak alive without adding to it. Days are the person's
local calendar days, fixed when each ask is written (journal.services), so a change of time
zone or a DST change never moves history. The profile keeps the result (current, best,
alive_through) and `Profile.streak_on` reads it on a given day: a run is still alive while
it ends today or yesterday. Pure functions over plain values: the worked examples and the
property test in tests/rules/test_journal.py check them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

CLASSIC, GENTLE = "classic", "gentle"


def day_counts(nos: int, completed: int, mode: str) -> bool:
    """Tell whether a day keeps the streak: a no (classic) or any completed ask (gentle)."""
    return nos > 0 if mode == CLASSIC else completed > 0


@dataclass(frozen=True)
class StreakState:
    current: int
    best: int
    alive_through: dt.date | None  # the last day of the newest run


def streaks(days: Iterable[tuple[dt.date, bool, bool]]) -> StreakState:
    """Fold (day, counts, rest) into the newest run, the best run and where it ends."""
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
