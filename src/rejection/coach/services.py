"""The coach's use cases: taking the intake and keeping each user's ladder.

Pages, the API and the CLI all call these; every rule about the intake and the ladder
lives here (the arithmetic of nerves lives in `model`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.contracts import MAX_STEPS, IntakeAnswers, LadderOrder
from rejection.coach.ladder import DONE_PENALTY, plan_ladder
from rejection.coach.models import CoachState, Intake, LadderStep
from rejection.coach.queries import (
    Candidate,
    Step,
    candidates,
    done_ids,
    focus_for,
    ladder_for,
    levels_for,
    usable_challenges,
)
from rejection.coach.state import levels_from_intake
from rejection.core.errors import Conflict, NotFound
from rejection.journal.counters import lock_and_bump

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "add_step",
    "build_ladder",
    "ladder_for",
    "move_step",
    "save_intake",
    "set_ladder",
    "swap_step",
]

MIN_STEPS, DEFAULT_STEPS = 10, 12  # a built ladder; one set by hand may be 1 to MAX_STEPS


def _lock(user: User) -> None:
    # One writer per user at a time: a ladder is rewritten whole, and two rewrites racing
    # would trip the one-step-per-position constraint. The same statement bumps the data
    # version, so the ladder (and Today, which picks from it) kept in the cache is redrawn.
    lock_and_bump(user)


@transaction.atomic
def save_intake(user: User, answers: IntakeAnswers) -> Intake:
    """Store the intake and start the coach from it; build a first ladder if there is none."""
    _lock(user)
    intake = Intake.objects.filter(user=user).first()
    if answers.skipped:
        # "Not now" never wipes answers given before, and leaves the levels as they are.
        if intake is None or intake.skipped:
            intake, _ = Intake.objects.update_or_create(
                user=user, defaults={"ratings": {}, "focus": [], "goals": "", "skipped": True}
            )
    else:
        values = {
            "ratings": {area: answers.ratings[area] for area in AREAS if area in answers.ratings},
            "focus": [area for area in AREAS if area in set(answers.focus)],
            "goals": answers.goals,
            "skipped": False,
        }
        intake, _ = Intake.objects.update_or_create(user=user, defaults=values)
        # A re-taken intake is the user telling us where they are now.
        CoachState.objects.update_or_create(
            user=user, defaults={"levels": levels_from_intake(intake)}
        )
    if not LadderStep.objects.filter(user=user).exists():
        build_ladder(user)
    return intake


def _write(user: User, challenge_ids: list[int]) -> None:
    LadderStep.objects.filter(user=user).delete()
    LadderStep.objects.bulk_create(
        LadderStep(user=user, position=number, challenge_id=pk)
        for number, pk in enumerate(challenge_ids, start=1)
    )


@transaction.atomic
def build_ladder(user: User, size: int = DEFAULT_STEPS) -> list[Step]:
    """Replace the user's ladder with one built from their intake, levels and the deck."""
    _lock(user)
    size = max(MIN_STEPS, min(MAX_STEPS, size))
    plan = plan_ladder(
        candidates(user), levels_for(user), focus_for(user), done_ids(user), size, f"{user.pk}"
    )
    _write(user, [candidate.id for candidate, _ in plan])
    return ladder_for(user)


def _current_ids(user: User) -> list[int]:
    return list(
        LadderStep.objects.filter(user=user)
        .order_by("position")
        .values_list("challenge_id", flat=True)
    )


@transaction.atomic
def set_ladder(user: User, order: LadderOrder) -> list[Step]:
    """Replace the ladder with these challenges in this order, easiest first."""
    usable = set(usable_challenges(user).filter(pk__in=order.steps).values_list("pk", flat=True))
    missing = [pk for pk in order.steps if pk not in usable]
    if missing:
        names = ", ".join(str(pk) for pk in missing)
        raise NotFound(f"No challenge you can use has the id {names}.", field="steps")
    _lock(user)
    _write(user, list(order.steps))
    return ladder_for(user)


def _index_of(ids: list[int], position: int) -> int:
    if not 1 <= position <= len(ids):
        raise LadderStep.DoesNotExist(f"No step {position} on this ladder.")
    return position - 1


@transaction.atomic
def move_step(user: User, position: int, offset: int) -> list[Step]:
    """Move one rung up (+1, harder end) or down (-1, easier end) the ladder."""
    _lock(user)
    ids = _current_ids(user)
    index = _index_of(ids, position)
    other = index + offset
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        _write(user, ids)
    return ladder_for(user)


@transaction.atomic
def swap_step(user: User, position: int) -> list[Step]:
    """Replace one rung with the usable challenge in its area nearest its expected nerves."""
    _lock(user)
    ids = _current_ids(user)
    index = _index_of(ids, position)
    pool = candidates(user)
    by_id = {candidate.id: candidate for candidate in pool}
    current = by_id.get(ids[index])
    if current is None:  # no longer usable: swap for anything in its area
        step = LadderStep.objects.select_related("challenge__category").get(
            user=user, position=position
        )
        current = Candidate(
            step.challenge_id,
            area_of(step.challenge.category.slug),
            float(step.challenge.difficulty),
        )
    levels = levels_for(user)
    done = done_ids(user)
    aim = model.predicted_anxiety(levels[current.area], current.difficulty)
    others = [c for c in pool if c.area == current.area and c.id not in ids]
    if not others:
        raise Conflict(
            "nothing_to_swap",
            f"There is nothing else in {AREAS[current.area].lower()} to swap in yet.",
        )
    best = min(
        others,
        key=lambda c: (
            abs(model.predicted_anxiety(levels[c.area], c.difficulty) - aim)
            + (DONE_PENALTY if c.id in done else 0.0),
            c.id,
        ),
    )
    ids[index] = best.id
    _write(user, ids)
    return ladder_for(user)


@transaction.atomic
def add_step(user: User, challenge_id: int, position: int | None = None) -> list[Step]:
    """Put a usable challenge on the ladder: at a position, or where its nerves fit."""
    challenge = usable_challenges(user).select_related("category").filter(pk=challenge_id).first()
    if challenge is None:
        raise NotFound("No challenge you can use has that id.", field="challenge_id")
    _lock(user)
    ids = _current_ids(user)
    if challenge_id in ids:
        raise Conflict("on_ladder", "That one is already on your ladder.", field="challenge_id")
    if len(ids) >= MAX_STEPS:
        raise Conflict(
            "ladder_full",
            f"Your ladder has {MAX_STEPS} steps, the most it holds; swap one instead.",
            field="challenge_id",
        )
    if position is None:
        steps = ladder_for(user)
        difficulty = getattr(
            getattr(challenge, "coach_rating", None), "difficulty", challenge.difficulty
        )
        aim = model.predicted_anxiety(
            levels_for(user)[area_of(challenge.category.slug)], difficulty
        )
        index = next((n for n, step in enumerate(steps) if step.expected_anxiety > aim), len(ids))
    else:
        index = max(0, min(len(ids), position - 1))
    ids.insert(index, challenge_id)
    _write(user, ids)
    return ladder_for(user)
