"""Today's challenge: the one picker every face calls.

This first version climbs gently through the deck over the program; the adaptive
coach (a later issue) replaces `choose` without any face changing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt
from rejection.progress.models import DailyPick, Enrollment

NO_REPEAT_DAYS = 30
DEFAULT_PICKER = "rejection.progress.picker.choose_by_program"
EASIEST_TARGET = 2
HARDEST_TARGET = 7
OPEN_TARGET = 3  # no program running: an easy, friendly start


@dataclass(frozen=True)
class Pick:
    challenge: Challenge
    why: str


def target_difficulty(enrollment: Enrollment | None, today: dt.date) -> int:
    """Return the difficulty to aim at: rising from 2 on Day 1 to 7 on the last day."""
    if enrollment is None:
        return OPEN_TARGET
    day = min(max(enrollment.day_number(today), 1), enrollment.length_days)
    share = (day - 1) / max(enrollment.length_days - 1, 1)
    return round(EASIEST_TARGET + share * (HARDEST_TARGET - EASIEST_TARGET))


def recent_challenges(user: Any, today: dt.date) -> QuerySet[Any]:
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


def recent_challenge_ids(user: Any, today: dt.date) -> set[int]:
    """Return the challenges the user attempted or was offered in the last 30 days."""
    return {pk for (pk,) in recent_challenges(user, today)}


def choose(
    user: Any, today: dt.date, enrollment: Enrollment | None, exclude: set[int], salt: int
) -> Pick:
    """Choose with the configured picker (settings.REJECTION_PICKER): the adaptive coach."""
    strategy = import_string(getattr(settings, "REJECTION_PICKER", DEFAULT_PICKER))
    return strategy(user, today, enrollment, exclude, salt)


def choose_by_program(
    user: Any, today: dt.date, enrollment: Enrollment | None, exclude: set[int], salt: int
) -> Pick:
    """Choose a challenge near the program's target that the user has not met in 30 days."""
    recent = recent_challenge_ids(user, today)
    target = target_difficulty(enrollment, today)
    pool = list(
        Challenge.objects.usable_by_coach(user).values_list("id", "difficulty").order_by("id")
    )
    if not pool:
        raise LookupError("The challenge deck is empty; run `manage.py loaddeck`.")
    fresh = [(cid, level) for cid, level in pool if cid not in recent and cid not in exclude]
    # Widen the band step by step so a small or well-worn deck still yields a pick.
    for width in range(0, 10):
        band = [cid for cid, level in fresh if abs(level - target) <= width]
        if len(band) >= 3 or (band and width >= 2):
            break
    else:
        band = [cid for cid, _ in pool if cid not in exclude] or [cid for cid, _ in pool]
    rng = random.Random(f"{user.pk}:{today.isoformat()}:{salt}")
    chosen = Challenge.objects.select_related("category").get(pk=rng.choice(band))
    return Pick(challenge=chosen, why=explain(enrollment, today))


def explain(enrollment: Enrollment | None, today: dt.date) -> str:
    """Return the one-line reason shown under today's challenge."""
    if enrollment is None:
        return "A friendly place to start."
    day = enrollment.day_number(today)
    target = target_difficulty(enrollment, today)
    return f"Day {day} of {enrollment.length_days}: about difficulty {target}, one small step up."


def saved_pick(user: Any, today: dt.date) -> DailyPick | None:
    """Return today's pick if it was chosen already, with its challenge and category."""
    return (
        DailyPick.objects.select_related("challenge__category")
        .filter(user=user, local_date=today)
        .first()
    )


def save_new_pick(
    user: Any, today: dt.date, pick: Pick, rerolls_used: int = 0
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


def first_pick(user: Any, today: dt.date, enrollment: Enrollment | None) -> DailyPick:
    """Choose and save today's challenge on the first look of the day."""
    daily, _ = save_new_pick(user, today, choose(user, today, enrollment, exclude=set(), salt=0))
    return daily


def pick_today(user: Any, today: dt.date) -> Pick:
    """Return today's challenge, choosing and saving it on the first look of the day."""
    daily = saved_pick(user, today)
    if daily is None:
        enrollment = Enrollment.objects.filter(user=user, active=True).first()
        daily = first_pick(user, today, enrollment)
    return Pick(challenge=daily.challenge, why=daily.why)
