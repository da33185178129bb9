"""Read models for the coach's pages and API: the usable deck, the intake and the ladder.

Each costs a fixed number of queries whatever the deck or history size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import F, FloatField
from django.db.models.functions import Cast, Coalesce

from rejection.challenges.models import Challenge, ChallengeQuerySet
from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.models import ChallengeRating, CoachState, Intake, LadderStep
from rejection.coach.state import levels_from_intake
from rejection.journal.models import Attempt, Outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The crowd-calibrated difficulty where there is one, else the authored figure.
CALIBRATED = Coalesce(F("coach_rating__difficulty"), Cast("difficulty", FloatField()))


@dataclass(frozen=True)
class Candidate:
    """A challenge the coach may put on a ladder, reduced to what the ladder needs."""

    id: int
    area: str
    difficulty: float


@dataclass(frozen=True)
class Step:
    """One rung of a user's ladder as pages and the API show it."""

    position: int
    challenge: Challenge
    area: str
    expected_anxiety: float
    done: bool

    @property
    def area_label(self) -> str:
        return AREAS[self.area]

    @property
    def expected(self) -> int:
        """The expected nerves as the whole number people read ("about 4/10")."""
        return round(self.expected_anxiety)


def usable_challenges(user: User) -> ChallengeQuerySet:
    """Return the challenges the coach may offer this user."""
    # The deck, approved shared challenges and the user's own ones that pass the safety screen.
    return Challenge.objects.usable_by_coach(user)


def candidates(user: User) -> list[Candidate]:
    """Return every usable challenge with its area and calibrated difficulty, in one query."""
    rows = (
        usable_challenges(user)
        .annotate(calibrated=CALIBRATED)
        .order_by("id")
        .values_list("id", "category__slug", "calibrated")
    )
    return [Candidate(pk, area_of(slug), float(level)) for pk, slug, level in rows]


def intake_for(user: User) -> Intake | None:
    """Return the user's stored intake, or None before they have seen it."""
    return Intake.objects.filter(user=user).first()


def levels_for(user: User) -> dict[str, float]:
    """Return the user's comfort level per area without writing anything."""
    state = CoachState.objects.filter(user=user).only("levels").first()
    if state is None:
        return levels_from_intake(intake_for(user))
    return {area: float(state.levels.get(area, model.DEFAULT_LEVEL)) for area in AREAS}


def focus_for(user: User) -> list[str]:
    """Return the areas the user asked to practise most (none if they skipped)."""
    intake = Intake.objects.filter(user=user).only("focus", "skipped").first()
    if intake is None or intake.skipped:
        return []
    return [area for area in intake.focus if area in AREAS]


def done_ids(user: User, challenge_ids: list[int] | None = None) -> set[int]:
    """Return the challenges the user went through with (any ask but an avoided one)."""
    rows = Attempt.objects.filter(user=user, challenge__isnull=False).exclude(
        outcome__in=(Outcome.AVOIDED, Outcome.IN_PROGRESS)
    )
    if challenge_ids is not None:
        rows = rows.filter(challenge_id__in=challenge_ids)
    return set(rows.values_list("challenge_id", flat=True).distinct())


def expected_anxiety(levels: dict[str, float], area: str, difficulty: float) -> float:
    return round(model.predicted_anxiety(levels.get(area, model.DEFAULT_LEVEL), difficulty), 1)


def ladder_for(user: User) -> list[Step]:
    """Return the user's ladder, easiest first, each rung with its expected nerves."""
    rows = list(
        LadderStep.objects.filter(user=user)
        .select_related("challenge__category", "challenge__coach_rating")
        .order_by("position")
    )
    if not rows:
        return []
    levels = levels_for(user)
    done = done_ids(user, [row.challenge_id for row in rows])
    steps = []
    for row in rows:
        challenge = row.challenge
        rating = getattr(challenge, "coach_rating", None)  # cached by select_related
        difficulty = rating.difficulty if rating is not None else float(challenge.difficulty)
        area = area_of(challenge.category.slug)
        steps.append(
            Step(
                position=row.position,
                challenge=challenge,
                area=area,
                expected_anxiety=expected_anxiety(levels, area, difficulty),
                done=challenge.pk in done,
            )
        )
    return steps


def ratings_seen(user: User) -> int:
    """Return how many asks the difficulties of the ladder's challenges were learned from.

    Shared by everyone, a challenge's difficulty moves with other people's asks, and only
    then does its count grow: a kept ladder holding this sum is redrawn when any moves.
    """
    # Plain SQL: the ORM took longer to compile this join than the kept page takes to serve.
    steps, ratings = LadderStep._meta.db_table, ChallengeRating._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(r.{connection.ops.quote_name('count')}), 0) FROM {steps} s "
            f"JOIN {ratings} r ON r.challenge_id = s.challenge_id WHERE s.user_id = %s",
            [user.pk],
        )
        return int(cursor.fetchone()[0])


def addable_custom(user: User, exclude: set[int]) -> list[Challenge]:
    """Return the user's own usable challenges not yet on their ladder, newest first."""
    rows = usable_challenges(user).filter(author=user).exclude(pk__in=exclude)
    return list(rows.select_related("category").order_by("-created_at", "-id")[:50])


def search_usable(user: User, text: str, exclude: set[int], limit: int = 10) -> list[Challenge]:
    """Return usable challenges whose id is the text or whose title holds it."""
    text = text.strip()
    rows = usable_challenges(user).exclude(pk__in=exclude).select_related("category")
    if text.isdigit() and len(text) < 19:
        return list(rows.filter(pk=int(text)))
    if not text:
        return []
    return list(rows.filter(title__icontains=text).order_by("difficulty", "id")[:limit])
