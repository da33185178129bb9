"""POST /import and DELETE /me: the round trip, the limits and who may call them."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import time_machine
from django.contrib.auth import get_user_model

from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.data import services
from rejection.journal.models import Attempt
from rejection.progress.services import take_rest_day
from tests.api.conftest import API, assert_error
from tests.conftest import bearer
from tests.writes import log_ask, start, write_challenge

NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
TOTAL = 22  # asks in the history fixture
PASSWORD = "correct horse battery"
FIELDS = (
    "uuid", "ask", "outcome", "occurred_at", "local_date", "anxiety_before", "anxiety_after",
    "predicted_rejection", "feared_outcome", "what_happened", "learned", "tags", "visibility",
    "starred", "points", "resolved_at", "challenge__slug", "challenge__title",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOON, tick=True):
        yield


@pytest.fixture
def history(owner, small_deck):
    """A fortnight of asks, starred and pending ones, a custom challenge and a rest day."""
    cards = list(Challenge.objects.deck())
    start(owner, "100-days", dt.date(2026, 2, 20))
    mine = write_challenge(owner, {"title": "Ask for a raise"} | {
        "category": cards[0].category.slug, "difficulty": 9})  # fmt: skip
    for day in range(14):
        when = NOON - dt.timedelta(days=day, hours=day % 5)
        outcome = "accepted" if day in (3, 10) else ["rejected", "no_response"][day % 2]
        log_ask(owner, {
            "challenge_id": (mine if day % 4 == 0 else cards[day]).pk,
            "outcome": outcome, "occurred_at": when, "anxiety_before": 7 - day % 4,
            "anxiety_after": 2, "predicted_rejection": 70, "tags": ["t", f"d{day}"],
            "feared_outcome": "=cmd", "what_happened": "Said, \"no\"\nkindly", "learned": "ok",
            "starred": day % 6 == 0,
        })  # fmt: skip
        if day % 2:
            log_ask(owner, {
                "ask": f"Second ask {day}", "occurred_at": when - dt.timedelta(hours=1),
                "outcome": ["partial", "avoided", "accepted"][day % 3], "visibility": "friends",
            })  # fmt: skip
    log_ask(owner, {"ask": "Waiting on an e-mail", "outcome": "pending"})
    take_rest_day(owner, dt.date(2026, 3, 2))
    return owner


def journal(user):
    rows = Attempt.objects.filter(user=user).order_by("occurred_at", "uuid")
    return list(rows.values_list(*FIELDS))


def test_export_delete_sign_up_import_restores_the_same_journal(api, history):
    """The issue's definition of done, entirely through the API."""
    headers = bearer(history)
    exported = api.get("/export", headers=headers)
    assert exported.status_code == 200
    document = exported.json()
    before = journal(history)
    profile = profile_for(history)
    counters = (profile.points, profile.best_streak, profile.current_streak)
    assert len(before) == TOTAL and counters[0] > 0 and counters[1] > 3 and counters[2] > 1

    deleted = api.call("DELETE", "/me", {"password": PASSWORD}, headers)
    assert deleted.status_code == 204, deleted.content
    assert not get_user_model().objects.filter(username="owner").exists()
    assert_error(api.get("/me", headers=headers), 401, "unauthorized")

    signup = {"username": "owner", "password": "a brand new passphrase", "age_confirmed": True}
    token = api.post("/auth/signup", signup).json()["token"]
    again = {"Authorization": f"Bearer {token}"}
    imported = api.post("/import", document, headers=again)
    assert imported.status_code == 200, imported.content
    assert imported.json() == {
        "attempts_created": TOTAL,
        "attempts_skipped": 0,
        "custom_challenges_created": 1,
        "enrollments_created": 1,
        "rest_days_created": 1,
    }
    owner = get_user_model().objects.get(username="owner")
    assert journal(owner) == before
    profile = profile_for(owner)
    assert (profile.points, profile.best_streak, profile.current_streak) == counters
    me = api.get("/me", headers=again).json()
    assert me["timezone"] == "Europe/London"
    assert (me["points"], me["best_streak"]) == counters[:2]
    assert api.get("/today", headers=again).json()["program"]["slug"] == "100-days"

    # Importing the same file again changes nothing.
    repeat = api.post("/import", document, headers=again).json()
    assert repeat["attempts_created"] == 0 and repeat["attempts_skipped"] == TOTAL
    assert journal(owner) == before


def test_import_reports_problems_by_path_and_saves_nothing(api, history, friend):
    document = api.get("/export", headers=bearer(history)).json()
    document["attempts"][3]["outcome"] = "maybe"
    document["attempts"][5]["anxiety_after"] = "high"
    fields = assert_error(api.post("/import", document, headers=bearer(friend)), 422, "invalid")
    assert set(fields) == {"attempts[3].outcome", "attempts[5].anxiety_after"}
    assert not Attempt.objects.filter(user=friend).exists()


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"format": "csv"}, 422, "format"),
        ({"format": "rejection-therapy-export", "version": 9}, 422, "version"),
        ([1, 2], 422, "__all__"),
        ("{not json", 400, None),
        (b"\xff\xfe", 400, None),
        ("", 400, None),
    ],
)
def test_bad_bodies(api, friend, body, code, field):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    response = api.post("/import", raw, headers=bearer(friend))
    fields = assert_error(response, code, "invalid" if code == 422 else "malformed")
    if field:
        assert field in fields


def test_import_wants_json(api, friend):
    response = api.post("/import", "a=b", headers=bearer(friend), content_type="text/plain")
    assert_error(response, 400, "malformed")


def test_a_large_export_is_welcome_beyond_the_usual_body_limit(api, history, friend, settings):
    document = api.get("/export", headers=bearer(history)).json()
    document["attempts"][0]["learned"] = "x" * 5000
    padded = json.dumps(document, indent=2) + " " * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert len(padded) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = api.post("/import", padded, headers=bearer(friend))
    assert response.status_code == 200, response.content
    assert response.json()["attempts_created"] == TOTAL
    # ...while every other endpoint keeps the usual limit.
    big = json.dumps({"ask": "x", "outcome": "rejected"}) + " " * len(padded)
    assert_error(api.post("/attempts", big, headers=bearer(friend)), 413, "too_large")


def test_beyond_the_import_limit_is_413(api, friend, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_LIMIT", 1000)
    response = api.post("/import", " " * 1001, headers=bearer(friend))
    assert_error(response, 413, "too_large")
    # A body that claims to be small but is not is refused as it is read.
    response = api.post("/import", " " * 1001, headers=bearer(friend), CONTENT_LENGTH="999")
    assert response.status_code in (400, 413)
    assert not Attempt.objects.filter(user=friend).exists()


def test_import_needs_a_token(api, history):
    document = api.get("/export", headers=bearer(history)).json()
    assert_error(api.post("/import", document), 401, "unauthorized")
    bad = {"Authorization": "Bearer rt_nope"}
    assert_error(api.post("/import", document, headers=bad), 401, "unauthorized")


def test_import_into_another_account_never_touches_the_owners(api, history, friend):
    document = api.get("/export", headers=bearer(history)).json()
    before = journal(history)
    for _ in range(2):
        assert (
            api.post("/import", copy.deepcopy(document), headers=bearer(friend)).status_code == 200
        )
    assert journal(history) == before
    assert Attempt.objects.filter(user=friend).count() == TOTAL


def test_delete_me_with_a_wrong_password_keeps_everything(api, history):
    headers = bearer(history)
    before = journal(history)
    for body in ({"password": "wrong"}, {"password": PASSWORD.upper()}):
        assert_error(api.call("DELETE", "/me", body, headers), 403, "wrong_password", "password")
    assert_error(api.call("DELETE", "/me", {}, headers), 422, "invalid", "password")
    assert_error(api.call("DELETE", "/me", "{oops", headers), 400, "malformed")
    assert_error(api.call("DELETE", "/me", {"password": PASSWORD, "x": 1}, headers), 422, "invalid")
    assert journal(history) == before
    assert api.get("/me", headers=headers).status_code == 200


def test_delete_me_needs_a_token(api, owner):
    assert_error(api.call("DELETE", "/me", {"password": PASSWORD}), 401, "unauthorized")
    assert get_user_model().objects.filter(pk=owner.pk).exists()


def test_delete_me_only_deletes_the_caller(api, history, friend):
    log_ask(friend, {"ask": "Mine", "outcome": "rejected"})
    friend_headers = bearer(friend)
    response = api.call("DELETE", "/me", {"password": PASSWORD}, friend_headers)
    assert response.status_code == 204
    assert Attempt.objects.filter(user=history).count() == TOTAL
    assert not Attempt.objects.filter(user_id=friend.pk).exists()


def test_the_new_endpoints_are_documented(client, db):
    doc = json.loads(client.get(API + "/openapi.json").content)
    imported = doc["paths"][API + "/import"]["post"]
    assert {"200", "400", "401", "413", "422", "429"} <= set(imported["responses"])
    assert "requestBody" in imported
    assert doc["components"]["securitySchemes"] == {
        "BearerAuth": {"type": "http", "scheme": "bearer"}
    }
    delete = doc["paths"][API + "/me"]["delete"]
    assert {"204", "400", "401", "413", "422", "429"} <= set(delete["responses"])


def test_text_that_cannot_be_stored_is_named_by_its_path(api, history, friend):
    document = api.get("/export", headers=bearer(history)).json()
    document["attempts"][0]["learned"] = "kept \ud800 half"
    raw = json.dumps(document)  # json writes the lone surrogate as the escape \ud800
    response = api.post("/import", raw, headers=bearer(friend))
    assert_error(response, 422, "invalid", "attempts[0].learned")
    assert not Attempt.objects.filter(user=friend).exists()
