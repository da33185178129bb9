"""The first page of GET /attempts (no cursor, no filter) is kept until a change, and every
change shows at once: an ask, an edit, sharing, a star, a delete, an edited card."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.models import Challenge
from rejection.community.moderation import decide
from tests.conftest import bearer, make_user

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
EVERYTHING = "from=2000-01-01"  # a filter every ask passes: the same list, never kept


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOON, tick=False):
        yield


def first_page(api, headers, query: str = "") -> bytes:
    response = api.get(f"/attempts{query}", headers=headers)
    assert response.status_code == 200
    return response.content


def same_as_fresh(api, headers, limit: str = "") -> bytes:
    kept = first_page(api, headers, f"?{limit}")
    assert kept == first_page(api, headers, f"?{EVERYTHING}&{limit}".rstrip("&"))
    return kept


def log(api, headers, **values) -> dict:
    body = {"ask": "Ask for a discount", "outcome": "rejected", **values}
    response = api.post("/attempts", body, headers=headers)
    assert response.status_code == 201
    return response.json()


def test_kept_bytes_are_ninjas_and_read_no_asks(api, headers) -> None:
    log(api, headers, visibility="friends", share_learned=True, learned="Fine")
    same_as_fresh(api, headers)
    with CaptureQueriesContext(connection) as warm:
        first_page(api, headers)
    warm_count = len(warm)  # read before the next request resets the log
    warm_sql = " ".join(query["sql"] for query in warm.captured_queries)
    with CaptureQueriesContext(connection) as built:
        first_page(api, headers, f"?{EVERYTHING}")
    # The list's one query gives way to the stamp's read (none on a warm Redis process).
    assert warm_count <= len(built) and "journal_attempt" not in warm_sql


def test_each_write_shows_at_once(api, headers) -> None:
    assert b'"items": []' in same_as_fresh(api, headers)
    first = log(api, headers)
    assert str(first["id"]).encode() in same_as_fresh(api, headers)
    second = log(api, headers, ask="Ask for a window seat")
    assert b"window seat" in same_as_fresh(api, headers)
    api.patch(f"/attempts/{first['id']}", {"outcome": "accepted"}, headers=headers)
    assert api.get("/attempts", headers=headers).json()["items"][1]["outcome"] == "accepted"
    api.patch(
        f"/attempts/{second['id']}",
        {"visibility": "friends", "share_feared": True, "starred": True},
        headers=headers,
    )
    top = api.get("/attempts", headers=headers).json()["items"][0]
    assert top["share_feared"] and top["starred"] and top["visibility"] == "friends"
    same_as_fresh(api, headers)
    api.delete(f"/attempts/{second['id']}", headers=headers)
    assert b"window seat" not in same_as_fresh(api, headers)


def test_the_limit_is_in_the_key_and_cursor_pages_are_not_kept(api, headers) -> None:
    for number in range(3):
        log(api, headers, ask=f"Ask number {number}")
    assert len(api.get("/attempts", headers=headers).json()["items"]) == 3
    two = api.get("/attempts?limit=2", headers=headers).json()
    assert len(two["items"]) == 2 and two["next_cursor"]
    rest = api.get(f"/attempts?limit=2&cursor={two['next_cursor']}", headers=headers).json()
    assert [item["ask"] for item in rest["items"]] == ["Ask number 0"]
    log(api, headers, ask="Ask number 3")
    rest = api.get(f"/attempts?limit=2&cursor={two['next_cursor']}", headers=headers).json()
    assert [item["ask"] for item in rest["items"]] == ["Ask number 0"]
    same_as_fresh(api, headers, "limit=2")


def test_an_edited_card_and_a_hidden_ask_show_at_once(api, headers, owner) -> None:
    card = Challenge.objects.deck().first()
    ask = log(api, headers, ask="", challenge_id=card.pk, visibility="friends")
    same_as_fresh(api, headers)
    card.title = "A card renamed by the editors"
    card.save()
    assert b"renamed by the editors" in same_as_fresh(api, headers)
    moderator = make_user("moderator", is_staff=True)
    decide(moderator, "ask", ask["id"], "hide")  # hidden from others, still the owner's
    assert str(ask["id"]).encode() in same_as_fresh(api, headers)


def test_a_new_zone_shows_at_once(api, headers) -> None:
    log(api, headers)
    same_as_fresh(api, headers)
    api.patch("/me", {"timezone": "Asia/Tokyo"}, headers=headers)
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        same_as_fresh(api, headers)
