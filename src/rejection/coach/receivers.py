"""The coach learns from each new ask, inside the transaction that logs it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from rejection.challenges.models import Challenge
from rejection.coach.state import learn_from, sync_rating
from rejection.journal.signals import attempt_changed


@receiver(attempt_changed, dispatch_uid="coach-learns")
def learn(sender: Any, user: Any, attempt: Any, action: str, **kwargs: Any) -> None:
    # Only first reports teach the model; edits would count one ask twice.
    if action == "created":
        learn_from(user, attempt)


@receiver(post_save, sender=Challenge, dispatch_uid="coach-rates-new-challenges")
def rate_new_challenge(sender: Any, instance: Challenge, **kwargs: Any) -> None:
    # Every challenge has a rating row from the start, so the picker needs no outer join.
    sync_rating(instance)
