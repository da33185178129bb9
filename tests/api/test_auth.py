"""Getting tokens, using them, revoking them, and the rate limits."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rejection.accounts.models import ApiToken
from rejection.accounts.services import create_token
from tests.api.conftest import API, assert_error
from tests.conftest import bearer

PASSWORD = "correct horse battery"


def _operations(api):
    """Yield (method, concrete path, needs_auth) for every documented operation."""
    doc = json.loads(api.get("/openapi.json").content)
    fillers = {
        "{slug}": "classic-30",
        "{challenge_id}": "1",
        "{attempt_id}": "1",
        "{token_id}": "1",
    }
    for path, operations in doc["paths"].items():
        for placeholder, value in fillers.items():
            path = path.replace(placeholder, value)
        for method, operation in operations.items():
            yield method.upper(), path.removeprefix(API), bool(operation.get("security"))


def test_signup_gives_a_working_token(api, db):
    response = api.post(
        "/auth/signup",
        {
            "username": "newbie",
            "password": PASSWORD,
            "email": "n@example.com",
            "timezone": "Asia/Tokyo",
            "age_confirmed": True,
        },
    )
    assert response.status_code == 201
    token = response.json()["token"]
    assert set(response.json()) == {"token"}
    me = api.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "newbie"
    assert me.json()["timezone"] == "Asia/Tokyo"
    # Stored hashed: the raw token is nowhere in the database.
    assert not ApiToken.objects.filter(digest=token).exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"username": "x y", "password": PASSWORD}, {"username"}),
        ({"username": "café", "password": PASSWORD}, {"username"}),  # ASCII names only
        ({"username": "ok", "password": "123"}, {"password"}),
        ({"username": "ok", "password": PASSWORD, "timezone": "Mars/Base"}, {"timezone"}),
        ({"username": "ok", "password": PASSWORD, "email": "not-an-email"}, {"email"}),
        ({"username": "ok"}, {"password"}),
        ({"username": 5, "password": PASSWORD}, {"username"}),
        ({"username": "ok", "password": PASSWORD, "admin": True}, {"admin"}),
    ],
)
def test_signup_names_each_bad_field_and_saves_nothing(api, owner, body, fields):
    users = get_user_model().objects.count()
    found = assert_error(api.post("/auth/signup", {"age_confirmed": True, **body}), 422, "invalid")
    assert set(found) == fields
    assert get_user_model().objects.count() == users


@pytest.mark.parametrize("name", ["owner", "OWNER"])
def test_a_taken_username_is_a_conflict(api, owner, name):
    body = {"username": name, "password": PASSWORD}
    assert assert_error(
        api.post("/auth/signup", {"age_confirmed": True, **body}), 409, "username_taken", "username"
    )


def test_token_for_password(api, owner):
    response = api.post("/auth/token", {"username": "owner", "password": PASSWORD, "name": "phone"})
    assert response.status_code == 201
    token = response.json()["token"]
    assert api.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert ApiToken.objects.filter(user=owner, name="phone").count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"username": "owner", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
    ],
)
def test_token_refuses_bad_credentials(api, owner, body):
    assert_error(api.post("/auth/token", body), 401, "invalid_credentials")
    assert not ApiToken.objects.exists()


def test_token_refuses_an_inactive_user(api, owner):
    owner.is_active = False
    owner.save()
    assert_error(
        api.post("/auth/token", {"username": "owner", "password": PASSWORD}),
        401,
        "invalid_credentials",
    )


def test_every_authenticated_operation_refuses_anonymous_and_bad_tokens(api, owner, small_deck):
    operations = [op for op in _operations(api) if op[2]]
    assert len(operations) >= 18
    for header in ({}, {"Authorization": "Bearer rt_not-a-token"}, {"Authorization": "Basic abc"}):
        for method, path, _ in operations:
            response = api.call(method, path, headers=header)
            assert_error(response, 401, "unauthorized")
            assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_inactive_users_token_stops_working(api, owner):
    headers = bearer(owner)
    owner.is_active = False
    owner.save()
    assert_error(api.get("/me", headers=headers), 401, "unauthorized")


def test_tokens_list_create_revoke(api, owner, friend):
    headers = bearer(owner)
    friend_token, _ = create_token(friend, "friend's")
    created = api.post("/tokens", {"name": "laptop"}, headers=headers)
    assert created.status_code == 201
    assert created.json()["token"].startswith(created.json()["prefix"])
    listed = api.get("/tokens", headers=headers).json()
    assert [item["name"] for item in listed["items"]] == ["laptop", "tests"]
    for item in listed["items"]:
        assert set(item) == {"id", "name", "prefix", "created_at", "last_used_at"}
    assert "digest" not in json.dumps(listed)
    # Another user's token is not there to revoke.
    assert_error(api.delete(f"/tokens/{friend_token.pk}", headers=headers), 404, "not_found")
    assert ApiToken.objects.filter(pk=friend_token.pk).exists()
    assert api.delete(f"/tokens/{created.json()['id']}", headers=headers).status_code == 204
    laptop = {"Authorization": f"Bearer {created.json()['token']}"}
    assert_error(api.get("/me", headers=laptop), 401, "unauthorized")
    assert_error(api.delete(f"/tokens/{created.json()['id']}", headers=headers), 404, "not_found")
    assert_error(api.delete("/tokens/1", headers={}), 401, "unauthorized")


def test_signup_is_rate_limited_per_address(api, db, settings):
    settings.API_THROTTLE_RATES = {"signup": "2/h"}
    for number in range(2):
        body = {"username": f"u{number}", "password": PASSWORD}
        assert api.post("/auth/signup", {"age_confirmed": True, **body}).status_code == 201
    response = api.post(
        "/auth/signup", {"username": "u9", "password": PASSWORD, "age_confirmed": True}
    )
    assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert not get_user_model().objects.filter(username="u9").exists()
    # Another address has its own allowance.
    other = api.post(
        "/auth/signup",
        {"username": "u9", "password": PASSWORD, "age_confirmed": True},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 201


def test_forwarded_for_does_not_dodge_the_limit(api, db, settings):
    settings.API_THROTTLE_RATES = {"token": "1/m"}
    api.post("/auth/token", {"username": "a", "password": "b"})
    response = api.post(
        "/auth/token", {"username": "a", "password": "b"}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert_error(response, 429, "rate_limited")


def test_token_endpoint_is_rate_limited(api, owner, settings):
    settings.API_THROTTLE_RATES = {"token": "3/m"}
    for _ in range(3):
        api.post("/auth/token", {"username": "owner", "password": "wrong"})
    response = api.post("/auth/token", {"username": "owner", "password": PASSWORD})
    assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_authenticated_calls_are_rate_limited_per_token(api, owner, settings):
    settings.API_THROTTLE_RATES = {"api": "3/m"}
    first, second = bearer(owner), bearer(owner)
    for _ in range(3):
        assert api.get("/me", headers=first).status_code == 200
    response = api.get("/stats", headers=first)
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    assert api.get("/me", headers=second).status_code == 200


def test_posts_work_with_csrf_checks_on(owner, small_deck):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        API + "/attempts",
        data=json.dumps({"ask": "Free coffee?", "outcome": "rejected"}),
        content_type="application/json",
        headers=bearer(owner),
    )
    assert response.status_code == 201


def test_signup_refuses_a_username_others_would_read_as_a_slur(api, db):
    """Usernames are shown to friends and on people's pages: they pass the kindness check."""
    body = {
        "username": "spaz",
        "password": PASSWORD,
        "email": "s@example.com",
        "timezone": "UTC",
        "age_confirmed": True,
    }
    fields = assert_error(api.post("/auth/signup", body), 422, "unsafe_text", "username")
    assert fields["username"]
    assert not get_user_model().objects.filter(username="spaz").exists()
