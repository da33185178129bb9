"""Planning a ladder: which challenges, in which order, as plain arithmetic (no database).

Rungs rise from about EASIEST to about HARDEST expected nerves, spread across the user's
areas (focus areas first, at most PER_AREA from one area while the deck has enough areas),
preferring asks the user has not done yet; ties are broken the same way every time for a
user.
"""

from __future__ import annotations

import math
import random
from collections import Counter

from rejection.coach import model
from rejection.coach.areas import AREAS
from rejection.coach.queries import Candidate

PER_AREA = 3
EASIEST, HARDEST = 2.0, 9.0  # expected nerves at the bottom and the top of a ladder
DONE_PENALTY = 0.75  # prefer asks not done yet, in expected-nerve points


def _quotas(counts: Counter[str], focus: list[str], levels: dict[str, float], size: int) -> dict:
    """Share the rungs among areas: focus areas first, then the rest in turn."""
    areas = [area for area in AREAS if counts[area]]
    cap = max(PER_AREA, math.ceil(size / len(areas)))
    room = {area: min(cap, counts[area]) for area in areas}
    quotas = dict.fromkeys(areas, 0)
    for area in focus:
        if area in room:
            quotas[area] = min(room[area], size - sum(quotas.values()))
    # The areas that feel hardest get the spare rungs first: that is where practice helps.
    others = sorted(
        (area for area in areas if area not in focus),
        key=lambda a: (-levels[a], list(AREAS).index(a)),
    )
    while sum(quotas.values()) < size:
        grew = False
        for area in others + [a for a in focus if a in room]:
            if sum(quotas.values()) < size and quotas[area] < room[area]:
                quotas[area] += 1
                grew = True
        if not grew:
            break
    return {area: quota for area, quota in quotas.items() if quota}


def plan_ladder(
    pool: list[Candidate],
    levels: dict[str, float],
    focus: list[str],
    done: set[int],
    size: int,
    seed: str,
) -> list[tuple[Candidate, float]]:
    """Choose `size` challenges rising from about EASIEST to HARDEST expected nerves."""
    size = min(size, len(pool))
    if size == 0:
        return []
    expected = {c.id: model.predicted_anxiety(levels[c.area], c.difficulty) for c in pool}
    quotas = _quotas(Counter(c.area for c in pool), focus, levels, size)
    left = dict(quotas)
    rng = random.Random(seed)  # ties broken the same way every time for this user
    jitter = {c.id: rng.random() / 100 for c in pool}
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for rung in range(size):
        target = EASIEST + (HARDEST - EASIEST) * rung / max(size - 1, 1)
        open_ = [c for c in pool if left.get(c.area) and c.id not in taken]
        if not open_:
            break
        best = min(
            open_,
            key=lambda c: (
                abs(expected[c.id] - target)
                + (DONE_PENALTY if c.id in done else 0.0)
                - 0.3 * left[c.area] / quotas[c.area]
                + jitter[c.id]
            ),
        )
        chosen.append(best)
        taken.add(best.id)
        left[best.area] -= 1
    return sorted(((c, expected[c.id]) for c in chosen), key=lambda pair: (pair[1], pair[0].id))
