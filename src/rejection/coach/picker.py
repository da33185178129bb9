"""Today's challenge from the coach: at the edge of the user's comfort, climbing as it falls.

Plugged in behind `progress.picker.pick_today` by settings.REJECTION_PICKER, so no face
knows which picker runs. A fixed number of queries whatever the deck or history size:
the database hands back the few usable challenges nearest each area's target
difficulty, read off an index; the ranking happens here.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import connection

from rejection.challenges.models import Challenge
from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.choosing import rank_candidates
from rejection.coach.models import ChallengeRating, Intake, LadderStep
from rejection.coach.state import state_for
from rejection.progress.models import DailyPick, Enrollment
from rejection.progress.picker import Pick, recent_challenge_ids

PER_SIDE = 4  # candidates per area on each side of its target difficulty
VARIETY_DAYS = 3


def _nearest(
    user: Any, targets: dict[str, float], exclude: set[int]
) -> list[tuple[int, str, float]]:
    """Return, for every area, the few usable challenges just above and below its target.

    One statement: for each area, two small SELECTs walk the (area, difficulty) index
    outwards from the target, so the cost does not grow with the deck. Written in SQL
    because building eighteen ORM subqueries cost more than running them.
    """
    rating, challenge = ChallengeRating._meta.db_table, Challenge._meta.db_table
    usable = (
        "(c.author_id IS NULL OR c.share_status = %s"
        " OR (c.author_id = %s AND c.safety_status = %s))"
    )
    usable_params: list[Any] = [Challenge.Share.APPROVED, user.pk, Challenge.Safety.CLEAR]
    skip, skip_params = "", list(exclude)
    if skip_params:
        skip = f" AND r.challenge_id NOT IN ({', '.join(['%s'] * len(skip_params))})"
    parts, params = [], []
    for area, target in targets.items():
        for compare, order in ((">=", "ASC"), ("<", "DESC")):
            parts.append(
                f"SELECT * FROM (SELECT r.challenge_id, r.area, r.difficulty FROM {rating} r "
                f"JOIN {challenge} c ON c.id = r.challenge_id "
                f"WHERE r.area = %s AND r.difficulty {compare} %s AND {usable}{skip} "
                f"ORDER BY r.difficulty {order}, r.challenge_id {order} LIMIT {PER_SIDE}) AS side"
            )
            params += [area, target, *usable_params, *skip_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [(pk, area, float(level)) for pk, area, level in cursor.fetchall()]


def _recent_areas(user: Any, today: dt.date) -> list[str]:
    since = today - dt.timedelta(days=VARIETY_DAYS)
    slugs = DailyPick.objects.filter(user=user, local_date__gte=since, local_date__lt=today)
    return [area_of(slug) for slug in slugs.values_list("challenge__category__slug", flat=True)]


def explain(area: str, level: float, difficulty: float, last_felt: float | None) -> str:
    """Return the one-line reason shown under today's challenge."""
    label = AREAS[area]
    expected = model.predicted_anxiety(level, difficulty)
    if last_felt is None:
        return (
            f"Chosen to feel about {expected:.0f}/10 for you ({label.lower()}): "
            "noticeable, not overwhelming."
        )
    if expected > last_felt + 0.5:
        step = "this is one step up"
    elif expected < last_felt - 0.5:
        step = "this one is a little gentler"
    else:
        step = "this one should feel about the same, to build on it"
    return f"{label} asks felt {last_felt:.0f}/10 last time; {step}."


def choose(
    user: Any, today: dt.date, enrollment: Enrollment | None, exclude: set[int], salt: int
) -> Pick:
    """Choose the challenge at the edge of comfort, varied, never one from the last 30 days."""
    state = state_for(user)
    intake = Intake.objects.filter(user=user).values_list("focus", "skipped").first()
    focus = list(intake[0]) if intake is not None and not intake[1] else []
    levels = {area: float(state.levels.get(area, model.DEFAULT_LEVEL)) for area in AREAS}
    targets = {area: model.difficulty_for(level) for area, level in levels.items()}
    unavailable = recent_challenge_ids(user, today) | exclude
    rows = _nearest(user, targets, unavailable) or _nearest(user, targets, exclude)
    if not rows:
        rows = _nearest(user, targets, set())
    if not rows:
        raise LookupError("The challenge deck is empty; run `manage.py loaddeck`.")
    rng = random.Random(f"{user.pk}:{today.isoformat()}:{salt}")
    ranked = rank_candidates(rows, levels, _recent_areas(user, today), focus, rng)
    # The user's own ladder comes first whenever one of its steps sits in the band.
    ladder = set(LadderStep.objects.filter(user=user).values_list("challenge_id", flat=True))
    in_band_ladder = [
        row
        for row in ranked
        if row[0] in ladder and model.in_band(model.predicted_anxiety(levels[row[1]], row[2]))
    ]
    chosen_id, area, difficulty = (in_band_ladder or ranked)[0]
    challenge = Challenge.objects.select_related("category").get(pk=chosen_id)
    felt = state.last_felt.get(area)
    why = explain(area, levels[area], difficulty, float(felt) if felt is not None else None)
    return Pick(challenge=challenge, why=why)
