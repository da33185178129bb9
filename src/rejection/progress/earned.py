"""When a badge was earned in a history written all at once (an import, the demo).

An ask logged today earns its badges today. An import or the demo writes months of asks in
one go; the badges that history earned are awarded by `award_from_history`, which knows
only that they are earned, so this replays the day tallies in date order and moves each new
badge to the local day it was first earned, with the time of that day's last ask. Three
queries, whatever the length of the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Max

from rejection.accounts.services import profile_for
from rejection.journal.models import Attempt, DayTally, Outcome
from rejection.journal.streaks import day_counts
from rejection.progress.milestones import BY_CODE, HARD_DIFFICULTY, Figures, busted
from rejection.progress.models import Badge

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def first_days(
    days: Iterable[DayTally], mode: str, first_hard: dt.date | None
) -> dict[str, dt.date]:
    """Replay day tallies oldest first; return the first day each milestone's figures held."""
    found: dict[str, dt.date] = {}
    nos = yeses = best = current = 0
    previous: dt.date | None = None
    month: dict[str, int] = {}
    month_start: dt.date | None = None
    beaten = False
    for tally in sorted(days, key=lambda t: t.local_date):
        day = tally.local_date
        nos += tally.nos
        yeses += tally.accepted + tally.partial
        counts = day_counts(tally.nos, tally.completed, mode)
        if counts or tally.rest_day:
            if previous is None or day != previous + dt.timedelta(days=1):
                current = 0
            current += 1 if counts else 0
            previous = day
            best = max(best, current)
        if day.replace(day=1) != month_start:
            month_start = day.replace(day=1)
            month = dict.fromkeys(("nos", "completed", "predicted_sum", "predicted_count"), 0)
        month["nos"] += tally.nos
        month["completed"] += tally.completed
        month["predicted_sum"] += tally.predicted_sum
        month["predicted_count"] += tally.predicted_count
        beaten = beaten or busted(month)
        hard = first_hard is not None and first_hard <= day
        figures = Figures(
            nos=nos,
            yeses=yeses,
            best_streak=best,
            hardest=HARD_DIFFICULTY if hard else 0,
            busted=beaten,
        )
        for code, milestone in BY_CODE.items():
            if code not in found and milestone.earned(figures):
                found[code] = day
    return found


def date_from_history(user: User, codes: Iterable[str]) -> int:
    """Move the named badges to the day the user's history first earned each; return how many."""
    codes = set(codes)
    if not codes:
        return 0
    tallies = list(DayTally.objects.filter(user=user))
    first_hard = (
        Attempt.objects.filter(user=user, challenge__difficulty__gte=HARD_DIFFICULTY)
        .exclude(outcome=Outcome.AVOIDED)
        .order_by("local_date")
        .values_list("local_date", flat=True)
        .first()
    )
    found = first_days(tallies, profile_for(user).streak_mode, first_hard)
    wanted = {code: day for code, day in found.items() if code in codes}
    if not wanted:
        return 0
    last_ask = dict(
        Attempt.objects.filter(user=user, local_date__in=set(wanted.values()))
        .order_by()
        .values("local_date")
        .annotate(at=Max("occurred_at"))
        .values_list("local_date", "at")
    )
    badges = list(Badge.objects.filter(user=user, code__in=wanted))
    for badge in badges:
        day = wanted[badge.code]
        badge.awarded_on = day
        badge.awarded_at = last_ask.get(day) or badge.awarded_at
    Badge.objects.bulk_update(badges, ["awarded_on", "awarded_at"])
    return len(badges)
