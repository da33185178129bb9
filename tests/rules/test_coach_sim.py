"""The coach's simulation and its shared picking rule: deterministic, correct statistics,
and a ranking that prefers the band, varies areas and leans towards focus areas."""

from __future__ import annotations

import math
import random

import pytest
from benchmarks import coach_sim

from rejection.coach import model
from rejection.coach.choosing import rank_candidates


def ids(ranked):
    return [row[0] for row in ranked]


def test_small_run_is_deterministic_for_a_seed():
    first = coach_sim.report(coach_sim.simulate(60, 10, seed=3), 60, 10, 3)
    again = coach_sim.report(coach_sim.simulate(60, 10, seed=3), 60, 10, 3)
    other = coach_sim.report(coach_sim.simulate(60, 10, seed=4), 60, 10, 4)
    assert first == again
    assert first != other
    assert "600 attempts a picker" in first


def test_small_run_never_repeats_and_the_coach_beats_random():
    worlds = coach_sim.simulate(60, 10, seed=1)
    for world in worlds.values():
        assert world.attempts == 600
        assert all(len(seen) == 10 for seen in world.last_seen)  # ten different challenges each
    assert worlds["coach"].in_band > worlds["random"].in_band
    assert worlds["coach"].avoided < worlds["random"].avoided


def test_main_prints_the_tables(capsys):
    coach_sim.main(["--users", "20", "--days", "3", "--seed", "2"])
    out = capsys.readouterr().out
    assert "Spearman(calibrated, true difficulty)" in out
    assert "authored" in out and "run time" in out


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([3.0, 1.0, 2.0], [3.0, 1.0, 2.0]),
        ([10, 20, 20, 30], [1.0, 2.5, 2.5, 4.0]),
        ([5, 5, 5], [2.0, 2.0, 2.0]),
        ([2, 1, 2, 1, 3], [3.5, 1.5, 3.5, 1.5, 5.0]),
    ],
)
def test_ranks_average_ties(values, expected):
    assert coach_sim.ranks(values) == expected


def test_spearman_known_cases():
    assert coach_sim.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert coach_sim.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # Monotone but not linear: still a perfect rank correlation.
    assert coach_sim.spearman([1, 2, 3, 4], [1, 8, 27, 64]) == pytest.approx(1.0)
    # With ties (the value scipy.stats.spearmanr gives).
    assert coach_sim.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)
    assert coach_sim.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert math.isnan(coach_sim.spearman([1, 1, 1], [1, 2, 3]))
    with pytest.raises(ValueError):
        coach_sim.spearman([1], [1])


LEVELS = {"strangers": 5.0, "service": 5.0, "work": 5.0}


def test_rank_prefers_the_band_and_its_centre():
    candidates = [
        (1, "strangers", 9.0),
        (2, "strangers", 5.5),
        (3, "strangers", 5.0),
        (4, "strangers", 1.0),
    ]
    ranked = rank_candidates(candidates, LEVELS, [], [], random.Random(1))
    assert ids(ranked)[:2] == [3, 2]  # predicted 5.0, then 5.4
    assert all(model.in_band(model.predicted_anxiety(5.0, d)) for _, _, d in ranked[:2])
    assert set(ids(ranked)[2:]) == {1, 4}


def test_rank_varies_areas_but_not_out_of_the_band():
    candidates = [(1, "strangers", 5.0), (2, "service", 5.5), (3, "work", 9.0)]
    ranked = rank_candidates(candidates, LEVELS, ["strangers", "strangers"], [], random.Random(1))
    assert ids(ranked) == [
        2,
        1,
        3,
    ]  # recent area after a fresh one, both before the out-of-band one
    ranked = rank_candidates(candidates, LEVELS, ["strangers", "service"], [], random.Random(1))
    assert ids(ranked)[:2] == [1, 2]


def test_rank_leans_towards_focus_areas():
    candidates = [(1, "strangers", 5.0), (2, "service", 5.0), (3, "work", 8.0)]
    assert ids(rank_candidates(candidates, LEVELS, [], ["service"], random.Random(1)))[0] == 2
    assert ids(rank_candidates(candidates, LEVELS, [], ["strangers"], random.Random(1)))[0] == 1
    # Focus never lifts an out-of-band candidate above an in-band one.
    assert ids(rank_candidates(candidates, LEVELS, [], ["work"], random.Random(1)))[-1] == 3


def test_rank_breaks_ties_with_the_seeded_rng_and_defaults_unknown_areas():
    candidates = [(n, "online", 5.0) for n in range(8)]  # no level given: DEFAULT_LEVEL
    first = ids(rank_candidates(candidates, {}, [], [], random.Random(7)))
    assert first == ids(rank_candidates(candidates, {}, [], [], random.Random(7)))
    assert sorted(first) == list(range(8))
    orders = {
        tuple(ids(rank_candidates(candidates, {}, [], [], random.Random(s)))) for s in range(5)
    }
    assert len(orders) > 1
    assert rank_candidates([], LEVELS, [], [], random.Random(1)) == []
