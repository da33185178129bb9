"""The community endpoints: GET /feed and /discover, cheers and comments, for the owner, a
friend, a stranger, a blocked person and anonymous. Anything not theirs to see is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from rejection.community.models import Cheer, Comment
from tests.api.conftest import assert_error
from tests.community.world import MARK_FEAR, MARK_PRIVATE, community
from tests.conftest import bearer, read_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    made = community()
    made["tokens"] = {who: bearer(made[who]) for who in ("owner", "friend", "stranger", "blocked")}
    made["tokens"][None] = {}
    return made


def test_the_feed_lists_shared_asks_newest_first_with_a_cursor(api: Any, world: dict) -> None:
    response = api.get("/feed?limit=1", headers=world["tokens"]["friend"])
    body = read_json(response)
    assert response.status_code == 200
    [item] = body["items"]
    assert item["id"] == world["ask"].pk and item["person"]["username"] == "owner"
    assert item["feared_outcome"] is None and item["anxiety_before"] is None
    assert item["cheers"] == {"counts": {"brave": 0, "well_asked": 0, "keep_going": 0}, "mine": []}
    assert item["comment_count"] == 0 and item["local_date"] == str(world["ask"].local_date)
    assert body["next_cursor"] is None
    assert MARK_FEAR not in response.content.decode()


@pytest.mark.parametrize("who", ["stranger", "blocked"])
def test_others_feeds_hold_nothing_of_it(api: Any, world: dict, who: str) -> None:
    body = read_json(api.get("/feed", headers=world["tokens"][who]))
    assert body == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("path", ["/feed", "/discover"])
def test_lists_need_a_token(api: Any, world: dict, path: str) -> None:
    assert_error(api.get(path), 401, "unauthorized")


def test_a_bad_cursor_names_the_field(api: Any, world: dict) -> None:
    assert_error(
        api.get("/feed?cursor=nope", headers=world["tokens"]["friend"]), 422, "invalid", "cursor"
    )


def test_cheer_then_take_it_back(api: Any, world: dict) -> None:
    path, headers = f"/attempts/{world['ask'].pk}/cheers", world["tokens"]["friend"]
    first = api.post(path, {"kind": "brave"}, headers=headers)
    assert first.status_code == 201
    assert read_json(first) == {
        "counts": {"brave": 1, "well_asked": 0, "keep_going": 0},
        "mine": ["brave"],
    }
    assert api.post(path, {"kind": "brave"}, headers=headers).status_code == 200
    gone = api.delete(path + "?kind=brave", headers=headers)
    assert gone.status_code == 200 and read_json(gone)["mine"] == []
    assert_error(api.post(path, {"kind": "hug"}, headers=headers), 422, "invalid", "kind")
    assert_error(
        api.post(path, {"kind": "brave"}, headers=world["tokens"]["owner"]), 409, "own_ask"
    )


@pytest.mark.parametrize("who", ["stranger", "blocked"])
def test_what_they_cannot_see_is_404_for_every_operation(api: Any, world: dict, who: str) -> None:
    headers, pk = world["tokens"][who], world["ask"].pk
    comment = Comment.objects.create(attempt=world["ask"], author=world["friend"], body="Hi")
    answers = [
        api.post(f"/attempts/{pk}/cheers", {"kind": "brave"}, headers=headers),
        api.delete(f"/attempts/{pk}/cheers?kind=brave", headers=headers),
        api.get(f"/attempts/{pk}/comments", headers=headers),
        api.post(f"/attempts/{pk}/comments", {"body": "Hello"}, headers=headers),
        api.patch(f"/comments/{comment.pk}", {"body": "Changed"}, headers=headers),
        api.delete(f"/comments/{comment.pk}", headers=headers),
    ]
    for answer in answers:
        assert_error(answer, 404, "not_found")
    assert not Cheer.objects.exists() and Comment.objects.get().body == "Hi"


def test_a_friend_sees_a_private_ask_as_missing(api: Any, world: dict) -> None:
    headers = world["tokens"]["friend"]
    private = api.get(f"/attempts/{world['private'].pk}/comments", headers=headers)
    missing = api.get("/attempts/999999/comments", headers=headers)
    assert private.content == missing.content and private.status_code == 404
    assert MARK_PRIVATE not in private.content.decode()


def test_anonymous_gets_401_everywhere(api: Any, world: dict) -> None:
    pk = world["ask"].pk
    for answer in (
        api.post(f"/attempts/{pk}/cheers", {"kind": "brave"}),
        api.get(f"/attempts/{pk}/comments"),
        api.post(f"/attempts/{pk}/comments", {"body": "Hello"}),
        api.patch("/comments/1", {"body": "x"}),
        api.delete("/comments/1"),
    ):
        assert_error(answer, 401, "unauthorized")


def test_comments_replies_edits_and_deletes(api: Any, world: dict) -> None:
    pk, friend, owner = world["ask"].pk, world["tokens"]["friend"], world["tokens"]["owner"]
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        made = api.post(
            f"/attempts/{pk}/comments", {"body": "  So brave\nReally  "}, headers=friend
        )
        assert made.status_code == 201
        top = read_json(made)
        assert top["body"] == "So brave\nReally" and top["can_edit"] and top["can_delete"]
        reply = read_json(
            api.post(
                f"/attempts/{pk}/comments",
                {"body": "Thanks", "parent_id": top["id"]},
                headers=owner,
            )
        )
        deeper = read_json(
            api.post(
                f"/attempts/{pk}/comments",
                {"body": "Any time", "parent_id": reply["id"]},
                headers=friend,
            )
        )
        assert reply["parent_id"] == deeper["parent_id"] == top["id"]
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 5, tzinfo=dt.UTC), tick=False):
        edited = api.patch(f"/comments/{top['id']}", {"body": "So brave!"}, headers=friend)
        assert edited.status_code == 200 and read_json(edited)["edited_at"]
        assert_error(
            api.patch(f"/comments/{top['id']}", {"body": "x"}, headers=owner), 403, "not_yours"
        )
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False):
        assert_error(
            api.patch(f"/comments/{top['id']}", {"body": "Late"}, headers=friend),
            409,
            "too_late",
            "body",
        )
        listed = read_json(api.get(f"/attempts/{pk}/comments", headers=owner))["items"]
        assert [item["id"] for item in listed] == [top["id"], reply["id"], deeper["id"]]
        assert listed[0]["can_delete"] and not listed[0]["can_edit"]
        assert api.delete(f"/comments/{top['id']}", headers=owner).status_code == 204
    assert not Comment.objects.exists()


def test_refused_text_names_the_body(api: Any, world: dict) -> None:
    pk, friend = world["ask"].pk, world["tokens"]["friend"]
    fields = assert_error(
        api.post(f"/attempts/{pk}/comments", {"body": "what a loser"}, headers=friend),
        422,
        "unsafe_text",
        "body",
    )
    assert "name-calling" in fields["body"][0]
    assert_error(
        api.post(f"/attempts/{pk}/comments", {"body": "   "}, headers=friend),
        422,
        "invalid",
        "body",
    )
    assert_error(
        api.post(f"/attempts/{pk}/comments", {"body": "x" * 1001}, headers=friend),
        422,
        "invalid",
        "body",
    )


def test_too_many_comments_answer_429_with_retry_after(
    api: Any, world: dict, settings: Any
) -> None:
    settings.COMMUNITY_RATES = {"comment": (1, 600)}
    pk, friend = world["ask"].pk, world["tokens"]["friend"]
    api.post(f"/attempts/{pk}/comments", {"body": "One"}, headers=friend)
    response = api.post(f"/attempts/{pk}/comments", {"body": "Two"}, headers=friend)
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1


def test_a_suspended_person_gets_403_naming_the_pause(api: Any, world: dict) -> None:
    from django.utils import timezone

    world["friend"].profile.suspended_until = timezone.now() + dt.timedelta(days=1)
    world["friend"].profile.save()
    pk, headers = world["ask"].pk, world["tokens"]["friend"]
    assert_error(
        api.post(f"/attempts/{pk}/cheers", {"kind": "brave"}, headers=headers), 403, "suspended"
    )
    assert_error(
        api.post(f"/attempts/{pk}/comments", {"body": "Hi"}, headers=headers), 403, "suspended"
    )


def test_comments_come_in_cursor_pages_oldest_first(api: Any, world: dict) -> None:
    pk, friend = world["ask"].pk, world["tokens"]["friend"]
    for n in range(5):
        Comment.objects.create(attempt=world["ask"], author=world["friend"], body=f"Note {n}")
    first = read_json(api.get(f"/attempts/{pk}/comments?limit=3", headers=friend))
    assert [item["body"] for item in first["items"]] == ["Note 0", "Note 1", "Note 2"]
    rest = read_json(
        api.get(f"/attempts/{pk}/comments?limit=3&cursor={first['next_cursor']}", headers=friend)
    )
    assert [item["body"] for item in rest["items"]] == ["Note 3", "Note 4"]
    assert rest["next_cursor"] is None
