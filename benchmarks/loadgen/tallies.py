"""The derived rows (day and category tallies, profile counters), built while asks are made.

The sums follow journal.counters' recount (predictions count over completed asks only) and
the streaks come from journal.streaks itself; tests compare the result with rebuild_user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rejection.journal.counters import FIGURES
from rejection.journal.models import COMPLETED_OUTCOMES, NO_OUTCOMES, Outcome
from rejection.journal.streaks import StreakState, day_counts, streaks

_OUTCOME_SLOT = {outcome: 1 + position for position, outcome in enumerate(Outcome.values)}
_SLOT = {name: position for position, name in enumerate(FIGURES)}
_YES = frozenset({Outcome.ACCEPTED, Outcome.PARTIAL})


class Tally:
    """Counts and sums of one slice of a person's asks, in journal.counters.FIGURES order."""

    __slots__ = ("figures", "points")

    def __init__(self) -> None:
        self.figures = [0] * len(FIGURES)
        self.points = 0

    def add(
        self,
        outcome: str,
        points: int,
        before: int | None,
        after: int | None,
        predicted: int | None,
    ) -> None:
        figures = self.figures
        figures[0] += 1
        figures[_OUTCOME_SLOT[outcome]] += 1
        if predicted is not None and outcome in COMPLETED_OUTCOMES:
            figures[_SLOT["predicted_sum"]] += predicted
            figures[_SLOT["predicted_count"]] += 1
        if before is not None:
            figures[_SLOT["anxiety_before_sum"]] += before
            figures[_SLOT["anxiety_before_count"]] += 1
        if after is not None:
            figures[_SLOT["anxiety_after_sum"]] += after
            figures[_SLOT["anxiety_after_count"]] += 1
        self.points += points

    def keeps_streak(self, mode: str) -> bool:
        figures = self.figures
        nos = sum(figures[_OUTCOME_SLOT[outcome]] for outcome in NO_OUTCOMES)
        yeses = sum(figures[_OUTCOME_SLOT[outcome]] for outcome in _YES)
        return day_counts(nos, nos + yeses, mode)


@dataclass
class PersonTallies:
    """Everything derived from one person's asks and rest days."""

    days: dict[dt.date, Tally] = field(default_factory=dict)
    categories: dict[str, Tally] = field(default_factory=dict)
    rest_days: set[dt.date] = field(default_factory=set)

    def add(
        self,
        day: dt.date,
        category: str,
        outcome: str,
        points: int,
        before: int | None,
        after: int | None,
        predicted: int | None,
    ) -> None:
        day_tally = self.days.get(day)
        if day_tally is None:
            day_tally = self.days[day] = Tally()
        day_tally.add(outcome, points, before, after, predicted)
        category_tally = self.categories.get(category)
        if category_tally is None:
            category_tally = self.categories[category] = Tally()
        category_tally.add(outcome, points, before, after, predicted)

    def points(self) -> int:
        return sum(tally.points for tally in self.days.values())

    def streak(self, mode: str) -> StreakState:
        """Return the streaks exactly as journal.streaks folds them from the day tallies."""
        rests = self.rest_days
        days = [(day, tally.keeps_streak(mode), day in rests) for day, tally in self.days.items()]
        days += [(day, False, True) for day in rests if day not in self.days]
        return streaks(days)

    def day_rows(self, user_id: int) -> list[tuple[object, ...]]:
        """Return DayTally rows: user_id, local_date, *FIGURES, points, rest_day."""
        rows: list[tuple[object, ...]] = [
            (user_id, day, *tally.figures, tally.points, day in self.rest_days)
            for day, tally in self.days.items()
        ]
        empty = [0] * len(FIGURES)
        rows += [(user_id, day, *empty, 0, True) for day in self.rest_days if day not in self.days]
        return rows

    def category_rows(self, user_id: int) -> list[tuple[object, ...]]:
        """Return CategoryTally rows: user_id, category_slug, *FIGURES."""
        return [(user_id, slug, *tally.figures) for slug, tally in self.categories.items()]


DAY_COLUMNS = ("user_id", "local_date", *FIGURES, "points", "rest_day")
CATEGORY_COLUMNS = ("user_id", "category_slug", *FIGURES)
