"""Finding challenges: the one filter the deck page, the API and the CLI share."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from rejection.challenges.models import Challenge, ChallengeQuerySet


def find_challenges(
    user: Any,
    *,
    category: str | None = None,
    difficulty_min: int | None = None,
    difficulty_max: int | None = None,
    text: str | None = None,
) -> ChallengeQuerySet:
    """Return the challenges the user may see that match every filter given."""
    rows = Challenge.objects.visible_to(user).select_related("category")
    if category:
        rows = rows.filter(category__slug=category)
    if difficulty_min is not None:
        rows = rows.filter(difficulty__gte=difficulty_min)
    if difficulty_max is not None:
        rows = rows.filter(difficulty__lte=difficulty_max)
    if text := (text or "").strip():
        rows = rows.filter(
            Q(title__icontains=text)
            | Q(script__icontains=text)
            | Q(where__icontains=text)
            | Q(tags__icontains=text)
        )
    return rows
