"""One error shape for every failure, and never a 500 for any input."""

from __future__ import annotations

import json

import pytest

from rejection.journal.models import Attempt
from tests.api.conftest import assert_error
from tests.conftest import bearer


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


@pytest.mark.parametrize(
    "body", ["{not json", "outcome=rejected", '{"outcome": "rejected"', "\xff"]
)
def test_malformed_body_is_400(api, headers, body):
    assert_error(api.post("/attempts", body, headers=headers), 400, "malformed")
    assert not Attempt.objects.exists()


def test_a_body_that_is_not_an_object_is_422(api, headers):
    fields = assert_error(api.post("/attempts", [1, 2], headers=headers), 422, "invalid")
    assert set(fields) == {"body"}


def test_too_large_body_is_413(api, headers):
    body = json.dumps({"ask": "x", "outcome": "rejected", "learned": "y" * 300_000})
    assert_error(api.post("/attempts", body, headers=headers), 413, "too_large")
    assert_error(api.post("/auth/signup", body), 413, "too_large")
    assert not Attempt.objects.exists()


def test_unknown_path_and_method_answer_in_the_error_shape(api, headers):
    assert_error(api.get("/nothing/here", headers=headers), 404, "not_found")
    assert_error(api.get("/", headers=headers), 404, "not_found")
    response = api.call("PUT", "/me", {}, headers=headers)
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_docs_page_is_off_but_openapi_is_served(api, db):
    assert api.get("/openapi.json").status_code == 200
    assert_error(api.get("/docs"), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/attempts/99999999999999999999999999", None),
        ("GET", "/attempts/-1", None),
        ("GET", "/attempts/abc", None),
        ("DELETE", "/attempts/0", None),
        ("GET", "/challenges/1e9", None),
        ("DELETE", "/tokens/99999999999999999999", None),
        ("GET", "/challenges?difficulty_min=99", None),
        ("GET", "/challenges?q=%00", None),
        ("GET", "/challenges?category=%00", None),
        ("GET", "/attempts?from=9999-99-99", None),
        ("GET", "/attempts?limit=abc", None),
        ("GET", "/attempts?cursor=%00%00", None),
        ("GET", "/export?format=xml", None),
        ("POST", "/attempts", {"challenge_id": 2**70, "outcome": "rejected"}),
        ("POST", "/attempts", {"challenge_id": "1", "outcome": "rejected"}),
        (
            "POST",
            "/attempts",
            {"ask": "x", "outcome": "rejected", "occurred_at": "0001-01-01T00:00:00-05:00"},
        ),
        (
            "POST",
            "/attempts",
            {"ask": "x", "outcome": "rejected", "occurred_at": "9999-12-31T23:59:59+14:00"},
        ),
        ("POST", "/attempts", {"ask": "x", "outcome": "rejected", "occurred_at": 1e30}),
        ("POST", "/attempts", {"ask": "\x00", "outcome": "rejected"}),
        ("POST", "/attempts", {"ask": "x", "outcome": "rejected", "tags": [{"a": 1}]}),
        ("POST", "/attempts", {"ask": "x", "outcome": ["rejected"]}),
        ("POST", "/attempts", {"ask": "x", "outcome": "rejected", "visibility": None}),
        ("POST", "/challenges", {"title": "\x00", "category": "\x00", "difficulty": 2**70}),
        ("POST", "/programs/custom/start", {"length_days": 10**9}),
        ("POST", "/programs/%00/start", None),
        ("PATCH", "/me", {"display_name": "\x00", "timezone": "\x00"}),
        ("PATCH", "/me", {"timezone": "../../etc/passwd"}),
        ("POST", "/tokens", {"name": "\x00"}),
    ],
)
def test_bad_input_is_never_a_500(api, headers, method, path, body):
    before = Attempt.objects.count()
    response = api.call(method, path, body, headers=headers)
    assert response.status_code in (400, 404, 409, 422), response.content
    assert set(response.json()) == {"error"}
    assert Attempt.objects.count() == before


def test_bad_idempotency_keys_are_422(api, headers):
    body = {"ask": "x", "outcome": "rejected"}
    for key in ("", "k" * 201, "has space"):
        response = api.post("/attempts", body, headers={**headers, "Idempotency-Key": key})
        assert_error(response, 422, "invalid", "Idempotency-Key")
    assert not Attempt.objects.exists()


def test_a_large_body_on_a_read_is_ignored(api, headers):
    response = api.client.generic(
        "GET", "/api/v1/me", data="x" * 300_000, content_type="text/plain", headers=headers
    )
    assert response.status_code == 200


def test_unknown_path_answers_json_even_with_csrf_checks_on(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/nowhere", data="{}", content_type="application/json"
    )
    assert_error(response, 404, "not_found")
