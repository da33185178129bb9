"""Read models for sharing: who may see an attempt's card, and what the card may say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from rejection.accounts.services import profile_for
from rejection.core.time import local_today
from rejection.journal.models import Attempt, Visibility
from rejection.progress.models import Enrollment


@dataclass(frozen=True)
class CardText:
    """Everything a card or caption may show, and nothing else: no name, notes or dates."""

    day: int | None
    ask: str
    outcome: str
    streak: int


def shareable_attempt(viewer: Any, pk: int, *, owner_only: bool = False) -> Attempt | None:
    """Return the attempt if the viewer may share or see its card, else None (a 404).

    The owner always may; anyone else, signed in or not, only when the attempt is public.
    "friends" acts like private until there is a friend graph to check it against.
    """
    mine = Q(user=viewer) if getattr(viewer, "is_authenticated", False) else Q(pk__in=[])
    allowed = mine if owner_only else mine | Q(visibility=Visibility.PUBLIC)
    return (
        Attempt.objects.select_related("challenge", "user__profile").filter(allowed, pk=pk).first()
    )


def program_day(user: Any, on: dt.date) -> int | None:
    """Return the day number of `on` in the user's latest program started by then, if inside it."""
    enrollment = (
        Enrollment.objects.filter(user=user, start_date__lte=on)
        .order_by("-start_date", "-started_at", "-id")
        .values_list("start_date", "length_days")
        .first()
    )
    if enrollment is None:
        return None
    start_date, length_days = enrollment
    day = (on - start_date).days + 1
    return day if day <= length_days else None


def card_text(attempt: Attempt) -> CardText:
    """Gather the four things a card shows: program day, the ask, its outcome, the streak."""
    profile = profile_for(attempt.user)
    return CardText(
        day=program_day(attempt.user_id, attempt.local_date),
        ask=attempt.title,
        outcome=attempt.outcome,
        streak=profile.streak_on(local_today(profile.timezone)),
    )
