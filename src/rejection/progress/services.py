"""Programs, rerolls and rest days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rejection.core.errors import Conflict
from rejection.journal.counters import lock_user, refresh_counters
from rejection.journal.models import DayTally
from rejection.progress.models import (
    REROLLS_PER_DAY,
    REST_DAYS_PER_30,
    DailyPick,
    Enrollment,
    Program,
)
from rejection.progress.picker import choose, pick_today

MAX_CUSTOM_DAYS = 365

__all__ = ["Conflict", "reroll_today", "start_program", "take_rest_day"]


def active_enrollment(user: Any) -> Enrollment | None:
    return Enrollment.objects.select_related("program").filter(user=user, active=True).first()


def start_program(
    user: Any, slug: str, today: dt.date, length_days: int | None = None
) -> Enrollment:
    """Start a program with today as Day 1, ending any program already running."""
    program = (
        Program.objects.filter(slug=slug).first() if slug.isascii() and "\x00" not in slug else None
    )
    if program is None:
        raise Program.DoesNotExist(slug)
    if program.length_days is None:
        if length_days is None:
            raise ValidationError({"length_days": ["Choose how many days, from 1 to 365."]})
        if (
            isinstance(length_days, bool)
            or not isinstance(length_days, int)
            or not 1 <= length_days <= MAX_CUSTOM_DAYS
        ):
            raise ValidationError(
                {"length_days": [f"Choose a whole number of days from 1 to {MAX_CUSTOM_DAYS}."]}
            )
        length = length_days
    else:
        length = program.length_days
    with transaction.atomic():
        lock_user(user)
        Enrollment.objects.filter(user=user, active=True).update(active=False)
        enrollment = Enrollment.objects.create(
            user=user, program=program, length_days=length, start_date=today
        )
    return enrollment


def reroll_today(user: Any, today: dt.date) -> DailyPick:
    """Swap today's challenge for another, up to three times a day."""
    pick_today(user, today)
    with transaction.atomic():
        lock_user(user)
        daily = DailyPick.objects.select_for_update().get(user=user, local_date=today)
        if daily.rerolls_used >= REROLLS_PER_DAY:
            raise Conflict(
                "no_rerolls_left", "That was today's last new card. Tomorrow brings three more."
            )
        skipped = [*daily.skipped, daily.challenge_id]
        pick = choose(
            user, today, active_enrollment(user), exclude=set(skipped), salt=daily.rerolls_used + 1
        )
        daily.challenge = pick.challenge
        daily.why = pick.why
        daily.skipped = skipped
        daily.rerolls_used += 1
        daily.save()
    return daily


def freezes_left(user: Any, today: dt.date) -> int:
    """Return the rest days still available in the 30 days ending today."""
    window_start = today - dt.timedelta(days=29)
    used = DayTally.objects.filter(
        user=user, rest_day=True, local_date__gte=window_start, local_date__lte=today
    ).count()
    return max(REST_DAYS_PER_30 - used, 0)


def take_rest_day(user: Any, today: dt.date) -> DayTally:
    """Mark today a rest day, which keeps the streak alive; two are allowed per 30 days."""
    with transaction.atomic():
        lock_user(user)
        tally = DayTally.objects.filter(user=user, local_date=today).first()
        if tally is not None and tally.rest_day:
            raise Conflict("already_resting", "Today is already a rest day. Enjoy it.")
        if freezes_left(user, today) == 0:
            raise Conflict(
                "no_rest_days_left",
                f"You have used your {REST_DAYS_PER_30} rest days for these 30 days.",
            )
        if tally is None:
            tally = DayTally.objects.create(user=user, local_date=today, rest_day=True)
        else:
            tally.rest_day = True
            tally.save(update_fields=["rest_day"])
        refresh_counters(user)
    return tally
