"""GET/PUT /intake and GET/PUT /ladder: shapes, validation, access and query counts."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.models import Challenge
from rejection.coach.areas import AREAS
from rejection.coach.models import CoachState, LadderStep
from rejection.coach.services import build_ladder
from tests.api.conftest import assert_error
from tests.conftest import bearer
from tests.writes import log_ask, write_challenge

FIVES = dict.fromkeys(AREAS, 5)


@pytest.fixture
def auth(owner):
    return bearer(owner)


def body(response) -> dict:
    return json.loads(response.content)


def test_intake_before_it_is_taken(api, auth, small_deck) -> None:
    response = api.get("/intake", headers=auth)
    assert response.status_code == 200
    data = body(response)
    assert data["ratings"] == {} and data["focus"] == [] and not data["skipped"]
    assert [area["key"] for area in data["areas"]] == list(AREAS)
    assert len(data["areas"]) >= 8 and data["areas"][0]["label"] == "Strangers"


def test_put_intake_stores_it_resets_levels_and_builds_a_ladder(api, auth, owner, small_deck):
    sent = {"ratings": {**FIVES, "online": 8}, "focus": ["online"], "goals": "Ask for more."}
    response = api.call("PUT", "/intake", {**sent, "skipped": False}, headers=auth)
    assert response.status_code == 200, response.content
    data = body(response)
    assert data["ratings"]["online"] == 8 and data["focus"] == ["online"]
    assert body(api.get("/intake", headers=auth))["goals"] == "Ask for more."
    assert CoachState.objects.get(user=owner).levels["online"] == 8.0
    assert 10 <= len(body(api.get("/ladder", headers=auth))["steps"]) <= 15


def test_skipping_through_the_api(api, auth, owner, small_deck) -> None:
    response = api.call("PUT", "/intake", {"ratings": {}, "skipped": True}, headers=auth)
    assert response.status_code == 200 and body(response)["skipped"] is True


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"ratings": {"dragons": 4}}, "ratings.dragons"),
        ({"ratings": {"strangers": 11}}, "ratings.strangers"),
        ({"ratings": {"strangers": 3.5}}, "ratings.strangers"),
        ({"ratings": {"strangers": "3"}}, "ratings.strangers"),
        ({"ratings": FIVES, "focus": ["strangers", "service", "work", "money"]}, "focus"),
        ({"ratings": FIVES, "focus": ["nope"]}, "focus"),
        ({"ratings": FIVES, "goals": "x" * 1001}, "goals"),
        ({"ratings": FIVES, "skipped": "yes"}, "skipped"),
        ({"ratings": FIVES, "mood": "fine"}, "mood"),
        ({}, "ratings"),
    ],
)
def test_put_intake_names_the_bad_field(api, auth, owner, sent, field) -> None:
    fields = assert_error(api.call("PUT", "/intake", sent, headers=auth), 422, "invalid", field)
    assert list(fields) == [field]
    assert not CoachState.objects.filter(user=owner).exists()


def test_malformed_and_anonymous(api, auth) -> None:
    assert_error(api.call("PUT", "/intake", "{nope", headers=auth), 400, "malformed")
    assert_error(api.call("PUT", "/ladder", "{nope", headers=auth), 400, "malformed")
    for method, path in [
        ("GET", "/intake"),
        ("PUT", "/intake"),
        ("GET", "/ladder"),
        ("PUT", "/ladder"),
    ]:
        assert_error(api.call(method, path, {} if method == "PUT" else None), 401, "unauthorized")
    bad = {"Authorization": "Bearer rt_nope"}
    assert_error(api.get("/ladder", headers=bad), 401, "unauthorized")


def test_get_ladder_shape(api, auth, owner, small_deck) -> None:
    build_ladder(owner)
    steps = body(api.get("/ladder", headers=auth))["steps"]
    assert [step["position"] for step in steps] == list(range(1, len(steps) + 1))
    first = steps[0]
    assert set(first) == {"position", "challenge", "area", "expected_anxiety", "done"}
    assert set(first["challenge"]) == {"id", "title", "category", "difficulty", "is_custom"}
    expected = [step["expected_anxiety"] for step in steps]
    assert expected == sorted(expected)


def test_put_ladder_reorders_and_adds_my_own(api, auth, owner, small_deck) -> None:
    ids = [step.challenge.pk for step in build_ladder(owner)]
    mine = write_challenge(owner, {"title": "Mine", "category": "strangers", "difficulty": 3})
    order = [mine.pk, *reversed(ids[:4])]
    response = api.call("PUT", "/ladder", {"steps": order}, headers=auth)
    assert response.status_code == 200, response.content
    assert [step["challenge"]["id"] for step in body(response)["steps"]] == order
    assert body(response)["steps"][0]["challenge"]["is_custom"] is True
    assert (
        list(LadderStep.objects.filter(user=owner).values_list("challenge_id", flat=True)) == order
    )


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ([], 422),
        (list(range(1, 17)), 422),
        ([1, 1], 422),
        ([True], 422),
        (["1"], 422),
        ([0], 422),
        ("1,2", 422),
        (None, 422),
        ([10**6], 404),  # well formed, but no such challenge
    ],
)
def test_put_ladder_refuses_bad_steps(api, auth, owner, small_deck, steps, status) -> None:
    build_ladder(owner)
    before = list(LadderStep.objects.filter(user=owner).values_list("challenge_id", flat=True))
    response = api.call("PUT", "/ladder", {"steps": steps}, headers=auth)
    assert_error(response, status, "invalid" if status == 422 else "not_found", "steps")
    after = list(LadderStep.objects.filter(user=owner).values_list("challenge_id", flat=True))
    assert after == before


def test_another_users_custom_challenge_is_refused(api, auth, friend, small_deck) -> None:
    theirs = write_challenge(friend, {"title": "Theirs", "category": "strangers", "difficulty": 3})
    response = api.call("PUT", "/ladder", {"steps": [theirs.pk]}, headers=auth)
    fields = assert_error(response, 404, "not_found", "steps")
    assert str(theirs.pk) in fields["steps"][0]


def test_ladders_and_intakes_are_private(api, owner, friend, small_deck) -> None:
    build_ladder(owner)
    api.call("PUT", "/intake", {"ratings": {"strangers": 9}}, headers=bearer(owner))
    theirs = bearer(friend)
    assert body(api.get("/ladder", headers=theirs))["steps"] == []
    assert body(api.get("/intake", headers=theirs))["ratings"] == {}


def _ladder_queries(api, headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/ladder", headers=headers)
    assert response.status_code == 200
    return len(queries)


def test_get_ladder_costs_the_same_however_long_the_history(api, owner, small_deck) -> None:
    headers = bearer(owner)
    api.call("PUT", "/intake", {"ratings": FIVES}, headers=headers)
    small = _ladder_queries(api, headers)
    challenges = list(Challenge.objects.all())
    for number in range(60):
        challenge = challenges[number % len(challenges)]
        outcome = "avoided" if number % 5 == 0 else "rejected"
        log_ask(owner, {"challenge_id": challenge.pk, "outcome": outcome, "anxiety_before": 5})
    build_ladder(owner, size=15)
    assert _ladder_queries(api, headers) == small
