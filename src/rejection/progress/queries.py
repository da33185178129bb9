"""Read models for Today and Progress, each a fixed number of queries.

Today after a reroll or a rest day is built from the rows the write has just read, so the
answer to a tap costs no more than the tap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.core.time import local_today
from rejection.journal.models import CategoryTally, Outcome
from rejection.journal.scoring import day_counts
from rejection.progress.models import REROLLS_PER_DAY, DailyPick, Enrollment
from rejection.progress.picker import first_pick, saved_pick
from rejection.progress.services import (
    RecentDays,
    active_enrollment,
    recent_days,
    reroll_pick,
    rest_days_left,
    take_rest_day,
)


@dataclass(frozen=True)
class Today:
    date: dt.date
    enrollment: Enrollment | None
    day_number: int | None
    challenge: Challenge
    why: str
    done_today: bool
    asks_today: int
    rest_today: bool
    current_streak: int
    best_streak: int
    points: int
    rerolls_left: int
    rest_days_left: int

    @property
    def program_finished(self) -> bool:
        return self.enrollment is not None and self.enrollment.is_finished(self.date)


def today_for(user: Any, today: dt.date | None = None) -> Today:
    """Gather everything the Today page and `GET /today` show."""
    today = today or local_today(profile_for(user).timezone)
    enrollment = active_enrollment(user)
    daily = saved_pick(user, today) or first_pick(user, today, enrollment)
    return _today(user, today, enrollment, daily, recent_days(user, today))


def today_after_reroll(user: Any, today: dt.date) -> Today:
    """Swap today's challenge for another (see reroll_today) and show Today with it."""
    enrollment = active_enrollment(user)
    daily = reroll_pick(user, today, enrollment)
    return _today(user, today, enrollment, daily, recent_days(user, today))


def today_after_rest(user: Any, today: dt.date) -> Today:
    """Take today as a rest day (see take_rest_day) and show Today with it."""
    days = take_rest_day(user, today)
    enrollment = active_enrollment(user)
    daily = saved_pick(user, today) or first_pick(user, today, enrollment)
    return _today(user, today, enrollment, daily, days)


def _today(
    user: Any,
    today: dt.date,
    enrollment: Enrollment | None,
    daily: DailyPick,
    days: RecentDays,
) -> Today:
    """Build Today from what the caller has read: no query beyond the profile."""
    profile = profile_for(user)
    tally = days.today
    done = tally is not None and day_counts(tally.nos, tally.completed, profile.streak_mode)
    return Today(
        date=today,
        enrollment=enrollment,
        day_number=enrollment.day_number(today) if enrollment else None,
        challenge=daily.challenge,
        why=daily.why,
        done_today=done,
        asks_today=tally.asks if tally else 0,
        rest_today=bool(tally and tally.rest_day),
        current_streak=profile.streak_on(today),
        best_streak=profile.best_streak,
        points=profile.points,
        rerolls_left=REROLLS_PER_DAY - daily.rerolls_used,
        rest_days_left=days.rest_days_left,
    )


def _ratio(top: float, bottom: float) -> float | None:
    return round(top / bottom, 4) if bottom else None


def stats_for(user: Any) -> dict[str, Any]:
    """Return the Progress figures, as defined in the API contract, from the tallies.

    Category tallies hold the same sums as day tallies in a dozen rows, so this costs
    the same after ten asks or ten thousand.
    """
    profile = profile_for(user)
    today = local_today(profile.timezone)
    sums = CategoryTally.objects.filter(user=user).aggregate(
        **{
            name: Sum(name, default=0)
            for name in (
                *Outcome.values,
                "anxiety_before_sum",
                "anxiety_before_count",
                "anxiety_after_sum",
                "anxiety_after_count",
                "predicted_sum",
                "predicted_count",
            )
        }
    )
    totals = {outcome: sums[outcome] for outcome in Outcome.values}
    yeses = totals["accepted"] + totals["partial"]
    completed = yeses + totals["rejected"] + totals["no_response"]
    yes_rate = _ratio(yeses, completed)
    predicted = _ratio(sums["predicted_sum"], sums["predicted_count"] * 100)
    before = _ratio(sums["anxiety_before_sum"], sums["anxiety_before_count"])
    after = _ratio(sums["anxiety_after_sum"], sums["anxiety_after_count"])
    return {
        "totals_by_outcome": totals,
        "completed": completed,
        "points": profile.points,
        "current_streak": profile.streak_on(today),
        "best_streak": profile.best_streak,
        "yes_rate": yes_rate,
        "avg_anxiety_before": round(before, 2) if before is not None else None,
        "avg_anxiety_after": round(after, 2) if after is not None else None,
        "predicted_rejection_avg": predicted,
        "actual_rejection_rate": round(1 - yes_rate, 4) if yes_rate is not None else None,
    }


def profile_summary(user: Any) -> dict[str, Any]:
    """Return the profile as `GET /me` shows it: settings, points, streaks, rest days left."""
    profile = profile_for(user)
    today = local_today(profile.timezone)
    return {
        "username": user.get_username(),
        "display_name": profile.display_name,
        "timezone": profile.timezone,
        "streak_mode": profile.streak_mode,
        "points": profile.points,
        "current_streak": profile.streak_on(today),
        "best_streak": profile.best_streak,
        "freezes_left": rest_days_left(user, today),
    }
