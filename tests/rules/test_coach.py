"""The coach: the intake and the ladder, the daily picker, learning from each ask (in a
background job), and the simulation that checks it calibrates."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Iterator
from statistics import mean
from typing import Any

import pytest
from benchmarks import coach_sim
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage

from rejection.challenges.deck import load_deck
from rejection.challenges.models import Challenge
from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.choosing import rank_candidates
from rejection.coach.models import ChallengeRating, CoachState, Intake, LadderStep, LearnedAttempt
from rejection.coach.picker import choose, explain
from rejection.coach.services import add_step, build_ladder, ladder_for, move_step, swap_step
from rejection.coach.state import state_for
from rejection.coach.tasks import learn_from_attempt
from rejection.core.errors import Conflict
from rejection.practice.today import pick_today
from tests.conftest import make_user
from tests.writes import (
    delete_ask,
    edit_ask,
    log_ask,
    order_ladder,
    refused_fields,
    take_intake,
    write_challenge,
)

pytestmark = pytest.mark.django_db


# The intake and the ladder ---------------------------------------------------------


ALL_FIVES = dict.fromkeys(AREAS, 5)


@pytest.fixture
def deck(db):
    return load_deck()


def custom(user, title: str = "Ask my landlord for a week's grace", **extra) -> Challenge:
    data = {"title": title, "category": "strangers", "difficulty": 5, **extra}
    return write_challenge(user, data)


@pytest.mark.parametrize(
    ("ratings", "focus", "field"),
    [
        ({"dragons": 5}, [], "ratings.dragons"),
        ({"strangers": 11}, [], "ratings.strangers"),
        ({"strangers": -1}, [], "ratings.strangers"),
        ({"money": 3.5}, [], "ratings.money"),
        ({"money": "4"}, [], "ratings.money"),
        ({"online": True}, [], "ratings.online"),
        ([5, 5], [], "ratings"),
        (ALL_FIVES, ["strangers", "service", "work", "money"], "focus"),
        (ALL_FIVES, ["dragons"], "focus"),
    ],
)
def test_intake_refuses_bad_answers_and_names_the_field(owner, ratings, focus, field) -> None:
    assert refused_fields(take_intake, owner, ratings, focus) == {field}
    assert not Intake.objects.filter(user=owner).exists()
    assert not CoachState.objects.filter(user=owner).exists()


def test_intake_refuses_long_goals(owner) -> None:
    assert refused_fields(take_intake, owner, ALL_FIVES, [], "x" * 1001) == {"goals"}


def test_intake_sets_levels_and_builds_a_first_ladder(owner, small_deck) -> None:
    ratings = {**ALL_FIVES, "strangers": 2, "online": 9}
    intake = take_intake(owner, ratings, ["online"], "  To ask for a raise.  ")
    assert intake.ratings == ratings and intake.focus == ["online"] and not intake.skipped
    assert intake.goals == "To ask for a raise."
    levels = CoachState.objects.get(user=owner).levels
    assert levels["strangers"] == 2.0 and levels["online"] == 9.0
    assert 10 <= LadderStep.objects.filter(user=owner).count() <= 15


def test_skipping_stores_skipped_and_leaves_default_levels(owner, small_deck) -> None:
    intake = take_intake(owner, {}, skipped=True)
    assert intake.skipped and intake.ratings == {}
    levels = CoachState.objects.filter(user=owner).values_list("levels", flat=True).first()
    assert levels is None or set(levels.values()) == {model.DEFAULT_LEVEL}
    assert LadderStep.objects.filter(user=owner).count() >= 10  # a ladder from defaults


def test_skipping_later_keeps_the_answers_given_before(owner, small_deck) -> None:
    take_intake(owner, {**ALL_FIVES, "strangers": 1})
    kept = take_intake(owner, {}, skipped=True)
    assert not kept.skipped and kept.ratings["strangers"] == 1


def test_retaking_the_intake_resets_levels_but_keeps_the_ladder(owner, small_deck) -> None:
    take_intake(owner, ALL_FIVES)
    ladder = [step.challenge.pk for step in ladder_for(owner)]
    state = CoachState.objects.get(user=owner)
    state.levels = {**state.levels, "strangers": 8.4}
    state.save()
    take_intake(owner, {**ALL_FIVES, "strangers": 3})
    assert CoachState.objects.get(user=owner).levels["strangers"] == 3.0
    assert [step.challenge.pk for step in ladder_for(owner)] == ladder


def test_ladder_rises_across_areas_with_distinct_steps(owner, deck) -> None:
    take_intake(owner, ALL_FIVES)
    steps = ladder_for(owner)
    assert 10 <= len(steps) <= 15
    ids = [step.challenge.pk for step in steps]
    assert len(set(ids)) == len(ids)
    expected = [step.expected_anxiety for step in steps]
    assert expected == sorted(expected)
    assert expected[0] <= 3 and expected[-1] >= 8
    per_area = Counter(step.area for step in steps)
    assert len(per_area) >= 4 and max(per_area.values()) <= 3
    assert [step.position for step in steps] == list(range(1, len(steps) + 1))


def test_focus_areas_get_more_steps(owner, deck) -> None:
    take_intake(owner, ALL_FIVES, ["money", "help"])
    per_area = Counter(step.area for step in ladder_for(owner))
    others = [count for area, count in per_area.items() if area not in {"money", "help"}]
    assert per_area["money"] == per_area["help"] == 3
    assert max(others) < 3


def test_the_ladder_follows_the_levels(owner, friend, deck) -> None:
    take_intake(owner, {**ALL_FIVES, "public": 9})
    take_intake(friend, {**ALL_FIVES, "public": 1})
    mine = {s.challenge.pk: s.expected_anxiety for s in ladder_for(owner) if s.area == "public"}
    theirs = {s.challenge.pk: s for s in ladder_for(friend) if s.area == "public"}
    # Someone calm in public gets harder public asks than someone for whom they are hard.
    hardest_mine = max(Challenge.objects.get(pk=pk).difficulty for pk in mine)
    assert max(step.challenge.difficulty for step in theirs.values()) > hardest_mine


def test_building_is_deterministic_and_prefers_asks_not_done(owner, deck) -> None:
    take_intake(owner, ALL_FIVES)
    first = [step.challenge.pk for step in ladder_for(owner)]
    assert [step.challenge.pk for step in build_ladder(owner)] == first
    log_ask(owner, {"challenge_id": first[0], "outcome": "accepted"})
    rebuilt = build_ladder(owner)
    assert first[0] not in [step.challenge.pk for step in rebuilt]


def test_small_deck_still_fills_a_ladder(owner, small_deck) -> None:
    steps = build_ladder(owner)
    assert len(steps) == 12 and len({s.challenge.pk for s in steps}) == 12


def test_empty_deck_builds_an_empty_ladder(owner) -> None:
    assert build_ladder(owner) == [] and take_intake(owner, ALL_FIVES).pk


def test_done_marks_any_attempt_but_an_avoided_one(owner, small_deck) -> None:
    steps = build_ladder(owner)
    log_ask(owner, {"challenge_id": steps[0].challenge.pk, "outcome": "rejected"})
    log_ask(owner, {"challenge_id": steps[1].challenge.pk, "outcome": "avoided"})
    done = [step.done for step in ladder_for(owner)]
    assert done[0] and not done[1] and not any(done[2:])


def test_set_ladder_replaces_the_order(owner, small_deck) -> None:
    ids = [step.challenge.pk for step in build_ladder(owner)]
    steps = order_ladder(owner, list(reversed(ids[:5])))
    assert [step.challenge.pk for step in steps] == list(reversed(ids[:5]))


@pytest.mark.parametrize("bad", [[], list(range(1, 17)), [1, 1], ["1"], [True], "1,2", [10**9]])
def test_set_ladder_refuses_bad_lists_naming_steps(owner, small_deck, bad) -> None:
    build_ladder(owner)
    before = [step.challenge.pk for step in ladder_for(owner)]
    assert refused_fields(order_ladder, owner, bad) == {"steps"}
    assert [step.challenge.pk for step in ladder_for(owner)] == before


def test_another_users_custom_challenge_cannot_go_on_a_ladder(owner, friend, small_deck) -> None:
    theirs = custom(friend)
    build_ladder(owner)
    assert refused_fields(order_ladder, owner, [theirs.pk]) == {"steps"}
    assert refused_fields(add_step, owner, theirs.pk) == {"challenge_id"}


def test_move_step_up_and_down(owner, small_deck) -> None:
    ids = [step.challenge.pk for step in build_ladder(owner)]
    moved = [step.challenge.pk for step in move_step(owner, 1, +1)]
    assert moved[:2] == [ids[1], ids[0]] and moved[2:] == ids[2:]
    assert [s.challenge.pk for s in move_step(owner, 1, -1)] == moved  # already at the bottom
    with pytest.raises(LadderStep.DoesNotExist):
        move_step(owner, 99, +1)


def test_swap_step_keeps_the_area_and_the_nerves_near(owner, deck) -> None:
    take_intake(owner, ALL_FIVES)
    before = ladder_for(owner)
    after = swap_step(owner, 4)
    assert after[3].challenge.pk != before[3].challenge.pk
    assert after[3].challenge.pk not in {step.challenge.pk for step in before}
    assert after[3].area == before[3].area
    assert abs(after[3].expected_anxiety - before[3].expected_anxiety) <= 1.0
    assert [s.challenge.pk for i, s in enumerate(after) if i != 3] == [
        s.challenge.pk for i, s in enumerate(before) if i != 3
    ]
    with pytest.raises(LadderStep.DoesNotExist):
        swap_step(owner, 0)


def test_swap_says_so_when_the_area_is_used_up(owner, small_deck) -> None:
    strangers = list(
        Challenge.objects.filter(category__slug="strangers").values_list("pk", flat=True)
    )
    order_ladder(owner, strangers)
    with pytest.raises(Conflict):
        swap_step(owner, 1)


def test_add_step_puts_my_custom_challenge_where_its_nerves_fit(owner, small_deck) -> None:
    build_ladder(owner)
    mine = custom(owner, difficulty=5)
    steps = add_step(owner, mine.pk)
    expected = [step.expected_anxiety for step in steps]
    assert mine.pk in [step.challenge.pk for step in steps] and expected == sorted(expected)
    assert refused_fields(add_step, owner, mine.pk) == {"challenge_id"}  # already on it


def test_add_step_at_a_position_and_the_limit(owner, small_deck) -> None:
    ids = [step.challenge.pk for step in build_ladder(owner)]
    spare = Challenge.objects.exclude(pk__in=ids).order_by("id")
    steps = add_step(owner, spare[0].pk, position=1)
    assert steps[0].challenge.pk == spare[0].pk and len(steps) == 13
    add_step(owner, spare[1].pk, position=99)
    assert ladder_for(owner)[-1].challenge.pk == spare[1].pk
    add_step(owner, spare[2].pk)
    assert len(ladder_for(owner)) == 15
    assert refused_fields(add_step, owner, spare[3].pk) == {"challenge_id"}


def test_users_ladders_are_their_own(owner, small_deck) -> None:
    other = make_user("other")
    build_ladder(owner)
    assert ladder_for(other) == []


def test_my_own_challenge_the_safety_screen_flagged_stays_off_the_ladder(owner, small_deck):
    mine = custom(owner)
    Challenge.objects.filter(pk=mine.pk).update(safety_status=Challenge.Safety.FLAGGED)
    build_ladder(owner)
    assert refused_fields(add_step, owner, mine.pk) == {"challenge_id"}
    assert refused_fields(order_ladder, owner, [mine.pk]) == {"steps"}


# The daily picker -----------------------------------------------------------------


START = dt.date(2026, 3, 2)


def with_intake(name: str, **ratings: int) -> object:
    user = make_user(name)
    Intake.objects.create(user=user, ratings={area: ratings.get(area, 5) for area in AREAS})
    return user


def week_of_picks(user) -> list:
    return [pick_today(user, START + dt.timedelta(days=day)).challenge for day in range(7)]


def test_the_first_week_follows_the_intake(deck) -> None:
    user = with_intake("brave-with-strangers", strangers=1, public=9, silly=9)
    levels = state_for(user).levels
    picks = week_of_picks(user)
    expected = [
        model.predicted_anxiety(levels[area_of(c.category.slug)], c.difficulty) for c in picks
    ]
    # Every pick aims at the moderate band for this person...
    assert mean(expected) == pytest.approx(model.BAND_CENTRE, abs=1.0)
    # ...so easy-for-them areas get hard asks and scary areas only gentle ones, if any.
    by_area: dict[str, list[int]] = {}
    for challenge in deck_challenges_for(user, 40):
        by_area.setdefault(area_of(challenge.category.slug), []).append(challenge.difficulty)
    middling = [
        d
        for area, ds in by_area.items()
        if area not in {"strangers", "public", "silly"}
        for d in ds
    ]
    assert mean(by_area["strangers"]) > mean(middling) + 2
    assert all(d <= 3 for d in by_area.get("public", []) + by_area.get("silly", []))


def deck_challenges_for(user, days: int) -> list:
    return [pick_today(user, START + dt.timedelta(days=day)).challenge for day in range(days)]


def test_picks_vary_and_never_repeat_within_thirty_days(deck) -> None:
    user = with_intake("varied")
    picks = deck_challenges_for(user, 30)
    assert len({c.pk for c in picks}) == 30
    areas = [area_of(c.category.slug) for c in picks[:7]]
    assert len(set(areas)) >= 3
    assert all(a != b or a != c for a, b, c in zip(areas, areas[1:], areas[2:], strict=False))


def test_the_coach_climbs_as_anxiety_falls(deck) -> None:
    user = with_intake("climber", service=6)
    before = model.difficulty_for(state_for(user).levels["service"])
    shop = deck_challenge(area="service", difficulty=4)
    for _ in range(6):
        log_ask(
            user,
            {
                "challenge_id": shop.pk,
                "outcome": "rejected",
                "anxiety_before": 2,
                "anxiety_after": 1,
            },
        )
    after = model.difficulty_for(CoachState.objects.get(user=user).levels["service"])
    assert after > before + 1


def test_avoiding_makes_the_next_steps_gentler(deck) -> None:
    user = with_intake("avoider", public=5)
    hard = deck_challenge(area="public", difficulty=8)
    level = state_for(user).levels["public"]
    log_ask(user, {"challenge_id": hard.pk, "outcome": "avoided"})
    assert CoachState.objects.get(user=user).levels["public"] > level


def test_difficulty_is_calibrated_from_everyones_reports(deck) -> None:
    easy_looking = deck_challenge(area="service", difficulty=3)
    for n in range(8):
        user = with_intake(f"crowd{n}", service=5)
        log_ask(user, {"challenge_id": easy_looking.pk, "outcome": "rejected", "anxiety_before": 9})
    rating = ChallengeRating.objects.get(challenge=easy_looking)
    assert rating.count == 8
    assert rating.difficulty > 3 + 2  # people found it far harder than authored


def test_a_pick_costs_a_fixed_number_of_queries(deck) -> None:
    small = with_intake("small")
    large = with_intake("large")
    for day in range(25):
        challenge = pick_today(large, START - dt.timedelta(days=30 - day)).challenge
        log_ask(large, {"challenge_id": challenge.pk, "outcome": "rejected", "anxiety_before": 5})
    counts = []
    for user in (small, large):
        choose(user, START, None, set(), 0)
        with CaptureQueriesContext(connection) as captured:
            choose(user, START, None, set(), 1)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_reason_names_the_area_and_the_step() -> None:
    assert (
        explain("service", 3.0, 6.0, 3.0)
        == "Feels about 4/10 for you. Service staff asks felt 3/10 last time; this is one step up."
    )
    assert "gentler" in explain("public", 7.0, 3.0, 8.0)
    assert explain("online", 5.0, 5.0, None).startswith("Feels about 5/10 for you (online)")


def deck_challenge(area: str, difficulty: int):
    from rejection.challenges.models import Challenge

    for challenge in Challenge.objects.select_related("category").order_by("id"):
        if area_of(challenge.category.slug) == area and challenge.difficulty == difficulty:
            return challenge
    raise LookupError((area, difficulty))


# Learning, in a background job ----------------------------------------------------


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The real queue path: jobs wait in an in-memory queue until the test runs them."""
    # A consumer closes stale connections around each job; here that would close the
    # connection holding the test's transaction (PostgreSQL), so it is left open.
    monkeypatch.setattr("huey.contrib.djhuey.close_old_connections", lambda: None)
    HUEY.immediate = False
    HUEY.storage = MemoryStorage(HUEY.name)
    yield HUEY
    HUEY.immediate = True  # back to inline jobs, on a fresh memory queue


def run_queued(huey: Any) -> int:
    """Run every queued job, as one consumer would; return how many ran."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


def a_card(small_deck: Any) -> Challenge:
    return Challenge.objects.filter(author=None).order_by("pk").first()  # type: ignore[return-value]


def log_rejection(user: Any, card: Challenge) -> Any:
    data = {"challenge_id": card.pk, "outcome": "rejected", "anxiety_before": 9}
    return log_ask(user, data).attempt


def test_immediate_mode_learns_inside_the_logging_transaction(owner, small_deck) -> None:
    card = a_card(small_deck)
    attempt = log_rejection(owner, card)
    assert LearnedAttempt.objects.filter(attempt=attempt).exists()
    assert ChallengeRating.objects.get(challenge=card).count == 1
    assert CoachState.objects.get(user=owner).last_felt


def test_running_the_job_twice_learns_once(owner, small_deck) -> None:
    card = a_card(small_deck)
    attempt = log_rejection(owner, card)
    rating = ChallengeRating.objects.get(challenge=card)
    levels = CoachState.objects.get(user=owner).levels

    assert learn_from_attempt.call_local(attempt.pk) is False  # a second delivery

    assert ChallengeRating.objects.get(challenge=card).count == rating.count == 1
    assert ChallengeRating.objects.get(challenge=card).difficulty == rating.difficulty
    assert CoachState.objects.get(user=owner).levels == levels
    assert LearnedAttempt.objects.count() == 1


def test_a_deleted_ask_teaches_nothing(owner, small_deck, queue) -> None:
    card = a_card(small_deck)
    prior = ChallengeRating.objects.get(challenge=card)
    attempt = log_rejection(owner, card)  # queued, not yet run
    attempt_id = attempt.pk
    delete_ask(owner, attempt)

    assert learn_from_attempt.call_local(attempt_id) is False

    assert ChallengeRating.objects.get(challenge=card).count == prior.count == 0
    assert not CoachState.objects.filter(user=owner).exists()
    assert not LearnedAttempt.objects.exists()


def test_the_queue_holds_the_job_until_a_consumer_runs_it(
    owner, small_deck, queue, django_capture_on_commit_callbacks
) -> None:
    card = a_card(small_deck)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        log_rejection(owner, card)
    assert len(queue) == 0, "nothing is queued before the ask's transaction commits"

    for callback in callbacks:  # the commit
        callback()
    assert len(queue) == 1
    assert ChallengeRating.objects.get(challenge=card).count == 0
    assert not CoachState.objects.filter(user=owner).exists()

    assert run_queued(queue) == 1

    assert ChallengeRating.objects.get(challenge=card).count == 1
    assert CoachState.objects.get(user=owner).last_felt
    assert LearnedAttempt.objects.count() == 1


def test_a_rolled_back_ask_queues_nothing(
    owner, small_deck, queue, django_capture_on_commit_callbacks
) -> None:
    card = a_card(small_deck)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        log_rejection(owner, card)
        raise RuntimeError("something later in the same transaction failed")
    assert callbacks == [] and len(queue) == 0


def test_asks_that_teach_nothing_queue_no_job(
    owner, small_deck, queue, django_capture_on_commit_callbacks
) -> None:
    card = a_card(small_deck)
    with django_capture_on_commit_callbacks(execute=True):
        log_ask(owner, {"ask": "Asked for a discount", "outcome": "rejected"})
        log_ask(owner, {"challenge_id": card.pk, "outcome": "pending"})
    assert len(queue) == 0


# The simulation ------------------------------------------------------------------


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


def test_an_ask_in_progress_teaches_once_it_is_finished(owner, small_deck) -> None:
    card = Challenge.objects.order_by("pk").first()
    ask = log_ask(owner, {"challenge_id": card.pk, "outcome": "in_progress", "anxiety_before": 8})
    assert not CoachState.objects.filter(user=owner).exists()  # nothing learnt yet
    edit_ask(owner, ask.attempt, {"outcome": "rejected", "anxiety_after": 2})
    assert CoachState.objects.get(user=owner).last_felt
