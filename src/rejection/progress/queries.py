"""Read models for Progress and the profile, each a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Sum

from rejection.accounts.days import cached_until_change
from rejection.accounts.services import profile_for
from rejection.core.time import local_today
from rejection.journal.models import FINISHED_OUTCOMES, CategoryTally
from rejection.progress.services import (
    rest_days_left,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _ratio(top: float, bottom: float) -> float | None:
    return round(top / bottom, 4) if bottom else None


def stats_for(user: User) -> dict[str, Any]:
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
                *FINISHED_OUTCOMES,
                "anxiety_before_sum",
                "anxiety_before_count",
                "anxiety_after_sum",
                "anxiety_after_count",
                "predicted_sum",
                "predicted_count",
            )
        }
    )
    totals = {outcome: sums[outcome] for outcome in FINISHED_OUTCOMES}
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


def profile_summary(user: User) -> dict[str, Any]:
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
        # The one read of the profile's answer, kept until a write or a new day.
        "freezes_left": cached_until_change(
            user, "rest-days-left", lambda: rest_days_left(user, today)
        ),
    }
