"""The classic game's points: 10 for a no, 1 for a yes or half a yes, 0 for not asking.

A pending ask scores when its answer is recorded; an ask in progress when it is finished.
"""

from __future__ import annotations

from rejection.journal.models import Outcome

POINTS: dict[str, int] = {
    Outcome.REJECTED: 10,
    Outcome.NO_RESPONSE: 10,
    Outcome.PARTIAL: 1,
    Outcome.ACCEPTED: 1,
    Outcome.PENDING: 0,  # scores when its answer is recorded
    Outcome.AVOIDED: 0,
    Outcome.IN_PROGRESS: 0,  # not an attempt until it is finished
}


def points_for(outcome: str) -> int:
    """Return the points an outcome earns under the default rules."""
    return POINTS[outcome]
