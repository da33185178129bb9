"""Finding a user's attempts: the one filter the journal page and the API share."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Case, Q, QuerySet, Value, When

from rejection.journal.models import Attempt, Outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def find_attempts(
    user: User,
    *,
    outcome: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    text: str | None = None,
) -> QuerySet[Attempt]:
    """Return the user's own attempts matching every filter given (dates are local days)."""
    rows = Attempt.objects.filter(user=user).select_related("challenge__category")
    if outcome:
        rows = rows.filter(outcome=outcome)
    if category:
        rows = rows.filter(challenge__category__slug=category)
    if date_from is not None:
        rows = rows.filter(local_date__gte=date_from)
    if date_to is not None:
        rows = rows.filter(local_date__lte=date_to)
    if text := (text or "").strip():
        rows = rows.filter(
            Q(ask__icontains=text)
            | Q(challenge__title__icontains=text)
            | Q(feared_outcome__icontains=text)
            | Q(what_happened__icontains=text)
            | Q(learned__icontains=text)
            | Q(tags__icontains=text)
        )
    return rows


# Enough to show what is open and what was done today; more open asks wait in the journal.
TODAY_ROWS = 6


def open_and_today(user: User, today: dt.date) -> list[Attempt]:
    """Return the asks still in progress (any day, oldest first), then today's latest (one query).

    An ask left in progress past its own day stays open here until the person finishes it:
    nothing resolves it for them.
    """
    open_first = Case(When(outcome=Outcome.IN_PROGRESS, then=Value(0)), default=Value(1))
    return list(
        Attempt.objects.filter(Q(outcome=Outcome.IN_PROGRESS) | Q(local_date=today), user=user)
        .select_related("challenge__category")
        .order_by(open_first.asc(), "-occurred_at", "-id")[:TODAY_ROWS]
    )
