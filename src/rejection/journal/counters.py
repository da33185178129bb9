"""Day tallies and profile counters, updated in the same transaction as each write.

Pages and the API read these instead of scanning every attempt, so their cost
stays flat however long a user keeps going.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum

from rejection.accounts.models import Profile
from rejection.journal.models import COMPLETED_OUTCOMES, Attempt, CategoryTally, DayTally, Outcome
from rejection.journal.scoring import day_counts, streaks


def lock_user(user: Any) -> None:
    """Serialise one user's writes (PostgreSQL row lock; SQLite's IMMEDIATE does it already)."""
    Profile.objects.select_for_update().filter(user=user).values_list("pk", flat=True).first()


def _outcome_figures(rows: Any, **more: Any) -> dict[str, int]:
    completed = Q(outcome__in=COMPLETED_OUTCOMES)
    return rows.aggregate(
        asks=Count("id"),
        **{outcome: Count("id", filter=Q(outcome=outcome)) for outcome in Outcome.values},
        predicted_sum=Sum("predicted_rejection", filter=completed, default=0),
        predicted_count=Count("predicted_rejection", filter=completed),
        anxiety_before_sum=Sum("anxiety_before", default=0),
        anxiety_before_count=Count("anxiety_before"),
        anxiety_after_sum=Sum("anxiety_after", default=0),
        anxiety_after_count=Count("anxiety_after"),
        **more,
    )


def category_of(attempt: Attempt) -> str:
    """Return the category slug an attempt is tallied under ("" for free text)."""
    challenge = attempt.challenge
    return challenge.category.slug if challenge is not None else ""


def recount_category(user: Any, slug: str) -> None:
    """Recompute one category's tally from the user's attempts in it."""
    rows = Attempt.objects.filter(user=user)
    rows = (
        rows.filter(challenge__category__slug=slug) if slug else rows.filter(challenge__isnull=True)
    )
    figures = _outcome_figures(rows)
    if figures["asks"] == 0:
        CategoryTally.objects.filter(user=user, category_slug=slug).delete()
    else:
        CategoryTally.objects.update_or_create(user=user, category_slug=slug, defaults=figures)


def apply_change(user: Any, days: set[dt.date], categories: set[str]) -> Profile:
    """Bring the tallies of the touched days and categories, and the counters, up to date."""
    for day in days:
        recount_day(user, day)
    for slug in categories:
        recount_category(user, slug)
    return refresh_counters(user)


def recount_day(user: Any, local_date: dt.date) -> None:
    """Recompute one day's tally from that day's attempts, keeping its rest-day flag."""
    mine = Attempt.objects.filter(user=user, local_date=local_date)
    figures = _outcome_figures(mine, points=Sum("points", default=0))
    tally = DayTally.objects.filter(user=user, local_date=local_date).first()
    if tally is None:
        if figures["asks"] == 0:
            return
        tally = DayTally(user=user, local_date=local_date)
    elif figures["asks"] == 0 and not tally.rest_day:
        tally.delete()
        return
    for name, value in figures.items():
        setattr(tally, name, value)
    tally.save()


def refresh_counters(user: Any) -> Profile:
    """Recompute points and streaks on the profile from the day tallies."""
    profile = Profile.objects.get(user=user)
    rows = DayTally.objects.filter(user=user).values_list(
        "local_date", "rejected", "no_response", "accepted", "partial", "rest_day", "points"
    )
    days = []
    points = 0
    for local_date, rejected, no_response, accepted, partial, rest_day, day_points in rows:
        points += day_points
        nos = rejected + no_response
        counts = day_counts(nos, nos + accepted + partial, profile.streak_mode)
        days.append((local_date, counts, rest_day))
    state = streaks(days)
    profile.points = points
    profile.current_streak = state.current
    profile.best_streak = state.best
    profile.streak_alive_through = state.alive_through
    profile.data_version += 1
    profile.save(
        update_fields=[
            "points",
            "current_streak",
            "best_streak",
            "streak_alive_through",
            "data_version",
        ]
    )
    user.profile = profile
    return profile


def rebuild_user(user: Any) -> Profile:
    """Rebuild every tally and counter of one user from their attempts alone."""
    from django.db import transaction

    with transaction.atomic():
        rest_days = set(
            DayTally.objects.filter(user=user, rest_day=True).values_list("local_date", flat=True)
        )
        DayTally.objects.filter(user=user).delete()
        CategoryTally.objects.filter(user=user).delete()
        DayTally.objects.bulk_create(
            [DayTally(user=user, local_date=day, rest_day=True) for day in rest_days]
        )
        mine = Attempt.objects.filter(user=user)
        days = set(mine.values_list("local_date", flat=True))
        categories = {
            slug or "" for slug in mine.values_list("challenge__category__slug", flat=True)
        }
        return apply_change(user, days, categories)
