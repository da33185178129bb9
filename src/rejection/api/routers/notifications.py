"""Reports to the moderators, and the caller's notifications (the bell)."""

from __future__ import annotations

from ninja import Query, Router, Status

from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.pagination import Key, moment_key, paginate
from rejection.api.schemas.common import PageParams
from rejection.api.schemas.notifications import (
    Channels,
    ChannelsOut,
    NewReport,
    NotificationPage,
    ReadNotifications,
    ReadOut,
    ReportOut,
)
from rejection.community.inbox import (
    channels_for,
    choose_channels,
    mark_read,
    notification_as_dict,
    notifications_for,
    unread_count,
)
from rejection.community.reports import THANKS, file_report

router = Router(tags=["community"])
ORDER = (moment_key("created_at", descending=True), Key("id", descending=True))


@router.post(
    "/reports",
    response={200: ReportOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Report an ask, a comment or a person to the moderators",
    description="Only the moderators read a report; the person reported is never told who "
    "reported them. You can report only what you can see (404 otherwise, naming `id`; for a "
    "person: a friend, a public profile, or someone who sent you a friend request), and not "
    "your own (409 naming `id`). One report per person and target: reporting the same thing "
    "again answers 200 and changes nothing. When three different people have reported an ask "
    "or a comment it is hidden until a moderator decides. 429 with Retry-After past 20 "
    "reports an hour.",
)
def report(request: ApiRequest, body: NewReport) -> Status:
    file_report(request.auth, body)
    return Status(200, {"target": body.target, "id": body.id, "message": THANKS})


@router.get(
    "/notifications",
    response={200: NotificationPage, **errors(401, 422, 429)},
    summary="Your notifications, newest first",
    description="Friend requests, cheers, comments, group news and words from the moderators. "
    "`unread` counts all your unread ones. Reading this list does not mark them read: POST "
    "`/notifications/read`.",
)
def list_notifications(request: ApiRequest, page: Query[PageParams]) -> dict:
    items, next_cursor = paginate(notifications_for(request.auth), ORDER, page.limit, page.cursor)
    return {
        "items": [notification_as_dict(item) for item in items],
        "next_cursor": next_cursor,
        "unread": unread_count(request.auth),
    }


@router.post(
    "/notifications/read",
    response={200: ReadOut, **errors(400, 401, 413, 422, 429)},
    summary="Mark notifications read",
    description='Send `{"ids": [...]}` (ids that are not yours are ignored) or '
    '`{"all": true}`; 422 for both or neither.',
)
def read(request: ApiRequest, body: ReadNotifications) -> dict:
    marked = mark_read(request.auth, None if body.all else list(body.ids))
    return {"marked": marked, "unread": unread_count(request.auth)}


@router.get(
    "/notifications/channels",
    response={200: ChannelsOut, **errors(401, 429)},
    summary="Where your notifications also go",
)
def get_channels(request: ApiRequest) -> dict:
    row = channels_for(request.auth)
    return {"push": row.push, "email": row.email}


@router.put(
    "/notifications/channels",
    response={200: ChannelsOut, **errors(400, 401, 413, 422, 429)},
    summary="Choose where your notifications also go",
    description="Both are off until you turn them on. Push goes to the browsers subscribed "
    "for reminders (`/push/subscriptions`); e-mail only to a confirmed address. The bell "
    "always has everything.",
)
def put_channels(request: ApiRequest, body: Channels) -> dict:
    row = choose_channels(request.auth, body.push, body.email)
    return {"push": row.push, "email": row.email}
