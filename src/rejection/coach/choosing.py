"""The coach's picking rule as pure Python, shared by the app's picker and the simulation.

A candidate is `(challenge_id, area, difficulty)`. The rule, best first:

1. Candidates whose predicted anxiety lies in `model.BAND` come before any that do not.
2. Within each of those two tiers, the score is the distance of the predicted anxiety from
   `model.BAND_CENTRE`, plus `VARIETY_PENALTY` for every pick in the same area over the
   last few days, minus `FOCUS_BONUS` when the area is one the user asked to work on.
3. Ties are broken by the seeded random generator, so a pick is reproducible for a seed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rejection.coach import model

Candidate = tuple[int, str, float]

VARIETY_PENALTY = 1.0  # per recent pick in the same area: more than the whole band's width
FOCUS_BONUS = 0.25  # a nudge towards the user's focus areas, never out of the band


def score(
    candidate: Candidate,
    levels: Mapping[str, float],
    recent: Mapping[str, int],
    focus: Iterable[str],
) -> tuple[int, float]:
    """Return the sort key of one candidate (lower is better), without the tie-break."""
    _, area, difficulty = candidate
    predicted = model.predicted_anxiety(levels.get(area, model.DEFAULT_LEVEL), difficulty)
    distance = abs(predicted - model.BAND_CENTRE)
    distance += VARIETY_PENALTY * recent.get(area, 0)
    if area in focus:
        distance -= FOCUS_BONUS
    return (0 if model.in_band(predicted) else 1, distance)


def rank_candidates(
    candidates: Iterable[Candidate],
    levels: Mapping[str, float],
    recent_areas: Sequence[str],
    focus_areas: Iterable[str],
    rng: random.Random,
) -> list[Candidate]:
    """Return the candidates best first: in the band, near its centre, varied, focused."""
    recent = Counter(recent_areas)
    focus = frozenset(focus_areas)
    keyed = [(score(c, levels, recent, focus), rng.random(), c) for c in candidates]
    keyed.sort(key=lambda row: (row[0], row[1]))
    return [c for _, _, c in keyed]
