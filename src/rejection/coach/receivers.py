"""The coach learns from each new ask, in a background job queued when the ask is saved.

Off the request path because a challenge's rating row is shared: many people logging
the same deck card at once would queue on one row lock inside their requests.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from rejection.challenges.models import Challenge
from rejection.coach.state import sync_rating, teaches
from rejection.coach.tasks import learn_from_attempt
from rejection.core.jobs import enqueue_after_commit
from rejection.journal.signals import attempt_changed


@receiver(attempt_changed, dispatch_uid="coach-learns")
def learn(sender: Any, user: Any, attempt: Any, action: str, **kwargs: Any) -> None:
    # Only first reports teach the model; edits would count one ask twice.
    if action == "created" and teaches(attempt):
        enqueue_after_commit(learn_from_attempt, attempt.pk)


@receiver(post_save, sender=Challenge, dispatch_uid="coach-rates-new-challenges")
def rate_new_challenge(sender: Any, instance: Challenge, **kwargs: Any) -> None:
    # Every challenge has a rating row from the start, so the picker needs no outer join.
    sync_rating(instance)
