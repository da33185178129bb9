"""Editing and deleting your own challenge: the challenge, then the tallies that count by it.

A journal's category tallies count asks by their challenge's category, so moving a challenge
to another category, or deleting it (its asks keep its title as their words), recounts the
two categories in the same transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from rejection.challenges.contracts import ChallengeChanges
from rejection.challenges.models import Challenge
from rejection.challenges.services import edit_custom_challenge, own_for_change
from rejection.journal.counters import apply_change, lock_user
from rejection.journal.models import ASK_LIMIT, Attempt

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def edit_challenge(user: User, challenge_id: int, changes: ChallengeChanges) -> Challenge:
    """Change the user's own challenge; recount their tallies if its category moved."""
    with transaction.atomic():
        lock_user(user)
        before = (
            Challenge.objects.filter(pk=challenge_id, author_id=user.pk)
            .values_list("category__slug", flat=True)
            .first()
        )
        challenge = edit_custom_challenge(user, challenge_id, changes)
        after = challenge.category.slug
        if before is not None and before != after and _used(user, challenge.pk):
            apply_change(user, set(), {before, after})
    return Challenge.objects.select_related("category").get(pk=challenge.pk)


def delete_challenge(user: User, challenge_id: int) -> None:
    """Delete the user's own challenge; its asks stay in the journal under its title."""
    with transaction.atomic():
        lock_user(user)
        challenge = own_for_change(user, challenge_id)
        slug = challenge.category.slug
        used = Attempt.objects.filter(challenge=challenge)
        had_asks = used.filter(ask="").update(ask=challenge.title[:ASK_LIMIT]) > 0
        had_asks = had_asks or used.exists()
        challenge.delete()
        if had_asks:
            apply_change(user, set(), {slug, ""})


def _used(user: User, challenge_id: int) -> bool:
    return Attempt.objects.filter(user=user, challenge_id=challenge_id).exists()
