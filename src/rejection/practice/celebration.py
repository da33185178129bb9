"""What the celebration after a logged ask shows: the figures that make the fear worth it.

A no is celebrated at least as much as a yes; an avoided ask gets kindness, not a
reward; an ask still waiting for its answer gets thanks for asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rejection.accounts.services import profile_for
from rejection.journal.models import NO_OUTCOMES, YES_OUTCOMES, Attempt, Outcome
from rejection.progress.milestones import milestone_board

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NO, YES, WAITING, AVOIDED, OPEN = "no", "yes", "waiting", "avoided", "open"


@dataclass(frozen=True)
class Celebration:
    attempt: Attempt
    kind: str  # no | yes | waiting | avoided | open
    streak: int
    points_total: int
    next_milestone: dict[str, Any] | None

    @property
    def nerves(self) -> tuple[int, int] | None:
        """Nerves before and after, when both were given."""
        before, after = self.attempt.anxiety_before, self.attempt.anxiety_after
        return None if before is None or after is None else (before, after)

    @property
    def prediction(self) -> int | None:
        """The chance of a no the person expected, when the ask has an answer to check it by."""
        if self.kind not in (NO, YES):
            return None
        return self.attempt.predicted_rejection


def kind_of(outcome: str) -> str:
    if outcome in NO_OUTCOMES:
        return NO
    if outcome in YES_OUTCOMES:
        return YES
    if outcome == Outcome.PENDING:
        return WAITING
    if outcome == Outcome.IN_PROGRESS:
        return OPEN
    return AVOIDED


def celebration_for(user: User, attempt: Attempt) -> Celebration:
    """Gather the celebration of one logged ask (three queries: profile, badges, tallies)."""
    profile = profile_for(user)
    board = milestone_board(user)
    return Celebration(
        attempt=attempt,
        kind=kind_of(attempt.outcome),
        streak=profile.current_streak,
        points_total=profile.points,
        next_milestone=board.next,
    )
