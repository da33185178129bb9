"""The coach's model, as plain arithmetic the simulation and the app share.

Everything is on the 0-10 scale people rate their nerves on.

- Each user has a *comfort level* per area: the anxiety they would expect before a
  middling (difficulty 5) ask there. The intake sets it; every ask moves it.
- Each challenge has a *difficulty* on 1-10. It starts at the authored figure and is
  re-estimated from everyone's attempts (see `rate`).
- Predicted anxiety = level + SLOPE x (difficulty - 5), clipped to 0-10.

After an ask, the gap between the anxiety the person reported before it (or, when they
avoided it without rating, a high stand-in) and the prediction moves both the person's level
and the challenge's difficulty, each by a step that shrinks as evidence accumulates: a
least-squares rating model fitted online, in the spirit of Elo, with the authored
difficulty counting as PRIOR_WEIGHT observations.
"""

from __future__ import annotations

from dataclasses import dataclass

SLOPE = 0.8  # anxiety points per difficulty point
BAND = (4.0, 6.0)  # the edge of comfort: noticeable, not overwhelming
BAND_CENTRE = 5.0
PRIOR_WEIGHT = 5.0  # the authored difficulty counts as this many attempts
AVOIDED_ANXIETY = 9.0  # stand-in for the unrated anxiety of an ask someone avoided
LEVEL_RATE = 0.35  # how far one ask's surprise moves the person's level
EXPOSURE_RELIEF = 0.25  # the level drop for going through with an ask in the band
AVOIDANCE_COST = 0.5  # the rise after avoiding one
DEFAULT_LEVEL = 5.0


def clip(value: float, low: float = 0.0, high: float = 10.0) -> float:
    return max(low, min(high, value))


def predicted_anxiety(level: float, difficulty: float) -> float:
    """Return the anxiety a person at this level would expect before this challenge."""
    return clip(level + SLOPE * (difficulty - 5.0))


def difficulty_for(level: float, anxiety: float = BAND_CENTRE) -> float:
    """Return the difficulty at which this person would expect the given anxiety."""
    return 5.0 + (anxiety - level) / SLOPE


def in_band(anxiety: float) -> bool:
    return BAND[0] <= anxiety <= BAND[1]


@dataclass(frozen=True)
class Observation:
    """What one attempt tells the coach."""

    done: bool  # went through with it (any outcome but avoided)
    anxiety_before: float | None
    anxiety_after: float | None = None

    def felt(self) -> float | None:
        if self.anxiety_before is not None:
            return float(self.anxiety_before)
        return None if self.done else AVOIDED_ANXIETY


def next_level(level: float, difficulty: float, seen: Observation) -> float:
    """Return the person's new comfort level for an area after one ask there."""
    predicted = predicted_anxiety(level, difficulty)
    felt = seen.felt()
    if felt is not None:
        level += LEVEL_RATE * (felt - predicted)
    if seen.done:
        level -= EXPOSURE_RELIEF
        if seen.anxiety_before is not None and seen.anxiety_after is not None:
            # Nerves that fell during the ask are habituation at work.
            level -= 0.05 * max(0.0, seen.anxiety_before - seen.anxiety_after)
    else:
        level += AVOIDANCE_COST
    return clip(level)


def rate(difficulty: float, count: int, level: float, seen: Observation) -> tuple[float, int]:
    """Return the challenge's new difficulty estimate and evidence count after one attempt.

    Only a felt anxiety is evidence about difficulty; an ask logged without a rating
    leaves the estimate where it was.
    """
    felt = seen.felt()
    if felt is None:
        return difficulty, count
    gap = (felt - predicted_anxiety(level, difficulty)) / SLOPE
    weight = 1.0 / (count + PRIOR_WEIGHT + 1.0)
    return clip(difficulty + weight * gap, 1.0, 10.0), count + 1
