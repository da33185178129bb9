"""Programs, rerolls and rest days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from rejection.core.errors import Conflict
from rejection.journal.counters import lock_and_read, lock_user, save_counters, with_rest_day
from rejection.journal.models import DayTally
from rejection.progress.models import (
    REROLLS_PER_DAY,
    REST_DAYS_PER_30,
    DailyPick,
    Enrollment,
    Program,
)
from rejection.progress.picker import choose, save_new_pick

MAX_CUSTOM_DAYS = 365
REST_WINDOW_DAYS = 30

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
    return reroll_pick(user, today, active_enrollment(user))


def reroll_pick(user: Any, today: dt.date, enrollment: Enrollment | None) -> DailyPick:
    """Swap today's challenge for another, for a caller that has read the enrollment already.

    The pick's row lock serialises rerolls, so two taps never spend one reroll twice.
    """
    with transaction.atomic():
        daily = DailyPick.objects.select_for_update().filter(user=user, local_date=today).first()
        if daily is None:
            # The day turned since the card on screen was drawn: today's first card is the
            # new one, chosen once, and the tap still spends a reroll.
            pick = choose(user, today, enrollment, exclude=set(), salt=1)
            daily, created = save_new_pick(user, today, pick, rerolls_used=1)
            if created:
                return daily
            # A parallel first look saved a card meanwhile: reroll that one.
            daily = DailyPick.objects.select_for_update().get(pk=daily.pk)
        if daily.rerolls_used >= REROLLS_PER_DAY:
            raise Conflict(
                "no_rerolls_left", "That was today's last new card. Tomorrow brings three more."
            )
        skipped = [*daily.skipped, daily.challenge_id]
        pick = choose(user, today, enrollment, exclude=set(skipped), salt=daily.rerolls_used + 1)
        daily.challenge = pick.challenge
        daily.why = pick.why
        daily.skipped = skipped
        daily.rerolls_used += 1
        daily.save(update_fields=["challenge", "why", "skipped", "rerolls_used"])
    return daily


@dataclass(frozen=True)
class RecentDays:
    """Today's tally, if there is one, and the rest days of the 30 days ending today."""

    today: DayTally | None
    rest_days: int

    @property
    def rest_days_left(self) -> int:
        return max(REST_DAYS_PER_30 - self.rest_days, 0)


def recent_days(user: Any, today: dt.date) -> RecentDays:
    """Read today's tally and the rest days taken in the 30 days ending today, in one query."""
    window_start = today - dt.timedelta(days=REST_WINDOW_DAYS - 1)
    rows = list(
        DayTally.objects.filter(
            Q(local_date=today) | Q(rest_day=True),
            user=user,
            local_date__gte=window_start,
            local_date__lte=today,
        )
    )
    tally = next((row for row in rows if row.local_date == today), None)
    return RecentDays(today=tally, rest_days=sum(1 for row in rows if row.rest_day))


def rest_days_left(user: Any, today: dt.date) -> int:
    """Return the rest days still available in the 30 days ending today."""
    return recent_days(user, today).rest_days_left


def take_rest_day(user: Any, today: dt.date) -> RecentDays:
    """Mark today a rest day, which keeps the streak alive; two are allowed per 30 days.

    Returns the days as they stand afterwards, so Today can be shown without reading them again.
    """
    window_start = today - dt.timedelta(days=REST_WINDOW_DAYS - 1)
    with transaction.atomic():
        snapshot = lock_and_read(user)  # the lock, the profile and every day tally at once
        days = snapshot.before
        if today in days and days[today].rest_day:
            raise Conflict("already_resting", "Today is already a rest day. Enjoy it.")
        used = sum(
            1 for day, figures in days.items() if window_start <= day <= today and figures.rest_day
        )
        if used >= REST_DAYS_PER_30:
            raise Conflict(
                "no_rest_days_left",
                f"You have used your {REST_DAYS_PER_30} rest days for these 30 days.",
            )
        if today in days:
            tally = DayTally.objects.get(user=user, local_date=today)
            tally.rest_day = True
            tally.save(update_fields=["rest_day"])
        else:
            tally = DayTally.objects.create(user=user, local_date=today, rest_day=True)
        save_counters(with_rest_day(snapshot, today))
    return RecentDays(today=tally, rest_days=used + 1)
