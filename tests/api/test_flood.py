"""Flood protection of the API's token endpoint: per address and per account."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.cache import cache

from rejection.accounts.models import ApiToken
from rejection.api.auth import DEFAULT_RATES
from tests.api.conftest import assert_error
from tests.conftest import bearer

PASSWORD = "correct horse battery"


def _guess(api, username, password="wrong", address="10.0.0.1"):
    body = {"username": username, "password": password}
    return api.post("/auth/token", body, REMOTE_ADDR=address)


def test_guesses_from_many_addresses_still_reach_the_account_limit(api, owner, settings):
    settings.API_THROTTLE_RATES = {"token_account": "3/h"}
    # One guess from each of three addresses, and the name written three ways.
    for number, name in enumerate(["owner", " Owner", "OWNER "]):
        assert_error(_guess(api, name, address=f"10.0.0.{number}"), 401, "invalid_credentials")
    before = ApiToken.objects.count()
    # A fourth address, even with the right password, is told to wait.
    response = _guess(api, "owner", PASSWORD, address="192.0.2.50")
    assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert ApiToken.objects.count() == before
    # Other accounts are not held back, from the same addresses.
    assert_error(_guess(api, "friend", address="10.0.0.1"), 401, "invalid_credentials")


def test_the_account_counter_is_keyed_by_a_hash(api, owner, settings):
    settings.API_THROTTLE_RATES = {"token_account": "3/h"}
    _guess(api, "  Owner ")
    digest = hashlib.sha256(b"owner").hexdigest()
    assert len(cache.get(f"throttle_token_account_{digest}")) == 1
    assert cache.get("throttle_token_account_owner") is None


def test_the_owner_gets_a_token_within_the_limit(api, owner, settings):
    settings.API_THROTTLE_RATES = {"token_account": "2/h"}
    _guess(api, "owner", address="10.0.0.7")
    response = _guess(api, "owner", PASSWORD, address="10.0.0.8")
    assert response.status_code == 201, response.content
    token = {"Authorization": f"Bearer {response.json()['token']}"}
    assert api.get("/me", headers=token).status_code == 200


def test_the_address_limit_still_holds_for_many_accounts(api, owner, settings):
    settings.API_THROTTLE_RATES = {"token": "2/m"}
    for name in ("a", "b"):
        _guess(api, name)
    assert_error(_guess(api, "c"), 429, "rate_limited")


def test_the_default_account_rate_is_stricter_than_the_address_rate():
    assert DEFAULT_RATES["token_account"] == "10/h"
    assert DEFAULT_RATES["token"] == "20/m"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "malformed"),
        (b"\xff\xfe\x00", 400, "malformed"),
        (b"", 422, "invalid"),
        (b"[1, 2]", 422, "invalid"),
        (b'"owner"', 422, "invalid"),
        (b'{"username": 5, "password": "x"}', 422, "invalid"),
        (b'{"username": ["owner"], "password": "x"}', 422, "invalid"),
        (b'{"username": "   ", "password": "x"}', 401, "invalid_credentials"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "malformed"),
    ],
)
def test_odd_bodies_get_a_clean_answer_and_spend_nothing(api, owner, settings, body, status, code):
    settings.API_THROTTLE_RATES = {"token_account": "1/h"}
    response = api.post("/auth/token", body)
    assert_error(response, status, code)
    # Nothing was counted against the owner, who still gets in.
    assert _guess(api, "owner", PASSWORD).status_code == 201


def test_an_oversized_body_is_413_and_spends_no_account(api, owner, settings):
    settings.API_THROTTLE_RATES = {"token_account": "1/h"}
    body = {"username": "owner", "password": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    assert_error(api.post("/auth/token", body), 413, "too_large")
    assert _guess(api, "owner", PASSWORD).status_code == 201


def test_sign_up_is_limited_per_address_not_per_account(api, db, settings):
    settings.API_THROTTLE_RATES = {"signup": "1/h", "token_account": "1/h"}
    body = {"username": "newcomer", "password": PASSWORD}
    assert api.post("/auth/signup", {"age_confirmed": True, **body}).status_code == 201
    assert_error(
        api.post("/auth/signup", {"age_confirmed": True, **body, "username": "other"}),
        429,
        "rate_limited",
    )
    other = api.post(
        "/auth/signup", {"age_confirmed": True, **body, "username": "other"}, REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 201


def test_a_large_export_over_django_s_default_limit_imports(api, owner, friend, small_deck):
    from tests.web.conftest import make_attempt

    make_attempt(owner, "rejected")
    document = api.get("/export", headers=bearer(owner)).json()
    padded = json.dumps(document) + " " * (3 * 1024 * 1024)  # past Django's own 2.5 MiB
    response = api.post("/import", padded, headers=bearer(friend))
    assert response.status_code == 200, response.content
    assert response.json()["attempts_created"] == 1
