"""The safety screen and sharing through the API: author-only fields and POST .../share."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.safety import REASONS
from rejection.challenges.services import moderate, request_share
from tests.api.conftest import assert_error
from tests.conftest import bearer
from tests.writes import write_challenge

SAFE = {"title": "Ask a stranger for a hug", "category": "strangers", "difficulty": 4}
UNSAFE = {"title": "Kiss a stranger", "category": "strangers", "difficulty": 4}
MODERATION = {"safety_status", "safety_reasons", "screen", "share_status"}


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


def _share(api, pk, headers):
    return api.post(f"/challenges/{pk}/share", headers=headers)


def test_create_returns_the_screen_to_the_author(api, headers):
    body = api.post("/challenges", SAFE, headers=headers).json()
    assert (body["safety_status"], body["safety_reasons"], body["share_status"]) == (
        "clear",
        [],
        "private",
    )
    assert body["screen"] == {"flagged": False, "held": False, "category": "", "reason": ""}
    body = api.post("/challenges", UNSAFE, headers=headers).json()
    assert body["safety_status"] == "flagged" and body["safety_reasons"] == [REASONS["touch"]]
    assert body["screen"] == {
        "flagged": True,
        "held": False,
        "category": "touch",
        "reason": REASONS["touch"],
    }


def test_deck_items_have_no_moderation_fields(api, headers):
    items = api.get("/challenges", headers=headers).json()["items"]
    assert items and not any(MODERATION & set(item) for item in items)


def test_share_goes_pending_then_409(api, headers):
    created = api.post("/challenges", SAFE, headers=headers).json()
    response = _share(api, created["id"], headers)
    assert response.status_code == 200, response.content
    assert response.json()["share_status"] == "pending" and response.json()["id"] == created["id"]
    assert_error(_share(api, created["id"], headers), 409, "already_pending")


def test_share_of_a_flagged_one_is_409_naming_safety(api, headers):
    created = api.post("/challenges", UNSAFE, headers=headers).json()
    fields = assert_error(_share(api, created["id"], headers), 409, "flagged", "safety")
    assert fields["safety"] == [REASONS["touch"]]
    assert api.get(f"/challenges/{created['id']}", headers=headers).json()["share_status"] == (
        "private"
    )


def test_share_access(api, headers, owner, friend, staff):
    created = api.post("/challenges", SAFE, headers=headers).json()
    url = f"/challenges/{created['id']}/share"
    assert_error(api.post(url), 401, "unauthorized")
    assert_error(api.post(url, headers=bearer(friend)), 404, "not_found")
    assert_error(api.post(url, headers=bearer(staff)), 404, "not_found")
    assert_error(api.post("/challenges/999999/share", headers=headers), 404, "not_found")
    assert_error(api.post("/challenges/0/share", headers=headers), 422, "invalid")
    deck_id = api.get("/challenges", headers=headers).json()["items"][0]["id"]
    assert_error(api.post(f"/challenges/{deck_id}/share", headers=headers), 404, "not_found")


def test_approved_shared_ones_show_to_others_without_moderation_fields(
    api, headers, owner, friend, staff
):
    shared = write_challenge(owner, SAFE)
    pending = write_challenge(owner, {**SAFE, "title": "Ask for a song"})
    rejected = write_challenge(owner, {**SAFE, "title": "Ask for a map"})
    for challenge in (shared, pending, rejected):
        request_share(owner, challenge)
    moderate(staff, shared, True, "")
    moderate(staff, rejected, False, "")
    theirs = bearer(friend)
    body = api.get(f"/challenges/{shared.pk}", headers=theirs).json()
    assert body["is_custom"] and not MODERATION & set(body)
    listed = api.get("/challenges?q=Ask&limit=100", headers=theirs).json()["items"]
    assert shared.pk in {item["id"] for item in listed}
    assert not {pending.pk, rejected.pk} & {item["id"] for item in listed}
    for hidden in (pending, rejected):
        assert_error(api.get(f"/challenges/{hidden.pk}", headers=theirs), 404, "not_found")
    mine = api.get(f"/challenges/{shared.pk}", headers=headers).json()
    assert mine["share_status"] == "approved" and mine["safety_status"] == "clear"
    assert_error(_share(api, shared.pk, headers), 409, "already_shared")


def test_a_rejected_one_may_be_sent_again(api, headers, owner, staff):
    challenge = write_challenge(owner, SAFE)
    request_share(owner, challenge)
    moderate(staff, challenge, False, "")
    assert _share(api, challenge.pk, headers).json()["share_status"] == "pending"


def test_list_query_count_is_flat(api, headers, owner, friend, staff):
    theirs = bearer(friend)
    api.get("/me", headers=theirs)  # the token's first use writes last_used_at; not counted

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/challenges?limit=100", headers=theirs).status_code == 200
        return len(queries)

    small = count()
    for n in range(12):
        made = write_challenge(owner, {**SAFE, "title": f"Ask {n}"})
        request_share(owner, made)
        moderate(staff, made, True, "")
    assert count() == small


def test_share_query_count_is_fixed(api, headers, owner):
    first = write_challenge(owner, SAFE)
    api.get("/me", headers=headers)  # the token's first use writes last_used_at; not counted
    with CaptureQueriesContext(connection) as small:
        assert _share(api, first.pk, headers).status_code == 200
    for n in range(10):
        write_challenge(owner, {**SAFE, "title": f"Ask {n}"})
    last = write_challenge(owner, {**SAFE, "title": "Ask last"})
    with CaptureQueriesContext(connection) as large:
        assert _share(api, last.pk, headers).status_code == 200
    assert len(large) == len(small)
