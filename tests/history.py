"""Bulk, realistic-looking histories for scale tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

OUTCOMES = ["rejected"] * 4 + ["no_response", "partial", "accepted", "accepted", "avoided"]


def bulk_history(user: Any, count: int, zone: str = "Europe/Berlin") -> None:
    """Give user `count` attempts spread back in time, then rebuild their tallies."""
    from rejection.challenges.models import Challenge
    from rejection.core.time import local_date
    from rejection.journal.counters import rebuild_user
    from rejection.journal.models import Attempt
    from rejection.journal.points import points_for

    rng = random.Random(f"{user.pk}:{count}")
    deck = list(Challenge.objects.values_list("id", flat=True))
    now = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(count):
        moment = now - dt.timedelta(hours=n * 7 + rng.randint(0, 6))
        outcome = rng.choice(OUTCOMES)
        rows.append(
            Attempt(
                user=user,
                challenge_id=rng.choice(deck) if deck and n % 5 else None,
                ask="" if deck and n % 5 else f"My own ask {n}",
                outcome=outcome,
                occurred_at=moment,
                local_date=local_date(moment, zone),
                anxiety_before=rng.randint(2, 9),
                anxiety_after=rng.randint(0, 6),
                predicted_rejection=rng.randint(30, 95),
                what_happened="It went fine.",
                points=points_for(outcome),
                starred=n % 50 == 0,
            )
        )
    Attempt.objects.bulk_create(rows, batch_size=1000)
    rebuild_user(user)
