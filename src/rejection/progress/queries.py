"""Read models for Today and Progress, each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.core.time import local_today
from rejection.journal.models import CategoryTally, DayTally, Outcome
from rejection.journal.scoring import day_counts
from rejection.progress.models import REROLLS_PER_DAY, DailyPick, Enrollment
from rejection.progress.picker import pick_today
from rejection.progress.services import active_enrollment, freezes_left


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
    freezes_left: int

    @property
    def program_finished(self) -> bool:
        return self.enrollment is not None and self.enrollment.is_finished(self.date)


def today_for(user: Any, today: dt.date | None = None) -> Today:
    """Gather everything the Today page and `GET /today` show."""
    profile = profile_for(user)
    today = today or local_today(profile.timezone)
    enrollment = active_enrollment(user)
    pick = pick_today(user, today)
    daily = (
        DailyPick.objects.filter(user=user, local_date=today)
        .values_list("rerolls_used", flat=True)
        .first()
    )
    tally = DayTally.objects.filter(user=user, local_date=today).first()
    done = tally is not None and day_counts(tally.nos, tally.completed, profile.streak_mode)
    return Today(
        date=today,
        enrollment=enrollment,
        day_number=enrollment.day_number(today) if enrollment else None,
        challenge=pick.challenge,
        why=pick.why,
        done_today=done,
        asks_today=tally.asks if tally else 0,
        rest_today=bool(tally and tally.rest_day),
        current_streak=profile.streak_on(today),
        best_streak=profile.best_streak,
        points=profile.points,
        rerolls_left=REROLLS_PER_DAY - (daily or 0),
        freezes_left=freezes_left(user, today),
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
        "freezes_left": freezes_left(user, today),
    }
