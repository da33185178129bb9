"""Friends, friend requests, invite links, blocks, mutes and people's profiles.

Someone on either side of a block answers exactly like an unknown username: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.params import Path

from rejection.accounts.contracts import USERNAME_LIMIT, USERNAME_PATTERN
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.pagination import Key, moment_key, paginate
from rejection.api.schemas.common import MAX_ID, PageParams
from rejection.api.schemas.friends import (
    FriendOut,
    FriendPage,
    InviteOut,
    PersonIn,
    PersonOut,
    PersonPage,
    RequestPage,
    SentOut,
)
from rejection.community import blocks, friends, queries
from rejection.community.models import Block, FriendRequest
from rejection.community.profiles import as_shared, view_person

router = Router(tags=["friends"])
NEWEST = (moment_key("created_at", descending=True), Key("id", descending=True))
RequestId = Path(..., ge=1, le=MAX_ID)
Username = Path(..., min_length=1, max_length=USERNAME_LIMIT, pattern=USERNAME_PATTERN)


def _ref(user: Any) -> dict[str, Any]:
    return {"username": user.get_username(), "display_name": user.profile.name}


@router.get(
    "/friends",
    response={200: FriendPage, **errors(401, 422, 429)},
    summary="Your friends, newest friendship first",
)
def list_friends(request: ApiRequest, page: Query[PageParams]) -> dict:
    rows, next_cursor = paginate(queries.friends_of(request.auth), NEWEST, page.limit, page.cursor)
    items = [{**_ref(row.friend), "since": row.created_at} for row in rows]
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/friends/requests",
    response={200: RequestPage, **errors(401, 422, 429)},
    summary="Friend requests to you (to answer) and from you (waiting), newest first",
)
def list_requests(request: ApiRequest, page: Query[PageParams]) -> dict:
    me = request.auth
    blocked = Block.objects.filter(
        Q(blocker_id=me.pk, blocked_id=OuterRef("from_user_id"))
        | Q(blocked_id=me.pk, blocker_id=OuterRef("from_user_id"))
    )
    rows = FriendRequest.objects.filter(
        Q(from_user=me) | (Q(to_user=me, declined_at__isnull=True) & ~Q(Exists(blocked)))
    ).select_related("from_user__profile", "to_user__profile")
    found, next_cursor = paginate(rows, NEWEST, page.limit, page.cursor)
    items = []
    for row in found:
        outgoing = row.from_user_id == me.pk
        other = row.to_user if outgoing else row.from_user
        items.append(
            {
                **_ref(other),
                "id": row.pk,
                "direction": "outgoing" if outgoing else "incoming",
                "created_at": row.created_at,
            }
        )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/friends/requests",
    response={201: SentOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Ask someone to be friends, by username",
    description="404 names `username` when no one has it (or a block stands between you). "
    "409 names `username` when it is yours. If they had asked you already you are friends at "
    'once (`"status": "friends"`). Limited per person: 429 with Retry-After.',
)
def send_request(request: ApiRequest, body: PersonIn) -> Status:
    sent = friends.send_request(request.auth, body.username)
    return Status(201, {**_ref(sent.person), "status": sent.status})


@router.post(
    "/friends/requests/{request_id}/accept",
    response={200: FriendOut, **errors(401, 404, 413, 422, 429)},
    summary="Accept a friend request sent to you",
    description="404 when there is no request with this id waiting for your answer.",
)
def accept_request(request: ApiRequest, request_id: int = RequestId) -> dict:
    friend = friends.accept_request(request.auth, request_id)
    since = queries.friends_of(request.auth).filter(friend=friend).first()
    return {**_ref(friend), "since": since.created_at if since else None}


@router.post(
    "/friends/requests/{request_id}/decline",
    response={204: None, **errors(401, 404, 413, 422, 429)},
    summary="Decline a friend request sent to you",
    description="The sender is not told, and cannot ask again for 30 days.",
)
def decline_request(request: ApiRequest, request_id: int = RequestId) -> Status:
    friends.decline_request(request.auth, request_id)
    return Status(204, None)


@router.get(
    "/friends/invite",
    response={200: InviteOut, **errors(401, 429)},
    summary="Your invite link",
)
def get_invite(request: ApiRequest) -> dict:
    return _invite(request, friends.invite_link(request.auth).token)


@router.post(
    "/friends/invite/reset",
    response={200: InviteOut, **errors(401, 413, 429)},
    summary="Make a new invite link; the old one stops working",
)
def reset_invite(request: ApiRequest) -> dict:
    return _invite(request, friends.reset_invite_link(request.auth).token)


def _invite(request: ApiRequest, token: str) -> dict:
    return {"url": request.build_absolute_uri(reverse("friend_invite", args=[token]))}


@router.delete(
    "/friends/{username}",
    response={204: None, **errors(401, 404, 422, 429)},
    summary="End a friendship (both ways; they are not told)",
)
def remove_friend(request: ApiRequest, username: str = Username) -> Status:
    friends.remove_friend(request.auth, username)
    return Status(204, None)


def _people(rows: Any, attribute: str, page: PageParams) -> dict:
    found, next_cursor = paginate(rows, NEWEST, page.limit, page.cursor)
    return {"items": [_ref(getattr(row, attribute)) for row in found], "next_cursor": next_cursor}


@router.get(
    "/blocks",
    response={200: PersonPage, **errors(401, 422, 429)},
    summary="People you blocked",
)
def list_blocks(request: ApiRequest, page: Query[PageParams]) -> dict:
    return _people(queries.blocked_by(request.auth), "blocked", page)


@router.post(
    "/blocks",
    response={201: None, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Block someone",
    description="You then see nothing of each other; any friendship and requests between you "
    "end. Nobody is told. 404 names `username` when no one has it.",
)
def add_block(request: ApiRequest, body: PersonIn) -> Status:
    blocks.block(request.auth, body.username)
    return Status(201, None)


@router.delete(
    "/blocks/{username}",
    response={204: None, **errors(401, 404, 422, 429)},
    summary="Unblock someone (friendship does not come back)",
)
def remove_block(request: ApiRequest, username: str = Username) -> Status:
    blocks.unblock(request.auth, username)
    return Status(204, None)


@router.get(
    "/mutes",
    response={200: PersonPage, **errors(401, 422, 429)},
    summary="People you muted",
)
def list_mutes(request: ApiRequest, page: Query[PageParams]) -> dict:
    return _people(queries.muted_by(request.auth), "muted", page)


@router.post(
    "/mutes",
    response={201: None, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Mute someone: hide them from your feed only",
    description="Nothing else changes and no one is told. 404 names `username` when no one "
    "has it (or a block stands between you).",
)
def add_mute(request: ApiRequest, body: PersonIn) -> Status:
    blocks.mute(request.auth, body.username)
    return Status(201, None)


@router.delete(
    "/mutes/{username}",
    response={204: None, **errors(401, 404, 422, 429)},
    summary="Unmute someone",
)
def remove_mute(request: ApiRequest, username: str = Username) -> Status:
    blocks.unmute(request.auth, username)
    return Status(204, None)


@router.get(
    "/people/{username}",
    response={200: PersonOut, **errors(401, 404, 422, 429)},
    summary="A person's profile, as much as they share with you",
    description="404, as for an unknown username, unless they are you, your friend, have a "
    "public profile, or a friend request waits between you (then only their name). "
    "`bio` and `asks` are shown to friends and, with a public profile, to everyone.",
)
def get_person(request: ApiRequest, username: str = Username) -> dict:
    view = view_person(request.auth, username)
    relation = view.relation
    return {
        **_ref(view.person),
        "bio": view.bio if view.full else None,
        "relation": {
            "me": relation.me,
            "friends": relation.friends,
            "request_in": relation.incoming_id,
            "request_out": relation.outgoing,
            "muted": relation.muted,
        },
        "asks": [as_shared(attempt) for attempt in view.asks],
    }
