"""Reading and moving each user's comfort levels and each challenge's difficulty."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.models import ChallengeRating, CoachState, Intake
from rejection.journal.models import Attempt, Outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def levels_from_intake(intake: Intake | None) -> dict[str, float]:
    """Return starting levels: the intake's ratings, the default where none was given."""
    ratings = intake.ratings if intake is not None and not intake.skipped else {}
    return {area: float(ratings.get(area, model.DEFAULT_LEVEL)) for area in AREAS}


def state_for(user: User) -> CoachState:
    """Return the user's coach state, starting it from their intake on first use."""
    state = CoachState.objects.filter(user=user).first()
    if state is None:
        intake = Intake.objects.filter(user=user).first()
        state, _ = CoachState.objects.get_or_create(
            user=user, defaults={"levels": levels_from_intake(intake)}
        )
    return state


def sync_rating(challenge: Any) -> None:
    """Give a challenge its rating row, or refresh its area and unrated prior after an edit."""
    area = area_of(challenge.category.slug)
    rating = ChallengeRating.objects.filter(challenge=challenge).first()
    if rating is None:
        ChallengeRating.objects.create(
            challenge=challenge, area=area, difficulty=float(challenge.difficulty)
        )
    elif rating.area != area or (rating.count == 0 and rating.difficulty != challenge.difficulty):
        rating.area = area
        if rating.count == 0:  # still only the authored prior: follow the author
            rating.difficulty = float(challenge.difficulty)
        rating.save(update_fields=["area", "difficulty"])


def teaches(attempt: Attempt) -> bool:
    """Say whether the coach can learn from this ask: a card, and an answer or felt nerves.

    An ask in progress teaches nothing yet: it teaches once it is finished.
    """
    return (
        attempt.challenge_id is not None
        and attempt.outcome != Outcome.IN_PROGRESS
        and not (attempt.outcome == Outcome.PENDING and attempt.anxiety_before is None)
    )


def learn_from(user: User, attempt: Attempt) -> None:
    """Move the user's level for the ask's area and the challenge's difficulty."""
    challenge = attempt.challenge
    if challenge is None or not teaches(attempt):
        return
    area = area_of(challenge.category.slug)
    seen = model.Observation(
        done=attempt.outcome != Outcome.AVOIDED,
        anxiety_before=attempt.anxiety_before,
        anxiety_after=attempt.anxiety_after,
    )
    state = state_for(user)
    level = float(state.levels.get(area, model.DEFAULT_LEVEL))
    rating = ChallengeRating.objects.select_for_update().filter(challenge=challenge).first()
    difficulty, count = (
        (rating.difficulty, rating.count) if rating else (float(challenge.difficulty), 0)
    )
    new_difficulty, new_count = model.rate(difficulty, count, level, seen)
    if new_count != count:
        ChallengeRating.objects.update_or_create(
            challenge=challenge,
            defaults={"difficulty": new_difficulty, "count": new_count, "area": area},
        )
    state.levels = {**state.levels, area: round(model.next_level(level, difficulty, seen), 3)}
    if attempt.anxiety_before is not None:
        state.last_felt = {**state.last_felt, area: attempt.anxiety_before}
    state.save(update_fields=["levels", "last_felt", "updated_at"])
