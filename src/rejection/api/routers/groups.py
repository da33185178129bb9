"""Groups: make one, join with a code, the weekly board, leave, and the owner's tools.

A group the caller is not in answers 404 exactly like one that does not exist; the owner's
tools answer 403 to the group's other members (who know it exists).
"""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Status
from ninja.params import Path

from rejection.accounts.contracts import USERNAME_LIMIT, USERNAME_PATTERN
from rejection.accounts.days import user_today
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.pagination import Key, paginate
from rejection.api.schemas.common import MAX_ID, PageParams
from rejection.api.schemas.groups import (
    BoardChoices,
    BoardOut,
    GroupOut,
    GroupPage,
    JoinGroup,
    NewGroup,
)
from rejection.groups.models import Membership
from rejection.groups.queries import board_for, member_count, my_groups_query
from rejection.groups.services import (
    change_board_choices,
    close_group,
    create_group,
    join_group,
    leave_group,
    membership_for,
    remove_member,
    reset_code,
)
from rejection.progress.contracts import IsoWeek

router = Router(tags=["groups"])
ORDER = (Key("id", descending=True),)
GroupId = Path(..., ge=1, le=MAX_ID)


def group_out(membership: Membership, today: dt.date, members: int) -> dict:
    """Return one group in the API's shape, as the member `membership` sees it."""
    group = membership.group
    return {
        "id": group.pk,
        "name": group.name,
        "description": group.description,
        "owner": group.owner.get_username() if group.owner else "",
        "is_owner": group.owner_id == membership.user_id,
        "program": {"slug": group.program.slug, "name": group.program.name},
        "length_days": group.length_days,
        "start_date": group.start_date,
        "day_number": group.day_number(today),
        "members": members,
        "code": group.code,
        "join_url": group.join_url(),
        "my_choices": {
            name: getattr(membership, name)
            for name in ("show_days", "show_asks", "show_nos", "show_titles")
        },
    }


def _one(request: ApiRequest, group_id: int) -> dict:
    membership = membership_for(request.auth, group_id)
    return group_out(membership, user_today(request.auth), member_count(group_id))


@router.get(
    "/groups",
    response={200: GroupPage, **errors(401, 422, 429)},
    summary="The groups I am in",
    description="Open groups only, the one I joined last first.",
)
def list_groups(request: ApiRequest, page: Query[PageParams]) -> dict:
    items, next_cursor = paginate(my_groups_query(request.auth), ORDER, page.limit, page.cursor)
    today = user_today(request.auth)
    return {
        "items": [group_out(item, today, item.member_count) for item in items],
        "next_cursor": next_cursor,
    }


@router.post(
    "/groups",
    response={201: GroupOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Make a group that runs a program together",
    description="Today (the caller's local day) is the group's Day 1. With `follow` (the "
    "default) the program starts on the owner's Today too. The name and description pass "
    "the safety screen (422 naming the field); the custom program needs `length_days` (409 "
    "naming it otherwise).",
)
def new_group(request: ApiRequest, body: NewGroup) -> Status:
    group = create_group(request.auth, body, user_today(request.auth))
    return Status(201, _one(request, group.pk))


@router.post(
    "/groups/join",
    response={200: GroupOut, 201: GroupOut, **errors(400, 401, 404, 413, 422, 429)},
    summary="Join a group with its invite code",
    description="201 when joined, 200 when already in it. A code that opens no open group is a "
    "404 naming `code`; more than 60 codes tried in an hour is a 429 with Retry-After. "
    "With `follow` (the default) the group's program starts on my Today with the group's "
    "Day 1, so we are all on the same Day N; my asks stay private and the "
    "board shows only what I choose (days and asks by default).",
)
def join(request: ApiRequest, body: JoinGroup) -> Status:
    membership, created = join_group(request.auth, body, user_today(request.auth))
    return Status(201 if created else 200, _one(request, membership.group_id))


@router.get("/groups/{group_id}", response={200: GroupOut, **errors(401, 404, 422, 429)})
def get_group(request: ApiRequest, group_id: int = GroupId) -> dict:
    return _one(request, group_id)


@router.get(
    "/groups/{group_id}/board",
    response={200: BoardOut, **errors(401, 404, 422, 429)},
    summary="One week of the group's board",
    description="`week` defaults to the caller's current local week; a week its year does "
    "not have or one still to come is a 404. Each member's figures are null where they chose "
    "not to show them; nobody on either side of a block with the caller is listed.",
)
def get_board(request: ApiRequest, group_id: int = GroupId, week: IsoWeek | None = None) -> dict:
    board = board_for(request.auth, group_id, week)
    today = user_today(request.auth)
    return {
        "group": group_out(board.me, today, member_count(group_id)),
        "week": board.week,
        "start": board.start,
        "end": board.end,
        "is_current": board.is_current,
        "previous_week": board.previous_week,
        "next_week": board.next_week,
        "members": [vars(row) for row in board.rows],
    }


@router.patch(
    "/groups/{group_id}/choices",
    response={200: GroupOut, **errors(400, 401, 404, 413, 422, 429)},
    summary="Choose what the board shows of me in this group",
    description="Only the fields sent change.",
)
def choices(request: ApiRequest, body: BoardChoices, group_id: int = GroupId) -> dict:
    change_board_choices(request.auth, group_id, body)
    return _one(request, group_id)


@router.post(
    "/groups/{group_id}/leave",
    response={204: None, **errors(401, 404, 409, 413, 422, 429)},
    summary="Leave a group",
    description="My asks and my program stay mine. The owner cannot leave (409): they close "
    "the group instead.",
)
def leave(request: ApiRequest, group_id: int = GroupId) -> Status:
    leave_group(request.auth, group_id)
    return Status(204, None)


@router.delete(
    "/groups/{group_id}/members/{username}",
    response={204: None, **errors(401, 403, 404, 409, 422, 429)},
    summary="Remove someone from my group (owner only)",
    description="They are told, keep their own asks, and the same code does not let them back "
    "in. 403 for a member who is not the owner; 404 naming `username` when nobody by that "
    "name is in the group; 409 for the owner themself.",
)
def remove(
    request: ApiRequest,
    group_id: int = GroupId,
    username: str = Path(..., max_length=USERNAME_LIMIT, pattern=USERNAME_PATTERN),
) -> Status:
    remove_member(request.auth, group_id, username)
    return Status(204, None)


@router.post(
    "/groups/{group_id}/code",
    response={200: GroupOut, **errors(401, 403, 404, 413, 422, 429)},
    summary="Give my group a new invite code (owner only)",
    description="The old code and link stop working at once.",
)
def new_code(request: ApiRequest, group_id: int = GroupId) -> dict:
    reset_code(request.auth, group_id)
    return _one(request, group_id)


@router.post(
    "/groups/{group_id}/close",
    response={204: None, **errors(401, 403, 404, 413, 422, 429)},
    summary="Close my group for good (owner only)",
    description="Every member is told; everyone keeps their own asks and program. A closed "
    "group is a 404 from then on.",
)
def close(request: ApiRequest, group_id: int = GroupId) -> Status:
    close_group(request.auth, group_id)
    return Status(204, None)
