"""Proof by simulation: does the coach learn difficulties and keep people at the edge of comfort?

    .venv/bin/python benchmarks/coach_sim.py [--users 1000] [--days 30] [--seed 1]

Simulated users with hidden comfort levels ask once a day from the real deck, whose
challenges have hidden true difficulties. Three pickers run, each in its own world built
from the same seed: the coach (learns with `coach.model`, picks with
`coach.choosing.rank_candidates`), a uniformly random picker, and a picker that aims the
authored difficulty at the band from the intake and never learns. Prints the rank
correlation of calibrated against true difficulty as attempts accumulate, the share of
picks in the band, the mean true level over time and the avoided share for each picker.
Pure standard library and deterministic for a seed. See docs/coach.md for the assumptions.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from rejection.coach import model  # noqa: E402
from rejection.coach.areas import AREAS, area_of  # noqa: E402
from rejection.coach.choosing import rank_candidates  # noqa: E402

DECK = ROOT / "src" / "rejection" / "challenges" / "data" / "deck.json"
CHECKPOINTS = (1_000, 2_000, 5_000, 10_000, 20_000, 30_000)
PICKERS = ("coach", "random", "authored")
NO_REPEAT_DAYS = 30
VARIETY_DAYS = 3
CANDIDATES = 60  # as the app's picker: the nearest few dozen, then the ranking rule
LAST_WEEK = 7


@dataclass(frozen=True)
class Challenge:
    id: int
    area: str
    authored: float


@dataclass
class Truth:
    difficulty: list[float]  # by challenge id
    levels: list[dict[str, float]]  # by user, per area
    intake: list[dict[str, float]]  # by user, per area: what they answered


def load_deck(path: Path = DECK) -> list[Challenge]:
    rows = json.loads(path.read_text())["challenges"]
    return [
        Challenge(n, area_of(row["category"]), float(row["difficulty"]))
        for n, row in enumerate(rows)
    ]


def ranks(values: Sequence[float]) -> list[float]:
    """Return 1-based ranks, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Return Spearman's rank correlation: Pearson's r of the average ranks."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("need two sequences of the same length, at least 2")
    rx, ry = ranks(xs), ranks(ys)
    mean = (len(xs) + 1) / 2
    cov = sum((a - mean) * (b - mean) for a, b in zip(rx, ry, strict=True))
    var_x = sum((a - mean) ** 2 for a in rx)
    var_y = sum((b - mean) ** 2 for b in ry)
    if var_x == 0 or var_y == 0:
        return math.nan
    return cov / math.sqrt(var_x * var_y)


def make_truth(deck: list[Challenge], users: int, rng: random.Random) -> Truth:
    difficulty = [model.clip(c.authored + rng.gauss(0, 1.5), 1.0, 10.0) for c in deck]
    levels = [{a: model.clip(rng.gauss(6, 1.5), 1.0, 9.5) for a in AREAS} for _ in range(users)]
    intake = [{a: model.clip(round(lv[a] + rng.gauss(0, 1))) for a in AREAS} for lv in levels]
    return Truth(difficulty, levels, intake)


@dataclass
class World:
    """One picker's run: the hidden truth it changes, the coach's estimates and the tallies."""

    picker: str
    deck: list[Challenge]
    truth: Truth
    rng: random.Random
    levels: list[dict[str, float]] = field(default_factory=list)  # true, moved by habituation
    estimates: list[dict[str, float]] = field(default_factory=list)  # the coach's
    calibrated: list[float] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    last_seen: list[dict[int, int]] = field(default_factory=list)  # user -> challenge -> day
    recent: list[list[tuple[int, str]]] = field(default_factory=list)  # user -> (day, area)
    attempts: int = 0
    avoided: int = 0
    in_band: int = 0
    in_band_expected: int = 0
    week_picks: int = 0
    week_in_band: int = 0
    calibration: dict[int, float] = field(default_factory=dict)
    mean_level: dict[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.levels = [dict(lv) for lv in self.truth.levels]
        self.estimates = [dict(lv) for lv in self.truth.intake]
        self.calibrated = [c.authored for c in self.deck]
        self.counts = [0] * len(self.deck)
        self.last_seen = [{} for _ in self.levels]
        self.recent = [[] for _ in self.levels]
        self.mean_level[0] = self.average_level()

    def average_level(self) -> float:
        return sum(sum(lv.values()) for lv in self.levels) / (len(self.levels) * len(AREAS))

    def fresh(self, user: int, day: int) -> list[Challenge]:
        seen = self.last_seen[user]
        usable = [c for c in self.deck if day - seen.get(c.id, -NO_REPEAT_DAYS) >= NO_REPEAT_DAYS]
        return usable or self.deck

    def pick(self, user: int, day: int) -> Challenge:
        fresh = self.fresh(user, day)
        if self.picker == "random":
            return self.rng.choice(fresh)
        recent = [area for when, area in self.recent[user] if day - when <= VARIETY_DAYS]
        if self.picker == "authored":
            levels = self.truth.intake[user]
            rows = [(c.id, c.area, c.authored) for c in fresh]
        else:
            levels = self.estimates[user]
            targets = {a: model.difficulty_for(lv) for a, lv in levels.items()}
            rows = [(c.id, c.area, self.calibrated[c.id]) for c in fresh]
            rows = heapq.nsmallest(CANDIDATES, rows, key=lambda r: abs(r[2] - targets[r[1]]))
        return self.deck[rank_candidates(rows, levels, recent, [], self.rng)[0][0]]

    def ask(self, user: int, day: int, challenge: Challenge, last_week: bool) -> None:
        rng, levels = self.rng, self.levels[user]
        expected = model.predicted_anxiety(
            levels[challenge.area], self.truth.difficulty[challenge.id]
        )
        felt = model.clip(expected + rng.gauss(0, 0.8))
        done = rng.random() >= 1 / (1 + math.exp(-(felt - 7.5) * 1.5))
        before = after = None
        if done and rng.random() < 0.7:
            before = round(felt)
            after = max(0, before - rng.randint(1, 3))
        elif not done and rng.random() < 0.4:
            before = round(felt)
        # The hidden truth: exposure at the edge of comfort works best; avoiding feeds fear.
        if done:
            levels[challenge.area] -= 0.2 if 3 <= felt <= 7 else 0.05
        else:
            levels[challenge.area] += 0.1
        levels[challenge.area] = model.clip(levels[challenge.area])
        self.learn(user, challenge, model.Observation(done, before, after))
        self.tally(felt, expected, done, last_week)
        self.last_seen[user][challenge.id] = day
        self.recent[user] = [(w, a) for w, a in self.recent[user] if day - w < VARIETY_DAYS]
        self.recent[user].append((day, challenge.area))

    def learn(self, user: int, challenge: Challenge, seen: model.Observation) -> None:
        """Move the estimates as the app's `coach.state.learn_from` does."""
        level = self.estimates[user][challenge.area]
        difficulty, count = self.calibrated[challenge.id], self.counts[challenge.id]
        self.calibrated[challenge.id], self.counts[challenge.id] = model.rate(
            difficulty, count, level, seen
        )
        self.estimates[user][challenge.area] = model.next_level(level, difficulty, seen)

    def tally(self, felt: float, expected: float, done: bool, last_week: bool) -> None:
        self.attempts += 1
        self.avoided += not done
        self.in_band += model.in_band(felt)
        self.in_band_expected += model.in_band(expected)
        if last_week:
            self.week_picks += 1
            self.week_in_band += model.in_band(felt)
        if self.attempts in CHECKPOINTS:
            self.calibration[self.attempts] = spearman(self.calibrated, self.truth.difficulty)

    def run(self, days: int) -> World:
        for day in range(1, days + 1):
            last_week = day > days - LAST_WEEK
            for user in range(len(self.levels)):
                self.ask(user, day, self.pick(user, day), last_week)
            self.mean_level[day] = self.average_level()
        return self


def simulate(users: int = 1000, days: int = 30, seed: int = 1) -> dict[str, World]:
    deck = load_deck()
    truth = make_truth(deck, users, random.Random(seed))
    return {
        name: World(name, deck, truth, random.Random(f"{seed}:world")).run(days) for name in PICKERS
    }


def estimate_error(world: World, intake: bool = False) -> float:
    """Return the mean gap between the coach's level estimates (or the intake) and the truth."""
    pairs = (
        zip(world.truth.intake, world.truth.levels, strict=True)
        if intake
        else zip(world.estimates, world.levels, strict=True)
    )
    gaps = [abs(e[a] - t[a]) for e, t in pairs for a in AREAS]
    return sum(gaps) / len(gaps)


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def report(worlds: dict[str, World], users: int, days: int, seed: int) -> str:
    coach, rand = worlds["coach"], worlds["random"]
    prior = spearman([c.authored for c in coach.deck], coach.truth.difficulty)
    lines = [
        f"coach_sim: {users} users x {days} days = {coach.attempts} attempts a picker, "
        f"{len(coach.deck)} challenges, seed {seed}",
        "",
        f"Spearman(calibrated, true difficulty); authored prior alone: {prior:.3f}",
        "attempts    coach world   random world",
    ]
    for mark in CHECKPOINTS:
        if mark in coach.calibration:
            lines.append(
                f"{mark:>8,}    {coach.calibration[mark]:11.3f}   {rand.calibration[mark]:12.3f}"
            )
    final = {
        name: spearman(w.calibrated, w.truth.difficulty)
        for name, w in (("coach", coach), ("random", rand))
    }
    lines.append(f"{'final':>8}    {final['coach']:11.3f}   {final['random']:12.3f}")
    at_20k = {name: w.calibration.get(20_000) for name, w in (("coach", coach), ("random", rand))}
    met = [name for name, value in at_20k.items() if value is not None and value >= 0.9]
    if any(v is not None for v in at_20k.values()):
        lines.append(f"target >= 0.9 by 20,000 attempts met by: {', '.join(met) or 'neither'}")
    lines.append(
        "coach's level estimates, mean |estimate - true level|: at the intake "
        f"{estimate_error(coach, intake=True):.2f}, at the end {estimate_error(coach):.2f}"
    )
    marks = sorted({d for d in (1, 10, 20, 30, days) if d <= days})
    lines += [
        "",
        f"picks whose true anticipated anxiety is in the band {model.BAND[0]:g}-{model.BAND[1]:g}",
        "picker      felt   last week   noise-free   avoided",
    ]
    for name, w in worlds.items():
        lines.append(
            f"{name:<9} {share(w.in_band, w.attempts)}      {share(w.week_in_band, w.week_picks)}"
            f"       {share(w.in_band_expected, w.attempts)}    {share(w.avoided, w.attempts)}"
        )
    lines += [
        "",
        "mean true comfort level (anxiety before a difficulty-5 ask), end of day",
        "picker    "
        + "".join(f"{'start' if d == 0 else f'day {d}':>9}" for d in [0, *marks])
        + "     fall",
    ]
    for name, w in worlds.items():
        row = "".join(f"{w.mean_level[d]:9.2f}" for d in [0, *marks])
        lines.append(f"{name:<10}{row}{w.mean_level[0] - w.mean_level[days]:9.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    worlds = simulate(args.users, args.days, args.seed)
    print(report(worlds, args.users, args.days, args.seed))
    print(f"\nrun time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
