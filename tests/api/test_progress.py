"""Profile, programs, Today, rerolls, rest days and stats."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.accounts.models import Profile
from rejection.progress.models import DailyPick, Enrollment
from tests.api.conftest import assert_error
from tests.conftest import bearer, make_user
from tests.writes import edit_ask, log_ask

NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
ME_FIELDS = {
    "username", "display_name", "timezone", "streak_mode", "points", "current_streak",
    "best_streak", "freezes_left", "bio", "public_profile", "adult_confirmed",
}  # fmt: skip
TODAY_FIELDS = {
    "date", "day_number", "program", "challenge", "done_today", "current_streak", "rerolls_left",
    "why", "freezes_left", "rest_today", "points", "best_streak", "asks_today", "program_finished",
}  # fmt: skip


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOON, tick=False):
        yield


def test_me(api, owner, headers):
    log_ask(owner, {"ask": "x", "outcome": "rejected"})
    body = api.get("/me", headers=headers).json()
    assert set(body) == ME_FIELDS
    assert body["username"] == "owner"
    assert body["timezone"] == "Europe/London"
    assert body["streak_mode"] == "classic"
    assert (body["points"], body["current_streak"], body["best_streak"]) == (10, 1, 1)
    assert body["freezes_left"] == 2


def test_me_streak_is_as_seen_today(api, owner, headers):
    log_ask(owner, {"ask": "x", "outcome": "rejected"})
    with time_machine.travel(NOON + dt.timedelta(days=3), tick=False):
        body = api.get("/me", headers=headers).json()
    assert (body["current_streak"], body["best_streak"]) == (0, 1)


def test_patch_me(api, owner, headers):
    body = {"display_name": "  Olive ", "timezone": "America/Chicago", "streak_mode": "gentle"}
    response = api.patch("/me", body, headers=headers)
    assert response.status_code == 200
    assert response.json()["display_name"] == "Olive"
    profile = Profile.objects.get(user=owner)
    assert (profile.timezone, profile.streak_mode) == ("America/Chicago", "gentle")


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"timezone": "Mars/Base"}, {"timezone"}),
        ({"streak_mode": "hardcore"}, {"streak_mode"}),
        ({"display_name": "d" * 81}, {"display_name"}),
        ({"points": 1000}, {"points"}),
        ({"timezone": None, "streak_mode": None}, {"timezone", "streak_mode"}),
    ],
)
def test_patch_me_names_bad_fields_and_changes_nothing(api, owner, headers, body, fields):
    assert set(assert_error(api.patch("/me", body, headers=headers), 422, "invalid")) == fields
    profile = Profile.objects.get(user=owner)
    assert (profile.timezone, profile.streak_mode, profile.points) == (
        "Europe/London",
        "classic",
        0,
    )


def test_programs(api, headers):
    response = api.get("/programs", headers=headers)
    assert response.status_code == 200
    slugs = {item["slug"]: item for item in response.json()}
    assert {"classic-30", "100-days", "custom"} <= set(slugs)
    assert slugs["classic-30"]["length_days"] == 30
    assert slugs["custom"]["length_days"] is None


def test_start_a_program_and_restart_another(api, owner, headers):
    response = api.post("/programs/classic-30/start", headers=headers)
    assert response.status_code == 201
    assert response.json() == {
        "program": {"slug": "classic-30", "name": "Classic 30", "length_days": 30},
        "length_days": 30,
        "start_date": "2026-03-10",
        "day_number": 1,
    }
    response = api.post("/programs/custom/start", {"length_days": 45}, headers=headers)
    assert response.status_code == 201
    assert response.json()["length_days"] == 45
    assert Enrollment.objects.filter(user=owner, active=True).get().length_days == 45


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"length_days": 0}, 422),
        ({"length_days": 366}, 422),
        ({"length_days": "30"}, 422),
        # Well formed, but the custom program needs a length.
        (None, 409),
        ({}, 409),
    ],
)
def test_custom_program_needs_a_length(api, owner, headers, body, status):
    response = api.post("/programs/custom/start", body, headers=headers)
    assert_error(response, status, "invalid" if status == 422 else "length_needed", "length_days")
    assert not Enrollment.objects.exists()


def test_unknown_program_is_404(api, headers):
    assert_error(api.post("/programs/no-such/start", headers=headers), 404, "not_found")


def test_today_without_a_program(api, headers):
    response = api.get("/today", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == TODAY_FIELDS
    assert body["date"] == "2026-03-10"
    assert body["program"] is None and body["day_number"] is None
    assert body["challenge"]["id"] and body["challenge"]["category"]["slug"]
    assert (body["done_today"], body["rerolls_left"], body["freezes_left"]) == (False, 3, 2)


def test_today_counts_day_n_in_the_users_time_zone(api, db, small_deck):
    kiwi = make_user("kiwi", "Pacific/Auckland")
    headers = bearer(kiwi)
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC), tick=False):
        # 23:00 on 9 March in Auckland: Day 1 is the 9th.
        assert (
            api.post("/programs/classic-30/start", headers=headers).json()["start_date"]
            == "2026-03-09"
        )
    with time_machine.travel(dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC), tick=False):
        body = api.get("/today", headers=headers).json()
    assert (body["date"], body["day_number"]) == ("2026-03-11", 3)
    assert body["program"] == {"slug": "classic-30", "name": "Classic 30", "length_days": 30}


def test_today_after_a_no(api, owner, headers):
    api.post("/programs/classic-30/start", headers=headers)
    challenge = api.get("/today", headers=headers).json()["challenge"]
    api.post("/attempts", {"challenge_id": challenge["id"], "outcome": "rejected"}, headers=headers)
    body = api.get("/today", headers=headers).json()
    assert body["challenge"]["id"] == challenge["id"]
    assert (body["done_today"], body["current_streak"], body["points"], body["day_number"]) == (
        True, 1, 10, 1,
    )  # fmt: skip


def test_reroll_three_times_then_409(api, owner, headers):
    first = api.get("/today", headers=headers).json()["challenge"]["id"]
    seen = {first}
    for left in (2, 1, 0):
        response = api.post("/today/reroll", headers=headers)
        assert response.status_code == 200
        assert response.json()["rerolls_left"] == left
        seen.add(response.json()["challenge"]["id"])
    assert len(seen) == 4
    response = api.post("/today/reroll", headers=headers)
    assert_error(response, 409, "no_rerolls_left")
    assert DailyPick.objects.get(user=owner).rerolls_used == 3


def test_rest_day_then_409(api, owner, headers):
    response = api.post("/today/rest", headers=headers)
    assert response.status_code == 200
    assert (response.json()["rest_today"], response.json()["freezes_left"]) == (True, 1)
    assert_error(api.post("/today/rest", headers=headers), 409, "already_resting")
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        assert api.post("/today/rest", headers=headers).status_code == 200
    with time_machine.travel(NOON + dt.timedelta(days=2), tick=False):
        assert_error(api.post("/today/rest", headers=headers), 409, "no_rest_days_left")


def test_each_user_has_their_own_today(api, owner, friend, headers):
    api.post("/today/rest", headers=headers)
    body = api.get("/today", headers=bearer(friend)).json()
    assert body["rest_today"] is False and body["date"] == "2026-03-10"


def test_stats(api, owner, friend, headers):
    log_ask(
        owner, {"ask": "a", "outcome": "rejected", "predicted_rejection": 90, "anxiety_before": 8}
    )
    log_ask(
        owner, {"ask": "b", "outcome": "accepted", "predicted_rejection": 70, "anxiety_after": 2}
    )
    log_ask(owner, {"ask": "c", "outcome": "pending", "predicted_rejection": 10})
    log_ask(friend, {"ask": "d", "outcome": "partial"})
    response = api.get("/stats", headers=headers)
    assert response.status_code == 200
    assert response.json() == {
        "totals_by_outcome": {
            "rejected": 1, "no_response": 0, "partial": 0,
            "accepted": 1, "pending": 1, "avoided": 0,
        },
        "completed": 2,
        "points": 11,
        "current_streak": 1,
        "best_streak": 1,
        "yes_rate": 0.5,
        "avg_anxiety_before": 8.0,
        "avg_anxiety_after": 2.0,
        "predicted_rejection_avg": None,  # logged in one step: no prediction made before
        "actual_rejection_rate": 0.5,
    }  # fmt: skip


def test_calibration_counts_only_predictions_made_before_the_answer(api, owner, headers):
    """A chance of a no written in after the answer is known is not a prediction: the expected
    no in /stats (and Progress's calibration, read from the same tallies) leaves it out."""
    started = log_ask(owner, {"ask": "a", "outcome": "in_progress", "predicted_rejection": 60})
    edit_ask(owner, started.attempt, {"outcome": "rejected"})
    log_ask(owner, {"ask": "b", "outcome": "accepted", "predicted_rejection": 10})
    started.attempt.refresh_from_db()
    assert started.attempt.predicted_before
    body = api.get("/stats", headers=headers).json()
    assert body["predicted_rejection_avg"] == 0.6 and body["completed"] == 2


def test_stats_with_nothing_logged(api, headers):
    body = api.get("/stats", headers=headers).json()
    assert body["yes_rate"] is None and body["actual_rejection_rate"] is None
    assert body["predicted_rejection_avg"] is None and body["points"] == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/me"), ("PATCH", "/me"), ("GET", "/programs"),
        ("POST", "/programs/classic-30/start"), ("GET", "/today"), ("POST", "/today/reroll"),
        ("POST", "/today/rest"), ("GET", "/stats"),
    ],
)  # fmt: skip
def test_anonymous_gets_401_and_nothing_changes(api, owner, small_deck, method, path):
    assert_error(api.call(method, path, {}), 401, "unauthorized")
    assert not Enrollment.objects.exists() and not DailyPick.objects.exists()


def test_today_with_an_empty_deck_is_a_conflict_not_a_crash(api, owner):
    headers = bearer(owner)
    assert_error(api.get("/today", headers=headers), 409, "deck_empty")
    assert_error(api.post("/today/reroll", headers=headers), 409, "deck_empty")


def test_outcomes_list_the_one_vocabulary(api, owner):
    from rejection.journal.models import Outcome
    from rejection.web.copy import OUTCOME_TILES
    from tests.conftest import bearer

    body = api.get("/outcomes", bearer(owner)).json()
    assert [row["value"] for row in body] == list(Outcome.values)
    labels = {row["value"]: row["label"] for row in body}
    assert labels["rejected"] == "No" and labels["accepted"] == "Yes"
    assert labels == {value: OUTCOME_TILES[value][0] for value in Outcome.values}
    assert {row["value"] for row in body if row["counts_as_no"]} == {"rejected", "no_response"}
    assert api.get("/outcomes").status_code == 401
