"""The intake and the personal ladder: validation, levels, and the ladder's shape and edits."""

from __future__ import annotations

from collections import Counter

import pytest

from rejection.challenges.deck import load_deck
from rejection.challenges.models import Challenge
from rejection.coach import model
from rejection.coach.areas import AREAS
from rejection.coach.models import CoachState, Intake, LadderStep
from rejection.coach.services import add_step, build_ladder, ladder_for, move_step, swap_step
from rejection.core.errors import Conflict
from tests.conftest import make_user
from tests.writes import log_ask, order_ladder, refused_fields, take_intake, write_challenge

pytestmark = pytest.mark.django_db
ALL_FIVES = dict.fromkeys(AREAS, 5)


@pytest.fixture
def deck(db):
    return load_deck()


def custom(user, title: str = "Ask my landlord for a week's grace", **extra) -> Challenge:
    data = {"title": title, "category": "strangers", "difficulty": 5, **extra}
    return write_challenge(user, data)


# The intake


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


# Building the ladder


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


# Editing it


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
