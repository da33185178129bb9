"""Today's pick as it is kept: one card per local day, and what was offered lately.

Choosing the card is the coach's (`coach.picker.choose`); `practice.today.pick_today`
calls it by name and keeps its answer here, so the day's card stays put.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt
from rejection.progress.models import DailyPick

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NO_REPEAT_DAYS = 30


@dataclass(frozen=True)
class Pick:
    challenge: Challenge
    why: str


def recent_challenges(user: User, today: dt.date) -> QuerySet[Any]:
    """Return, as one query, the challenges attempted or offered in the last 30 days."""
    since = today - dt.timedelta(days=NO_REPEAT_DAYS)
    attempted = (
        Attempt.objects.filter(user=user, local_date__gte=since, challenge__isnull=False)
        .values_list("challenge_id")
        .order_by()
    )
    offered = (
        DailyPick.objects.filter(user=user, local_date__gte=since, local_date__lt=today)
        .values_list("challenge_id")
        .order_by()
    )
    return attempted.union(offered, all=True)


def recent_challenge_ids(user: User, today: dt.date) -> set[int]:
    """Return the challenges the user attempted or was offered in the last 30 days."""
    return {pk for (pk,) in recent_challenges(user, today)}


def saved_pick(user: User, today: dt.date) -> DailyPick | None:
    """Return today's pick if it was chosen already, with its challenge and category."""
    return (
        DailyPick.objects.select_related("challenge__category")
        .filter(user=user, local_date=today)
        .first()
    )


def save_new_pick(
    user: User, today: dt.date, pick: Pick, rerolls_used: int = 0
) -> tuple[DailyPick, bool]:
    """Save a first pick for today; return it and True, or the pick already saved and False."""
    daily = DailyPick(
        user=user,
        local_date=today,
        challenge=pick.challenge,
        why=pick.why,
        rerolls_used=rerolls_used,
    )
    try:
        with transaction.atomic():
            daily.save(force_insert=True)
    except IntegrityError:  # a parallel request chose first; keep its choice so the day is stable
        return DailyPick.objects.select_related("challenge__category").get(
            user=user, local_date=today
        ), False
    return daily, True
