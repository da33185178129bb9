"""The feed of friends' shared asks, Discover, cheers and comments.

Anything the caller may not see (a private ask, one across a block, a hidden comment that is
not theirs) answers 404, exactly as a missing id does.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from ninja import Query, Router, Status
from ninja.params import Path

from rejection.accounts.days import cached_until_change
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.kept import kept_response, rendered
from rejection.api.pagination import Key, moment_key, paginate
from rejection.api.schemas.common import MAX_ID, PageParams
from rejection.api.schemas.feed import (
    CardPage,
    CheerIn,
    CheerKindParams,
    CheersOut,
    CommentChanges,
    CommentOut,
    CommentPage,
    NewComment,
)
from rejection.community import cheers, comments
from rejection.community.feed import Card, cheers_on, discover_page, feed_page, shared_attempt
from rejection.community.first_page import first_page_digest
from rejection.community.models import Comment

router = Router(tags=["community"])
OLDEST_FIRST = (moment_key("created_at"), Key("id"))
AttemptId = Path(..., ge=1, le=MAX_ID)
CommentId = Path(..., ge=1, le=MAX_ID)


def _person(person: Any) -> dict:
    return {"username": person.username, "name": person.name}


def _card(card: Card) -> dict:
    return {
        "id": card.id,
        "person": _person(card.person),
        "mine": card.mine,
        "title": card.title,
        "outcome": card.outcome,
        "local_date": card.local_date,
        "occurred_at": card.occurred_at,
        "visibility": card.visibility,
        "feared_outcome": card.feared,
        "what_happened": card.happened,
        "learned": card.learned,
        "anxiety_before": card.anxiety_before,
        "anxiety_after": card.anxiety_after,
        "cheers": {"counts": card.cheers, "mine": sorted(card.my_cheers)},
        "comment_count": card.comment_count,
    }


def _comment(viewer: Any, comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "attempt_id": comment.attempt_id,
        "parent_id": comment.parent_id,
        "author": {"username": comment.author.username, "name": comment.author.profile.name},
        "body": comment.body,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "hidden": comment.hidden_at is not None,
        "can_edit": comments.can_edit(viewer, comment),
        "can_delete": comments.can_delete(viewer, comment, comment.attempt),
    }


@router.get(
    "/feed",
    response={200: CardPage, **errors(401, 422, 429)},
    summary="Friends' shared asks and your own, newest first",
    description="Asks your friends shared with friends or in public, and yours shared the same "
    "way, newest first; people you muted are left out. Notes and nerves appear only where "
    "their owner ticked them for that ask.",
)
def get_feed(request: ApiRequest, page: Query[PageParams]) -> dict | HttpResponse:
    if page.cursor is None:
        # The first page is served as stored bytes under the digest of everything it shows
        # (community.first_page): any change to it is a new key.
        body = cached_until_change(
            request.auth,
            "feed-api",
            lambda: _feed_json(request, page),
            first_page_digest(request.auth, page.limit),
            page.limit,
        )
        return kept_response(body)
    return _feed(request, page)


def _feed(request: ApiRequest, page: PageParams) -> dict:
    cards, next_cursor = feed_page(request.auth, page.limit, page.cursor)
    return {"items": [_card(card) for card in cards], "next_cursor": next_cursor}


def _feed_json(request: ApiRequest, page: PageParams) -> bytes:
    return rendered(request, CardPage, _feed(request, page))


@router.get(
    "/discover",
    response={200: CardPage, **errors(401, 422, 429)},
    summary="Public asks of people with a public profile, newest first",
)
def get_discover(request: ApiRequest, page: Query[PageParams]) -> dict:
    cards, next_cursor = discover_page(request.auth, page.limit, page.cursor)
    return {"items": [_card(card) for card in cards], "next_cursor": next_cursor}


def _cheers_of(request: ApiRequest, attempt: Any) -> dict:
    counts, mine = cheers_on(request.auth, attempt)
    return {"counts": counts, "mine": sorted(mine)}


@router.post(
    "/attempts/{attempt_id}/cheers",
    response={200: CheersOut, 201: CheersOut, **errors(400, 401, 403, 404, 409, 413, 422, 429)},
    summary="Cheer a shared ask",
    description="201 when the cheer is new, 200 when you had given this kind already (nothing "
    "changes). 409 names `kind` for your own ask. 404 when you cannot see the ask; 403 "
    "(`suspended`) while a moderator has paused your account.",
)
def add_cheer(request: ApiRequest, body: CheerIn, attempt_id: int = AttemptId) -> Status:
    attempt = shared_attempt(request.auth, attempt_id)
    created = cheers.cheer(request.auth, attempt, body.kind)
    return Status(201 if created else 200, _cheers_of(request, attempt))


@router.delete(
    "/attempts/{attempt_id}/cheers",
    response={200: CheersOut, **errors(401, 403, 404, 409, 422, 429)},
    summary="Take back a cheer (?kind=, or all of yours)",
    description="Takes back your cheer of that kind (every kind of yours without `kind`); "
    "answers the counts whether or not you had given it. 409 for your own ask.",
)
def remove_cheer(
    request: ApiRequest, params: Query[CheerKindParams], attempt_id: int = AttemptId
) -> dict:
    attempt = shared_attempt(request.auth, attempt_id)
    cheers.uncheer(request.auth, attempt, params.kind)
    return _cheers_of(request, attempt)


@router.get(
    "/attempts/{attempt_id}/comments",
    response={200: CommentPage, **errors(401, 404, 422, 429)},
    summary="The comments you can read on a shared ask, oldest first",
    description="Top comments and their replies in one list, oldest first, paged by cursor; "
    "a reply's `parent_id` names its top comment.",
)
def list_comments(
    request: ApiRequest, page: Query[PageParams], attempt_id: int = AttemptId
) -> dict:
    attempt = shared_attempt(request.auth, attempt_id)
    rows = Comment.objects.filter(
        comments.visible_comments(request.auth), attempt=attempt
    ).select_related("author__profile")
    found, next_cursor = paginate(rows, OLDEST_FIRST, page.limit, page.cursor)
    items = []
    for row in found:
        row.attempt = attempt
        items.append(_comment(request.auth, row))
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/attempts/{attempt_id}/comments",
    response={201: CommentOut, **errors(400, 401, 403, 404, 413, 422, 429)},
    summary="Comment on a shared ask, or reply to a comment",
    description="Plain text, at most 1000 characters. A reply to a reply joins its top comment "
    "(one level of replies). 422 names `body` when the text is unkind or unsafe, with the "
    "reason; 404 names `parent_id` when there is no such comment on this ask; 403 "
    "(`suspended`) while a moderator has paused your account.",
)
def add_comment(request: ApiRequest, body: NewComment, attempt_id: int = AttemptId) -> Status:
    attempt = shared_attempt(request.auth, attempt_id)
    comment = comments.add_comment(request.auth, attempt, body)
    return Status(201, _comment(request.auth, comment))


@router.patch(
    "/comments/{comment_id}",
    response={200: CommentOut, **errors(400, 401, 403, 404, 409, 413, 422, 429)},
    summary="Edit your comment within 10 minutes",
    description="403 when it is not yours; 409 names `body` once the 10 minutes have passed.",
)
def edit_comment(request: ApiRequest, body: CommentChanges, comment_id: int = CommentId) -> dict:
    comment = comments.find_comment(request.auth, comment_id)
    return _comment(request.auth, comments.edit_comment(request.auth, comment, body))


@router.delete(
    "/comments/{comment_id}",
    response={204: None, **errors(401, 403, 404, 422, 429)},
    summary="Delete your comment, or any comment on your ask",
    description="Its replies go with it. 403 when it is neither yours nor on your ask.",
)
def delete_comment(request: ApiRequest, comment_id: int = CommentId) -> Status:
    comment = comments.find_comment(request.auth, comment_id)
    comments.delete_comment(request.auth, comment)
    return Status(204, None)
