"""Today: the card the coach picks for the person's local day, rerolls, and the rest day.

`pick_today` is the one picker every face reaches: the coach chooses (`coach.picker.choose`)
and progress keeps the answer, once per local day, so the card stays put all day. Today
after a reroll or a rest day is built from the rows the write has just read, so the
answer to a tap costs no more than the tap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from rejection.accounts.days import user_today
from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.coach.picker import choose
from rejection.core.errors import Conflict
from rejection.journal.counters import lock_and_bump
from rejection.journal.models import Attempt, Outcome
from rejection.journal.queries import open_and_today
from rejection.journal.streaks import day_counts
from rejection.progress.models import REROLLS_PER_DAY, DailyPick, Enrollment
from rejection.progress.picks import Pick, save_new_pick, saved_pick
from rejection.progress.services import RecentDays, active_enrollment, recent_days, take_rest_day

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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


def _first_pick(user: User, today: dt.date, enrollment: Enrollment | None) -> DailyPick:
    """Choose and keep today's card on the first look of the day."""
    daily, _ = save_new_pick(user, today, choose(user, today, enrollment, exclude=set(), salt=0))
    return daily


def _daily(user: User, today: dt.date, enrollment: Enrollment | None) -> DailyPick:
    return saved_pick(user, today) or _first_pick(user, today, enrollment)


def pick_today(user: User, today: dt.date) -> Pick:
    """Return today's challenge, choosing and keeping it on the first look of the day."""
    daily = _daily(user, today, active_enrollment(user))
    return Pick(challenge=daily.challenge, why=daily.why)


def reroll_pick(user: User, today: dt.date, enrollment: Enrollment | None) -> DailyPick:
    """Swap today's challenge for another, up to three times a day.

    The pick's row lock serialises rerolls, so two taps never spend one reroll twice.
    """
    with transaction.atomic():
        lock_and_bump(user)  # the card on Today changes: its cached copy must go
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


def reroll_today(user: User, today: dt.date) -> DailyPick:
    """Swap today's challenge for another (see reroll_pick)."""
    return reroll_pick(user, today, active_enrollment(user))


@dataclass(frozen=True)
class TodaysAsks:
    """The asks Today shows beside the card: those still in progress, and the latest done."""

    open: list[Attempt]
    latest: Attempt | None  # the latest finished ask of the day

    @property
    def stale(self) -> list[Attempt]:
        """Asks started on an earlier day and never finished: the person says how they went."""
        return [ask for ask in self.open if self._before_today(ask)]

    @property
    def current(self) -> Attempt | None:
        """The ask started today and still in progress, if any (the newest)."""
        fresh = [ask for ask in self.open if not self._before_today(ask)]
        return fresh[0] if fresh else None

    def _before_today(self, ask: Attempt) -> bool:
        return self.day is not None and ask.local_date < self.day

    day: dt.date | None = None


def todays_asks(user: User, today: dt.date) -> TodaysAsks:
    """Read the asks in progress and today's latest finished one (one query)."""
    rows = open_and_today(user, today)
    started = [row for row in rows if row.outcome == Outcome.IN_PROGRESS]
    done = [row for row in rows if row.outcome != Outcome.IN_PROGRESS]
    return TodaysAsks(open=started, latest=done[0] if done else None, day=today)


def today_for(user: User, today: dt.date | None = None) -> Today:
    """Gather everything the Today page and `GET /today` show."""
    today = today or user_today(user)
    enrollment = active_enrollment(user)
    daily = _daily(user, today, enrollment)
    return _today(user, today, enrollment, daily, recent_days(user, today))


def today_after_reroll(user: User, today: dt.date) -> Today:
    """Swap today's challenge for another (see reroll_pick) and show Today with it."""
    enrollment = active_enrollment(user)
    daily = reroll_pick(user, today, enrollment)
    return _today(user, today, enrollment, daily, recent_days(user, today))


def today_after_rest(user: User, today: dt.date) -> Today:
    """Take today as a rest day (see take_rest_day) and show Today with it."""
    days = take_rest_day(user, today)
    enrollment = active_enrollment(user)
    return _today(user, today, enrollment, _daily(user, today, enrollment), days)


def _today(
    user: User,
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
