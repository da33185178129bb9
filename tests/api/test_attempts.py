"""Logging, listing, reading, editing and deleting asks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt, IdempotencyKey
from tests.api.conftest import assert_error
from tests.conftest import bearer, make_user
from tests.writes import log_ask

NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
FULL = {
    "ask": "Ask a barista for a free coffee",
    "outcome": "rejected",
    "occurred_at": "2026-03-10T09:15:00+00:00",
    "anxiety_before": 7,
    "anxiety_after": 3,
    "predicted_rejection": 80,
    "feared_outcome": "Laughter",
    "what_happened": "A kind no",
    "learned": "It was fine",
    "tags": ["#Coffee", "cafe"],
    "visibility": "friends",
}


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOON, tick=False):
        yield


def _log(user, **data):
    return log_ask(user, {"ask": "an ask", "outcome": "rejected", **data}).attempt


def test_log_an_ask_returns_it_with_id_local_date_and_points(api, owner, headers):
    response = api.post("/attempts", FULL, headers=headers)
    assert response.status_code == 201
    body = response.json()
    attempt = Attempt.objects.get()
    assert attempt.user == owner
    assert body["id"] == attempt.pk
    assert body["local_date"] == "2026-03-10"
    assert body["points"] == 10
    assert body["tags"] == ["coffee", "cafe"]
    assert body["occurred_at"].startswith("2026-03-10T09:15:00")
    assert body["title"] == FULL["ask"]
    for name in ("anxiety_before", "anxiety_after", "predicted_rejection", "visibility", "outcome"):
        assert body[name] == FULL[name]
    assert "Idempotent-Replayed" not in response


def test_log_with_a_challenge_and_defaults(api, headers, small_deck):
    challenge = Challenge.objects.get(slug="strangers-3")
    response = api.post(
        "/attempts", {"challenge_id": challenge.pk, "outcome": "accepted"}, headers=headers
    )
    assert response.status_code == 201
    body = response.json()
    assert body["challenge_id"] == challenge.pk
    assert body["title"] == "Strangers ask 3"
    assert body["visibility"] == "private"
    assert body["points"] == 1
    assert body["occurred_at"].startswith("2026-03-10T12:00:00")


def test_local_date_is_the_users_calendar_day(api, db, small_deck):
    kiwi = make_user("kiwi", "Pacific/Auckland")
    with time_machine.travel(dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC), tick=False):
        response = api.post(
            "/attempts", {"ask": "Hello", "outcome": "no_response"}, headers=bearer(kiwi)
        )
    assert response.status_code == 201
    assert response.json()["local_date"] == "2026-03-11"
    # A time is given with its offset (RFC 3339, as the schema says); its day is the user's.
    late = {"ask": "Hi", "outcome": "rejected", "occurred_at": "2026-03-10T10:30:00Z"}
    with time_machine.travel(dt.datetime(2026, 3, 11, 11, tzinfo=dt.UTC), tick=False):
        response = api.post("/attempts", late, headers=bearer(kiwi))
        assert response.json()["local_date"] == "2026-03-10"  # 23:30 in Auckland
        naive = {**late, "occurred_at": "2026-03-10T23:30:00"}
        assert_error(
            api.post("/attempts", naive, headers=bearer(kiwi)), 422, "invalid", "occurred_at"
        )


BAD_FIELDS = [
    ({"ask": "x", "outcome": "rejected", "anxiety_before": "abc"}, "anxiety_before"),
    ({"ask": "x", "outcome": "rejected", "anxiety_before": 3.5}, "anxiety_before"),
    ({"ask": "x", "outcome": "rejected", "anxiety_before": True}, "anxiety_before"),
    ({"ask": "x", "outcome": "rejected", "anxiety_before": 11}, "anxiety_before"),
    ({"ask": "x", "outcome": "rejected", "anxiety_after": -1}, "anxiety_after"),
    ({"ask": "x", "outcome": "rejected", "predicted_rejection": 101}, "predicted_rejection"),
    ({"ask": "x", "outcome": "maybe"}, "outcome"),
    ({"ask": "x"}, "outcome"),
    ({"ask": "x", "outcome": "rejected", "feared_outcome": "f" * 5001}, "feared_outcome"),
    ({"ask": "x", "outcome": "rejected", "what_happened": "w" * 5001}, "what_happened"),
    ({"ask": "x", "outcome": "rejected", "learned": 5}, "learned"),
    ({"ask": "x" * 301, "outcome": "rejected"}, "ask"),
    ({"outcome": "rejected"}, "ask"),
    ({"ask": "x", "outcome": "rejected", "tags": "a,b"}, "tags"),
    ({"ask": "x", "outcome": "rejected", "tags": [str(n) for n in range(11)]}, "tags"),
    ({"ask": "x", "outcome": "rejected", "visibility": "everyone"}, "visibility"),
    ({"ask": "x", "outcome": "rejected", "occurred_at": "yesterday"}, "occurred_at"),
    ({"ask": "x", "outcome": "rejected", "occurred_at": "1999-12-31T23:00:00Z"}, "occurred_at"),
    ({"ask": "x", "outcome": "rejected", "points": 1000}, "points"),
    # Text that cannot be stored as UTF-8 (a lone UTF-16 surrogate) is named, never a 500.
    ({"ask": "hi \ud800", "outcome": "rejected"}, "ask"),
    ({"ask": "x", "outcome": "rejected", "learned": "\udc00"}, "learned"),
    ({"ask": "x", "outcome": "rejected", "tags": ["ok", "\ud83d"]}, "tags"),
]


@pytest.mark.parametrize(("body", "field"), BAD_FIELDS)
def test_each_bad_field_is_named_and_nothing_is_saved(api, headers, body, field):
    response = api.post("/attempts", body, headers=headers)
    assert assert_error(response, 422, "invalid", field)
    assert Attempt.objects.count() == 0


# Well formed, so the schema allows them, but refused by what only the data or the clock
# knows: 404 for a challenge you cannot see, 409 for a time still to come.
REFUSED = [
    ({"challenge_id": 2**62, "outcome": "rejected"}, 404, "not_found", "challenge_id"),
    (
        {"ask": "x", "outcome": "rejected", "occurred_at": "2026-03-11T12:00:00Z"},
        409,
        "in_the_future",
        "occurred_at",
    ),
]


@pytest.mark.parametrize(("body", "status", "code", "field"), REFUSED)
def test_what_the_data_refuses_is_named_and_nothing_is_saved(
    api, headers, body, status, code, field
):
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        response = api.post("/attempts", body, headers=headers)
    assert assert_error(response, status, code, field)
    assert Attempt.objects.count() == 0


def test_several_bad_fields_are_all_named(api, headers):
    body = {"ask": "x", "outcome": "maybe", "anxiety_before": 11, "learned": "l" * 5001}
    fields = assert_error(api.post("/attempts", body, headers=headers), 422, "invalid")
    assert set(fields) == {"outcome", "anxiety_before", "learned"}
    assert Attempt.objects.count() == 0


def test_texts_of_exactly_5000_characters_are_fine(api, headers):
    body = {"ask": "x", "outcome": "rejected", "learned": "l" * 5000}
    assert api.post("/attempts", body, headers=headers).status_code == 201


def test_another_users_custom_challenge_cannot_be_logged(api, headers, friend, small_deck):
    theirs = api.post(
        "/challenges",
        {"title": "Mine", "category": "strangers", "difficulty": 3},
        headers=bearer(friend),
    ).json()
    body = {"challenge_id": theirs["id"], "outcome": "rejected"}
    assert_error(api.post("/attempts", body, headers=headers), 404, "not_found", "challenge_id")


def test_idempotency_key_replays_the_first_result(api, owner, headers):
    key = {**headers, "Idempotency-Key": "a1b2-c3"}
    first = api.post("/attempts", FULL, headers=key)
    second = api.post("/attempts", FULL, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Attempt.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1
    owner.profile.refresh_from_db()
    assert owner.profile.points == 10
    # Keys belong to one user: another may use the same key for their own ask.
    other = make_user("other")
    third = api.post("/attempts", FULL, headers={**bearer(other), "Idempotency-Key": "a1b2-c3"})
    assert third.status_code == 201 and third.json()["id"] != first.json()["id"]
    # A new key is a new ask.
    fourth = api.post("/attempts", FULL, headers={**headers, "Idempotency-Key": "another"})
    assert fourth.json()["id"] not in (first.json()["id"], third.json()["id"])


def test_list_is_newest_first_and_only_mine(api, owner, friend, headers):
    mine = [_log(owner, occurred_at=NOON - dt.timedelta(hours=n)) for n in (3, 1, 2)]
    _log(friend)
    body = api.get("/attempts", headers=headers).json()
    assert [item["id"] for item in body["items"]] == [mine[1].pk, mine[2].pk, mine[0].pk]
    assert body["next_cursor"] is None


def test_list_filters(api, owner, headers, small_deck):
    early = _log(owner, occurred_at=dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    middle = _log(owner, occurred_at=dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC), outcome="accepted")
    late = _log(
        owner,
        occurred_at=dt.datetime(2026, 3, 9, 12, tzinfo=dt.UTC),
        challenge_id=Challenge.objects.get(slug="food-drink-2").pk,
    )

    def ids(query):
        response = api.get(f"/attempts?{query}", headers=headers)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("from=2026-03-05") == [late.pk, middle.pk]
    assert ids("to=2026-03-05") == [middle.pk, early.pk]
    assert ids("from=2026-03-05&to=2026-03-05") == [middle.pk]
    assert ids("outcome=accepted") == [middle.pk]
    category = late.challenge.category.slug
    assert ids(f"category={category}") == [late.pk]
    response = api.get("/attempts?category=no-such-category", headers=headers)
    assert_error(response, 422, "invalid", "category")  # the categories are an enum
    assert_error(api.get("/attempts?outcome=maybe", headers=headers), 422, "invalid", "outcome")
    assert_error(api.get("/attempts?from=march", headers=headers), 422, "invalid", "from")


def test_pages_cover_every_attempt_once(api, owner, headers):
    same_moment = NOON - dt.timedelta(hours=1)
    made = {_log(owner, occurred_at=same_moment).pk for _ in range(5)}
    made |= {_log(owner, occurred_at=NOON - dt.timedelta(minutes=n)).pk for n in range(2, 20)}
    seen, cursor, pages = [], None, 0
    while True:
        query = "limit=4" + (f"&cursor={cursor}" if cursor else "")
        body = api.get(f"/attempts?{query}", headers=headers).json()
        assert len(body["items"]) <= 4
        seen += [(item["occurred_at"], item["id"]) for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 6
    assert {attempt_id for _, attempt_id in seen} == made
    assert len(seen) == len(made)
    ordered = list(Attempt.objects.filter(user=owner).values_list("id", flat=True))
    assert [attempt_id for _, attempt_id in seen] == ordered


@pytest.mark.parametrize("limit", ["0", "101", "-5", "ten"])
def test_limit_out_of_range_is_422(api, headers, limit):
    assert_error(api.get(f"/attempts?limit={limit}", headers=headers), 422, "invalid", "limit")


@pytest.mark.parametrize("cursor", ["garbage", "WzEsMl0", "e30", "W1tdLFtdXQ", "!!!", "WyJ4IiwxXQ"])
def test_a_cursor_we_did_not_make_is_422(api, headers, cursor):
    assert_error(api.get(f"/attempts?cursor={cursor}", headers=headers), 422, "invalid", "cursor")


def test_read_one(api, owner, friend, stranger, headers):
    attempt = _log(owner)
    response = api.get(f"/attempts/{attempt.pk}", headers=headers)
    assert response.status_code == 200
    assert response.json()["id"] == attempt.pk
    for other in (friend, stranger):
        assert_error(api.get(f"/attempts/{attempt.pk}", headers=bearer(other)), 404, "not_found")
    assert_error(api.get(f"/attempts/{attempt.pk}"), 401, "unauthorized")
    assert_error(api.get(f"/attempts/{attempt.pk + 100}", headers=headers), 404, "not_found")


def test_patch_resolves_a_pending_ask(api, owner, headers):
    attempt = _log(owner, outcome="pending")
    response = api.patch(
        f"/attempts/{attempt.pk}",
        {"outcome": "accepted", "learned": "They said yes!"},
        headers=headers,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "accepted"
    assert body["points"] == 1
    assert body["resolved_at"] is not None
    assert body["learned"] == "They said yes!"
    assert body["ask"] == "an ask"  # untouched fields stay
    owner.profile.refresh_from_db()
    assert owner.profile.points == 1


def test_patch_can_clear_a_scale_but_not_the_outcome(api, owner, headers):
    attempt = _log(owner, anxiety_before=5)
    response = api.patch(f"/attempts/{attempt.pk}", {"anxiety_before": None}, headers=headers)
    assert response.json()["anxiety_before"] is None
    response = api.patch(
        f"/attempts/{attempt.pk}", {"outcome": None, "anxiety_after": 12}, headers=headers
    )
    assert set(assert_error(response, 422, "invalid")) == {"outcome", "anxiety_after"}
    attempt.refresh_from_db()
    assert attempt.outcome == "rejected" and attempt.anxiety_after is None


def test_patch_and_delete_of_anothers_attempt_are_404(api, owner, friend, headers):
    attempt = _log(owner)
    theirs = bearer(friend)
    assert_error(
        api.patch(f"/attempts/{attempt.pk}", {"outcome": "accepted"}, headers=theirs),
        404,
        "not_found",
    )
    assert_error(api.delete(f"/attempts/{attempt.pk}", headers=theirs), 404, "not_found")
    assert_error(api.patch(f"/attempts/{attempt.pk}", {"outcome": "accepted"}), 401, "unauthorized")
    assert_error(api.delete(f"/attempts/{attempt.pk}"), 401, "unauthorized")
    attempt.refresh_from_db()
    assert attempt.outcome == "rejected"


def test_delete(api, owner, headers):
    attempt = _log(owner)
    response = api.delete(f"/attempts/{attempt.pk}", headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    assert not Attempt.objects.exists()
    owner.profile.refresh_from_db()
    assert owner.profile.points == 0
    assert_error(api.delete(f"/attempts/{attempt.pk}", headers=headers), 404, "not_found")


def test_reusing_an_idempotency_key_for_a_different_ask_is_a_conflict(owner, small_deck) -> None:
    from django.test import Client

    from rejection.journal.models import Attempt
    from tests.conftest import bearer

    client = Client(headers={**bearer(owner), "Idempotency-Key": "same-key"})
    first = client.post(
        "/api/v1/attempts", {"ask": "A", "outcome": "rejected"}, content_type="application/json"
    )
    assert first.status_code == 201
    other = client.post(
        "/api/v1/attempts", {"ask": "B", "outcome": "accepted"}, content_type="application/json"
    )
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Attempt.objects.filter(user=owner).count() == 1
