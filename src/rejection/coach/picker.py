"""Today's challenge from the coach: at the edge of the user's comfort, climbing as it falls.

Called by name from `practice.today.pick_today`, which keeps the answer for the day.
Three queries whatever the deck or history size: the database hands back the few usable
challenges nearest each area's target difficulty, read off an index, with the history in
the same statement; the ranking happens here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from rejection.challenges.models import Challenge
from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.choosing import Candidate, rank_candidates
from rejection.coach.models import ChallengeRating, Intake, LadderStep
from rejection.coach.state import levels_from_intake
from rejection.journal.models import Attempt, Outcome
from rejection.progress.models import DailyPick, Enrollment
from rejection.progress.picks import Pick, recent_challenges

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WHY_LIMIT = DailyPick._meta.get_field("why").max_length or 200
PER_SIDE = 4  # candidates per area on each side of its target difficulty
VARIETY_DAYS = 3
# The kinds of row the one read hands back: candidates not met in 30 days, candidates
# met lately (the fallback for a small or well-worn deck), and recent picks' categories.
FRESH, MET, RECENT_PICK = 0, 1, 2


@dataclass(frozen=True)
class Known:
    """What the coach knows about one user: comfort per area, last felt, focus areas."""

    levels: dict[str, float]
    last_felt: dict[str, float]
    focus: list[str]
    next_step: int | None = None  # the ladder's "next up": its first step not yet done


def _next_step_id(user: User) -> Subquery:
    """The challenge of the user's first ladder step not yet done (avoided or open is not done)."""
    done = Attempt.objects.filter(user=user, challenge_id=OuterRef("challenge_id")).exclude(
        outcome__in=(Outcome.AVOIDED, Outcome.IN_PROGRESS)
    )
    steps = LadderStep.objects.filter(user=user).exclude(Exists(done)).order_by("position")
    return Subquery(steps.values("challenge_id")[:1])


@dataclass(frozen=True)
class Gathered:
    """The candidates near each area's target and the history the ranking weighs them by."""

    fresh: list[Candidate]
    met: list[Candidate]
    ladder: set[int]
    recent_areas: list[str]


def _known(user: User) -> Known:
    """Read the coach state and the intake in one query.

    A user the coach has not met yet starts from their intake, as `state_for` would; the
    state row itself is left for the first ask to create, so a pick is a pure read.
    """
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(next_step=_next_step_id(user))
        .values_list(
            "coach_state__levels",
            "coach_state__last_felt",
            "intake__ratings",
            "intake__focus",
            "intake__skipped",
            "next_step",
        )
        .first()
    )
    levels, last_felt, ratings, focus, skipped, next_step = row or (None,) * 6
    if levels is None:
        intake = Intake(ratings=ratings, skipped=bool(skipped)) if ratings is not None else None
        levels = levels_from_intake(intake)
    return Known(
        levels={area: float(levels.get(area, model.DEFAULT_LEVEL)) for area in AREAS},
        last_felt=last_felt or {},
        focus=list(focus) if focus is not None and not skipped else [],
        next_step=next_step,
    )


def _compiled(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return sql, tuple(params)


def _sides(
    user: User, targets: dict[str, float], kind: int, skip: str, skip_params: list[Any]
) -> tuple[list[str], list[Any]]:
    """Build, for every area, two small SELECTs walking the (area, difficulty) index
    outwards from its target; each row says whether the challenge is on the user's ladder."""
    rating, challenge = ChallengeRating._meta.db_table, Challenge._meta.db_table
    ladder = LadderStep._meta.db_table
    usable = (
        "(c.author_id IS NULL OR c.share_status = %s"
        " OR (c.author_id = %s AND c.safety_status = %s))"
    )
    usable_params: list[Any] = [Challenge.Share.APPROVED, user.pk, Challenge.Safety.CLEAR]
    on_ladder = (
        f"CASE WHEN EXISTS (SELECT 1 FROM {ladder} l WHERE l.user_id = %s"
        " AND l.challenge_id = r.challenge_id) THEN 1 ELSE 0 END"
    )
    parts, params = [], []
    for area, target in targets.items():
        for compare, order in ((">=", "ASC"), ("<", "DESC")):
            parts.append(
                f"SELECT * FROM (SELECT r.challenge_id, r.area, r.difficulty, {kind} AS kind, "
                f"{on_ladder} AS on_ladder FROM {rating} r "
                f"JOIN {challenge} c ON c.id = r.challenge_id "
                f"WHERE r.area = %s AND r.difficulty {compare} %s AND {usable}{skip} "
                f"ORDER BY r.difficulty {order}, r.challenge_id {order} LIMIT {PER_SIDE}) AS side"
            )
            params += [user.pk, area, target, *usable_params, *skip_params]
    return parts, params


def _not_in(exclude: set[int]) -> tuple[str, list[Any]]:
    if not exclude:
        return "", []
    return f" AND r.challenge_id NOT IN ({', '.join(['%s'] * len(exclude))})", list(exclude)


def _gather(user: User, today: dt.date, targets: dict[str, float], exclude: set[int]) -> Gathered:
    """Read everything the ranking needs in one statement, whatever the deck or history size.

    Written in SQL because building dozens of ORM subqueries cost more than running them.
    The 30-day history is a common table expression the fresh candidates are kept clear
    of; the candidates met lately come along as the fallback for a well-worn deck.
    """
    recent_sql, recent_params = _compiled(recent_challenges(user, today))
    skip, skip_params = _not_in(exclude)
    fresh_parts, fresh_params = _sides(
        user,
        targets,
        FRESH,
        skip + " AND r.challenge_id NOT IN (SELECT challenge_id FROM recent)",
        skip_params,
    )
    met_parts, met_params = _sides(user, targets, MET, skip, skip_params)
    since = today - dt.timedelta(days=VARIETY_DAYS)
    picks = DailyPick.objects.filter(user=user, local_date__gte=since, local_date__lt=today)
    picks_sql, picks_params = _compiled(
        picks.values_list("challenge_id", "challenge__category__slug").order_by()
    )
    picked = f"SELECT picked.*, 0.0, {RECENT_PICK}, 0 FROM ({picks_sql}) AS picked"
    sql = f"WITH recent (challenge_id) AS ({recent_sql}) " + " UNION ALL ".join(
        [*fresh_parts, *met_parts, picked]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*recent_params, *fresh_params, *met_params, *picks_params])
        rows = cursor.fetchall()
    found: dict[int, list[Candidate]] = {FRESH: [], MET: []}
    ladder, recent_areas = set(), []
    for pk, area, level, kind, on_ladder in rows:
        if kind == RECENT_PICK:
            recent_areas.append(area_of(area))
            continue
        found[kind].append((pk, area, float(level)))
        if on_ladder:
            ladder.add(pk)
    return Gathered(found[FRESH], found[MET], ladder, recent_areas)


def _nearest(user: User, targets: dict[str, float]) -> tuple[list[Candidate], set[int]]:
    """Return the candidates near each target, nothing left out, and the ladder's among them.

    Only a deck with hardly anything in it gets here: one more statement.
    """
    parts, params = _sides(user, targets, MET, "", [])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    return [(pk, area, float(level)) for pk, area, level, _, _ in rows], {
        pk for pk, _, _, _, on_ladder in rows if on_ladder
    }


def explain(area: str, level: float, difficulty: float, last_felt: float | None) -> str:
    """Return the one-line reason shown under today's challenge.

    It opens with the difficulty in the person's own terms, the one place Today shows it.
    """
    label = AREAS[area]
    expected = model.predicted_anxiety(level, difficulty)
    feels = f"Feels about {expected:.0f}/10 for you"
    if last_felt is None:
        return f"{feels} ({label.lower()}): noticeable, not overwhelming."
    if expected > last_felt + 0.5:
        step = "this is one step up"
    elif expected < last_felt - 0.5:
        step = "this one is a little gentler"
    else:
        step = "this one should feel about the same, to build on it"
    return f"{feels}. {label} asks felt {last_felt:.0f}/10 last time; {step}."


def choose(
    user: User, today: dt.date, enrollment: Enrollment | None, exclude: set[int], salt: int
) -> Pick:
    """Choose the challenge at the edge of comfort, varied, never one from the last 30 days.

    Three queries whatever the deck or history size: what the coach knows, one read of
    the candidates and history, and the chosen challenge.
    """
    known = _known(user)
    levels = known.levels
    targets = {area: model.difficulty_for(level) for area, level in levels.items()}
    gathered = _gather(user, today, targets, exclude)
    rows, ladder = gathered.fresh or gathered.met, gathered.ladder
    if not rows:
        rows, ladder = _nearest(user, targets)
    if not rows:
        raise LookupError("The challenge deck is empty; run `manage.py loaddeck`.")
    rng = random.Random(f"{user.pk}:{today.isoformat()}:{salt}")
    ranked = rank_candidates(rows, levels, gathered.recent_areas, known.focus, rng)
    # The user's own ladder comes first whenever one of its steps sits in the band.
    in_band_ladder = [
        row
        for row in ranked
        if row[0] in ladder and model.in_band(model.predicted_anxiety(levels[row[1]], row[2]))
    ]
    chosen_id, area, difficulty = (in_band_ladder or ranked)[0]
    # The ladder's "next up" comes with the chosen challenge, in the same query.
    step_id = known.next_step if known.next_step not in exclude else None
    found = {
        row.pk: row
        for row in Challenge.objects.select_related("category", "coach_rating").filter(
            pk__in=[pk for pk in (chosen_id, step_id) if pk is not None]
        )
    }
    challenge = found[chosen_id]
    felt = known.last_felt.get(area)
    why = explain(area, levels[area], difficulty, float(felt) if felt is not None else None)
    pick = Pick(challenge=challenge, why=why)
    step = found.get(step_id) if step_id is not None else None
    if step is None:
        return pick
    step_area = area_of(step.category.slug)
    rating = getattr(step, "coach_rating", None)
    step_difficulty = rating.difficulty if rating is not None else float(step.difficulty)
    expected = model.predicted_anxiety(levels[step_area], step_difficulty)
    return agree_with_ladder(pick, step, round(expected, 1))


def agree_with_ladder(pick: Pick, step: Challenge | None, expected: float = 0.0) -> Pick:
    """Make today's card the ladder's next step when it fits the band; else say why not.

    One clear "do this now": the card and the ladder's "next up" are the same ask whenever
    they can be, and when they differ the card says why in a sentence.
    """
    if step is None or step.pk == pick.challenge.pk:
        return pick
    feels = round(expected)
    if model.in_band(expected):
        why = f"Feels about {feels}/10 for you: the next step on your ladder."
        return Pick(challenge=step, why=why)
    low, high = (round(edge) for edge in model.BAND)
    side = "above" if expected > model.BAND[1] else "below"
    # The card's own difficulty (explain() opens with it), then why it is not the ladder's.
    own = pick.why.split(" for you")[0] + " for you." if " for you" in pick.why else ""
    why = (
        f"{own} Your ladder's next step would feel about {feels}/10 today, {side} the "
        f"{low}-{high} that stretches without swamping, so today's card is a different one."
    ).strip()
    return Pick(challenge=pick.challenge, why=why[:WHY_LIMIT])
