"""Programs, rerolls and rest days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from rejection.core.errors import Conflict, NotFound
from rejection.journal.counters import (
    lock_and_bump,
    lock_and_read,
    save_counters,
    with_rest_day,
)
from rejection.journal.models import DayTally
from rejection.progress.contracts import MAX_CUSTOM_DAYS, ProgramStart
from rejection.progress.models import REST_DAYS_PER_30, Enrollment, Program

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REST_WINDOW_DAYS = 30

__all__ = ["Conflict", "start_program", "take_rest_day"]


def active_enrollment(user: User) -> Enrollment | None:
    return Enrollment.objects.select_related("program").filter(user=user, active=True).first()


def start_program(user: User, slug: str, today: dt.date, start: ProgramStart) -> Enrollment:
    """Start a program with today as Day 1, ending any program already running."""
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        raise NotFound("There is no program by that name.", field="program")
    length = program.length_days or start.length_days
    if length is None:
        raise Conflict(
            "length_needed", f"Choose how many days, from 1 to {MAX_CUSTOM_DAYS}.", "length_days"
        )
    with transaction.atomic():
        lock_and_bump(user)  # Today shows the program: its cached copy must go
        Enrollment.objects.filter(user=user, active=True).update(active=False)
        enrollment = Enrollment.objects.create(
            user=user, program=program, length_days=length, start_date=today
        )
    return enrollment


@dataclass(frozen=True)
class RecentDays:
    """Today's tally, if there is one, and the rest days of the 30 days ending today."""

    today: DayTally | None
    rest_days: int

    @property
    def rest_days_left(self) -> int:
        return max(REST_DAYS_PER_30 - self.rest_days, 0)


def recent_days(user: User, today: dt.date) -> RecentDays:
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


def rest_days_left(user: User, today: dt.date) -> int:
    """Return the rest days still available in the 30 days ending today."""
    return recent_days(user, today).rest_days_left


def take_rest_day(user: User, today: dt.date) -> RecentDays:
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
