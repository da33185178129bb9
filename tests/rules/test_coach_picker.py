"""The coach: picks at the edge of comfort that follow the intake, vary, never repeat
within 30 days, and learn from every ask; difficulty calibrated from the crowd."""

from __future__ import annotations

import datetime as dt
from statistics import mean

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.deck import load_deck
from rejection.coach import model
from rejection.coach.areas import AREAS, area_of
from rejection.coach.models import ChallengeRating, CoachState, Intake
from rejection.coach.picker import choose, explain
from rejection.coach.state import state_for
from rejection.practice.today import pick_today
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
START = dt.date(2026, 3, 2)


@pytest.fixture
def deck(db):
    return load_deck()


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
        == "Service staff asks felt 3/10 last time; this is one step up."
    )
    assert "gentler" in explain("public", 7.0, 3.0, 8.0)
    assert explain("online", 5.0, 5.0, None).startswith(
        "Chosen to feel about 5/10 for you (online)"
    )


def deck_challenge(area: str, difficulty: int):
    from rejection.challenges.models import Challenge

    for challenge in Challenge.objects.select_related("category").order_by("id"):
        if area_of(challenge.category.slug) == area and challenge.difficulty == difficulty:
            return challenge
    raise LookupError((area, difficulty))
