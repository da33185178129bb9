"""Friends, requests, invite links, blocks, mutes and profiles through the API, for an owner,
a friend, a stranger, a blocked person and anonymous."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from rejection.community.models import Block, FriendRequest, Friendship, Mute, Notification
from tests.api.conftest import assert_error
from tests.conftest import bearer, make_user
from tests.writes import log_ask

UNSAFE = "Steal a chocolate bar from the corner shop"
NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _noon() -> Any:
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    """The owner, a friend, a stranger and someone the owner blocked, each with a token."""
    from rejection.community import blocks, friends

    people = {name: make_user(name) for name in ("owner", "friend", "stranger", "blocked")}
    friends._befriend(people["owner"], people["friend"])
    blocks.block(people["owner"], "blocked")
    return {name: (user, bearer(user)) for name, user in people.items()}


def test_a_request_by_username_accepted_makes_friends_both_ways(api, cast):
    owner, owner_h = cast["owner"]
    stranger, stranger_h = cast["stranger"]
    sent = api.post("/friends/requests", {"username": "OWNER"}, headers=stranger_h)
    assert sent.status_code == 201, sent.content
    assert sent.json() == {"username": "owner", "display_name": "owner", "status": "sent"}
    # The owner hears of it; the request is in both lists with its direction.
    note = Notification.objects.get(recipient=owner)
    assert note.kind == "friend_request" and note.actor == stranger
    incoming = api.get("/friends/requests", headers=owner_h).json()["items"]
    assert [(r["username"], r["direction"]) for r in incoming] == [("stranger", "incoming")]
    outgoing = api.get("/friends/requests", headers=stranger_h).json()["items"]
    assert [(r["username"], r["direction"]) for r in outgoing] == [("owner", "outgoing")]
    # Only the person asked can accept it.
    request_id = incoming[0]["id"]
    assert_error(
        api.post(f"/friends/requests/{request_id}/accept", headers=stranger_h), 404, "not_found"
    )
    accepted = api.post(f"/friends/requests/{request_id}/accept", headers=owner_h)
    assert accepted.status_code == 200 and accepted.json()["username"] == "stranger"
    assert Friendship.objects.filter(user=owner, friend=stranger).exists()
    assert Friendship.objects.filter(user=stranger, friend=owner).exists()
    assert Notification.objects.get(recipient=stranger).kind == "friend_accepted"
    names = [f["username"] for f in api.get("/friends", headers=stranger_h).json()["items"]]
    assert names == ["owner"]
    assert api.get("/friends/requests", headers=owner_h).json()["items"] == []


def test_asking_someone_who_asked_you_makes_friends_at_once(api, cast):
    _owner, owner_h = cast["owner"]
    _stranger, stranger_h = cast["stranger"]
    api.post("/friends/requests", {"username": "owner"}, headers=stranger_h)
    both = api.post("/friends/requests", {"username": "stranger"}, headers=owner_h)
    assert both.status_code == 201 and both.json()["status"] == "friends"
    assert not FriendRequest.objects.exists()


def test_a_declined_sender_is_never_told_and_waits(api, cast):
    owner, owner_h = cast["owner"]
    stranger, stranger_h = cast["stranger"]
    api.post("/friends/requests", {"username": "owner"}, headers=stranger_h)
    request_id = FriendRequest.objects.get().pk
    assert api.post(f"/friends/requests/{request_id}/decline", headers=owner_h).status_code == 204
    # Gone from the owner's list; still "sent" for the sender, and asking again changes nothing.
    assert api.get("/friends/requests", headers=owner_h).json()["items"] == []
    outgoing = api.get("/friends/requests", headers=stranger_h).json()["items"]
    assert [r["direction"] for r in outgoing] == ["outgoing"]
    again = api.post("/friends/requests", {"username": "owner"}, headers=stranger_h)
    assert again.json()["status"] == "sent"
    assert Notification.objects.filter(recipient=owner).count() == 1
    assert not Notification.objects.filter(recipient=stranger).exists()
    # Accepting a declined request is no longer possible.
    assert_error(
        api.post(f"/friends/requests/{request_id}/accept", headers=owner_h), 404, "not_found"
    )
    # After the quiet spell a new request goes through.
    with time_machine.travel(NOON + dt.timedelta(days=31), tick=False):
        api.post("/friends/requests", {"username": "owner"}, headers=stranger_h)
    assert Notification.objects.filter(recipient=owner).count() == 2
    assert FriendRequest.objects.get().declined_at is None


def test_unknown_blocked_and_self_are_refused(api, cast):
    _, owner_h = cast["owner"]
    _, blocked_h = cast["blocked"]
    unknown = assert_error(
        api.post("/friends/requests", {"username": "nobody"}, headers=owner_h), 404, "not_found"
    )
    # Either side of a block: exactly the answer for an unknown username.
    for headers, name in ((owner_h, "blocked"), (blocked_h, "owner")):
        response = api.post("/friends/requests", {"username": name}, headers=headers)
        assert assert_error(response, 404, "not_found") == unknown
    assert_error(api.post("/friends/requests", {"username": "owner"}, headers=owner_h), 409, "self")
    assert_error(
        api.post("/friends/requests", {"username": "a b"}, headers=owner_h),
        422,
        "invalid",
        "username",
    )
    assert not FriendRequest.objects.exists()


def test_friend_requests_are_rate_limited(api, cast, settings):
    settings.COMMUNITY_RATES = {"friend_request": (2, 3600)}
    _, owner_h = cast["owner"]
    for name in ("stranger", "nobody"):
        api.post("/friends/requests", {"username": name}, headers=owner_h)
    response = api.post("/friends/requests", {"username": "stranger"}, headers=owner_h)
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1


def test_remove_a_friend(api, cast):
    owner, owner_h = cast["owner"]
    _, _stranger_h = cast["stranger"]
    assert_error(api.delete("/friends/stranger", headers=owner_h), 404, "not_found")
    assert api.delete("/friends/friend", headers=owner_h).status_code == 204
    assert not Friendship.objects.filter(user=owner).exists()
    assert not Friendship.objects.filter(friend=owner).exists()
    assert_error(api.delete("/friends/friend", headers=owner_h), 404, "not_found")


def test_block_ends_friendship_and_requests_and_hides_both_ways(api, cast):
    owner, owner_h = cast["owner"]
    friend, friend_h = cast["friend"]
    stranger, stranger_h = cast["stranger"]
    api.post("/friends/requests", {"username": "owner"}, headers=stranger_h)
    assert api.post("/blocks", {"username": "friend"}, headers=owner_h).status_code == 201
    assert api.post("/blocks", {"username": "stranger"}, headers=owner_h).status_code == 201
    assert not Friendship.objects.filter(user__in=[owner, friend]).exists()
    assert not FriendRequest.objects.exists()
    assert not Notification.objects.filter(recipient__in=[friend, stranger]).exists()
    names = {p["username"] for p in api.get("/blocks", headers=owner_h).json()["items"]}
    assert names == {"blocked", "friend", "stranger"}
    # The blocked person cannot find the owner, nor the owner them.
    assert_error(api.get("/people/owner", headers=friend_h), 404, "not_found")
    assert_error(api.get("/people/friend", headers=owner_h), 404, "not_found")
    # Unblocking does not bring the friendship back.
    assert api.delete("/blocks/friend", headers=owner_h).status_code == 204
    assert_error(api.delete("/blocks/friend", headers=owner_h), 404, "not_found")
    assert not Friendship.objects.filter(user=owner).exists()
    assert_error(api.post("/blocks", {"username": "owner"}, headers=owner_h), 409, "self")
    assert_error(api.post("/blocks", {"username": "nobody"}, headers=owner_h), 404, "not_found")


def test_mute_and_unmute(api, cast):
    owner, owner_h = cast["owner"]
    assert api.post("/mutes", {"username": "friend"}, headers=owner_h).status_code == 201
    assert api.post("/mutes", {"username": "friend"}, headers=owner_h).status_code == 201
    assert Mute.objects.filter(muter=owner).count() == 1
    assert [p["username"] for p in api.get("/mutes", headers=owner_h).json()["items"]] == ["friend"]
    # Still friends: a mute changes nothing else.
    assert Friendship.objects.filter(user=owner).count() == 1
    assert api.delete("/mutes/friend", headers=owner_h).status_code == 204
    assert_error(api.delete("/mutes/friend", headers=owner_h), 404, "not_found")
    assert_error(api.post("/mutes", {"username": "blocked"}, headers=owner_h), 404, "not_found")


def _shared_world(cast: dict) -> dict[str, Any]:
    owner = cast["owner"][0]
    private = log_ask(owner, {"ask": "PRIVATE-ASK-x1", "outcome": "rejected"}).attempt
    shared = log_ask(
        owner,
        {
            "ask": "Ask for a bigger table",
            "outcome": "accepted",
            "visibility": "friends",
            "feared_outcome": "UNTICKED-FEAR-x1",
            "learned": "TICKED-LEARNED-x1",
            "share_learned": True,
        },
    ).attempt
    return {"private": private, "shared": shared}


def test_a_profile_shows_each_viewer_only_what_is_theirs_to_see(api, cast):
    _shared_world(cast)
    owner_h, friend_h = cast["owner"][1], cast["friend"][1]
    stranger_h, blocked_h = cast["stranger"][1], cast["blocked"][1]
    mine = api.get("/people/owner", headers=owner_h).json()
    assert mine["relation"]["me"] and [a["title"] for a in mine["asks"]] == [
        "Ask for a bigger table"
    ]
    seen = api.get("/people/owner", headers=friend_h)
    assert seen.status_code == 200
    body = seen.json()
    assert body["relation"]["friends"] is True
    assert [a["title"] for a in body["asks"]] == ["Ask for a bigger table"]
    assert body["asks"][0]["learned"] == "TICKED-LEARNED-x1"
    assert body["asks"][0]["feared_outcome"] is None
    assert "PRIVATE-ASK-x1" not in seen.content.decode()
    assert "UNTICKED-FEAR-x1" not in seen.content.decode()
    # A stranger, a blocked person and anonymous: the 404 of a missing user.
    missing = assert_error(api.get("/people/nobody", headers=stranger_h), 404, "not_found")
    for headers in (stranger_h, blocked_h):
        assert assert_error(api.get("/people/owner", headers=headers), 404, "not_found") == missing
    assert_error(api.get("/people/owner"), 401, "unauthorized")


def test_a_public_profile_is_seen_by_strangers_but_never_across_a_block(api, cast):
    _owner, owner_h = cast["owner"]
    refused = api.patch("/me", {"public_profile": True}, headers=owner_h)
    assert_error(refused, 422, "adult_needed", "public_profile")
    done = api.patch(
        "/me",
        {"adult_confirmed": True, "public_profile": True, "bio": "Asking daily"},
        headers=owner_h,
    )
    assert done.status_code == 200, done.content
    assert done.json()["public_profile"] and done.json()["adult_confirmed"]
    public = api.post(
        "/attempts",
        {"ask": "Ask to sing on stage", "outcome": "rejected", "visibility": "public"},
        headers=owner_h,
    )
    assert public.status_code == 201
    seen = api.get("/people/owner", headers=cast["stranger"][1]).json()
    assert seen["bio"] == "Asking daily"
    assert [a["title"] for a in seen["asks"]] == ["Ask to sing on stage"]
    assert_error(api.get("/people/owner", headers=cast["blocked"][1]), 404, "not_found")


def test_a_pending_request_shows_the_name_only(api, cast):
    _shared_world(cast)
    _, stranger_h = cast["stranger"]
    api.post("/friends/requests", {"username": "owner"}, headers=stranger_h)
    seen = api.get("/people/owner", headers=stranger_h).json()
    assert seen["relation"]["request_out"] is True
    assert seen["bio"] is None and seen["asks"] == []
    their = api.get("/people/stranger", headers=cast["owner"][1]).json()
    assert their["relation"]["request_in"] == FriendRequest.objects.get().pk


def test_profile_text_passes_the_kindness_check(api, cast):
    _, owner_h = cast["owner"]
    for field in ("bio", "display_name"):
        value = UNSAFE if field == "bio" else "Steal a car"
        response = api.patch("/me", {field: value}, headers=owner_h)
        assert_error(response, 422, "unsafe_text", field)


def test_sharing_choices_on_an_ask(api, cast):
    _owner, owner_h = cast["owner"]
    body = {"ask": "Ask for a discount", "outcome": "rejected", "visibility": "friends"}
    made = api.post("/attempts", {**body, "share_anxiety": True}, headers=owner_h)
    assert made.status_code == 201, made.content
    assert made.json()["share_anxiety"] is True and made.json()["share_learned"] is False
    attempt_id = made.json()["id"]
    changed = api.patch(f"/attempts/{attempt_id}", {"share_learned": True}, headers=owner_h)
    assert changed.json()["share_learned"] is True and changed.json()["share_anxiety"] is True
    public = api.patch(f"/attempts/{attempt_id}", {"visibility": "public"}, headers=owner_h)
    assert_error(public, 422, "public_profile_needed", "visibility")
    unkind = api.post("/attempts", {**body, "ask": UNSAFE}, headers=owner_h)
    assert_error(unkind, 422, "unsafe_text", "ask")
    # Kept private, the same words are the person's own business.
    private = api.post(
        "/attempts", {**body, "ask": UNSAFE, "visibility": "private"}, headers=owner_h
    )
    assert private.status_code == 201


def test_invite_link_and_reset(api, cast, client):
    _owner, owner_h = cast["owner"]
    first = api.get("/friends/invite", headers=owner_h).json()["url"]
    assert api.get("/friends/invite", headers=owner_h).json()["url"] == first
    second = api.post("/friends/invite/reset", headers=owner_h).json()["url"]
    assert second != first and "/friends/invite/" in second


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/friends"),
        ("GET", "/friends/requests"),
        ("POST", "/friends/requests"),
        ("POST", "/friends/requests/1/accept"),
        ("POST", "/friends/requests/1/decline"),
        ("DELETE", "/friends/owner"),
        ("GET", "/friends/invite"),
        ("POST", "/friends/invite/reset"),
        ("GET", "/blocks"),
        ("POST", "/blocks"),
        ("DELETE", "/blocks/owner"),
        ("GET", "/mutes"),
        ("POST", "/mutes"),
        ("DELETE", "/mutes/owner"),
        ("GET", "/people/owner"),
    ],
)
def test_anonymous_gets_401_everywhere(api, cast, method, path):
    body = {"username": "owner"} if method == "POST" else None
    assert_error(api.call(method, path, body), 401, "unauthorized")
    assert not Block.objects.exclude(blocked__username="blocked").exists()


def test_lists_and_profile_cost_the_same_with_many_people(api, cast):
    from rejection.community import blocks, friends
    from tests.budget import queries

    owner, owner_h = cast["owner"]
    _, friend_h = cast["friend"]
    calls = [
        (owner_h, "/friends"),
        (owner_h, "/friends/requests"),
        (owner_h, "/blocks"),
        (owner_h, "/mutes"),
        (owner_h, "/people/owner"),
        (friend_h, "/people/owner"),
    ]

    def costs() -> list[int]:
        counts = []
        for headers, path in calls:
            with queries() as q:
                assert api.get(path, headers=headers).status_code == 200, path
            counts.append(len(q))
        return counts

    costs()  # the first use of each token marks it used
    few = costs()
    for number in range(30):
        friends._befriend(owner, make_user(f"pal{number}"))
        friends.send_request(make_user(f"asker{number}"), "owner")
        blocks.block(owner, make_user(f"pest{number}").username)
        blocks.mute(owner, f"pal{number}")
        log_ask(owner, {"ask": f"Shared {number}", "outcome": "rejected", "visibility": "friends"})
    from django.core.cache import cache

    cache.clear()
    many = costs()
    print("API query counts:", list(zip([p for _, p in calls], many, strict=True)))
    assert few == many and max(many) <= 10, (few, many)
