"""The coach learns from each new ask, inside the transaction that logs it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from rejection.coach.state import learn_from
from rejection.journal.signals import attempt_changed


@receiver(attempt_changed, dispatch_uid="coach-learns")
def learn(sender: Any, user: Any, attempt: Any, action: str, **kwargs: Any) -> None:
    # Only first reports teach the model; edits would count one ask twice.
    if action == "created":
        learn_from(user, attempt)
