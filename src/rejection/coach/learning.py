"""Learning from one logged ask, exactly once, wherever and however often the job runs."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from rejection.coach.models import LearnedAttempt
from rejection.coach.state import learn_from
from rejection.journal.counters import lock_and_bump
from rejection.journal.models import Attempt


def learn_once(attempt_id: int) -> bool:
    """Teach the coach from this ask unless it already has; say whether it learned."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_related("user", "challenge__category")
            .filter(pk=attempt_id)
            .first()
        )
        if attempt is None:  # deleted before the job ran: nothing left to learn from
            return False
        # The user's write lock first (the same one logging takes, so the order never
        # inverts); it serialises this user's coach state. The challenge's rating row,
        # shared by everyone, is locked last, inside learn_from, and held only briefly.
        # The lock also bumps the data version: the comfort levels moved, so the ladder
        # kept for this person is redrawn.
        lock_and_bump(attempt.user)
        # The marker and the learning commit together: a second delivery, or a second
        # consumer racing this one, trips the marker's primary key and stops.
        try:
            with transaction.atomic():
                LearnedAttempt.objects.create(attempt=attempt)
        except IntegrityError:
            return False
        learn_from(attempt.user, attempt)
        return True
