"""Logging, editing and deleting an ask: the journal write, then milestones, then the coach.

Each function is the whole use case in one transaction: the journal saves the ask and
recounts the person's tallies, milestones are awarded from the figures that write read
under its lock (no second query), and the coach's learning is queued for after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction

from rejection.coach.tasks import learn_later
from rejection.journal import services as journal
from rejection.journal.contracts import AskChanges, NewAsk
from rejection.journal.models import Attempt, Outcome
from rejection.progress import milestones

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Logged:
    """What the faces show after an ask is logged."""

    attempt: Attempt | None  # None when a replayed ask has since been deleted
    created: bool  # False: a repeated Idempotency-Key, answered with the first result
    body: dict[str, Any]  # the ask as the API shows it
    earned: list[dict[str, str]] = field(default_factory=list)  # milestones just reached


@dataclass(frozen=True)
class Edited:
    attempt: Attempt
    earned: list[dict[str, str]]


def log_ask(user: User, ask: NewAsk, idempotency_key: str | None = None) -> Logged:
    """Log one ask: save it, award what it earned, and let the coach learn from it."""
    with transaction.atomic():
        recorded = journal.record_ask(user, ask, idempotency_key, milestones.WRITE_FIGURES)
        if not recorded.created or recorded.attempt is None or recorded.snapshot is None:
            return Logged(recorded.attempt, created=False, body=recorded.body)
        earned = milestones.award_for_attempt(user, recorded.attempt, recorded.snapshot)
        learn_later(recorded.attempt)
    return Logged(recorded.attempt, created=True, body=recorded.body, earned=earned)


def edit_ask(user: User, attempt: Attempt, changes: AskChanges) -> Edited:
    """Change an ask (recording a pending one's answer resolves it); award what it earned.

    Finishing an ask that was in progress is when it becomes an attempt: the coach learns
    from it then, as it would from an ask logged in one step.
    """
    was_open = attempt.outcome == Outcome.IN_PROGRESS
    with transaction.atomic():
        changed = journal.change_ask(user, attempt, changes, milestones.WRITE_FIGURES)
        earned = milestones.award_for_attempt(user, changed.attempt, changed.snapshot)
        if was_open and changed.attempt.outcome != Outcome.IN_PROGRESS:
            learn_later(changed.attempt)
    return Edited(changed.attempt, earned)


def delete_ask(user: User, attempt: Attempt) -> list[dict[str, str]]:
    """Delete an ask; milestones it explained are re-checked against what is left."""
    with transaction.atomic():
        removed = journal.remove_ask(user, attempt)
        return milestones.award_after_delete(user, removed.attempt_id, removed.snapshot)
