"""Reminders: their settings, web-push subscriptions and the private calendar feed."""

from __future__ import annotations

from ninja import Router, Status
from ninja.params import Path

from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.schemas.common import MAX_ID
from rejection.api.schemas.reminders import (
    CalendarOut,
    NewPushSubscription,
    PushKeyOut,
    ReminderChanges,
    RemindersOut,
    SubscriptionOut,
)
from rejection.reminders import push
from rejection.reminders.queries import calendar_url, reminders_view
from rejection.reminders.services import (
    add_subscription,
    change_reminders,
    remove_subscription,
    rotate_calendar,
    settings_for,
)

router = Router(tags=["reminders"])


@router.get("/reminders", response={200: RemindersOut, **errors(401, 429)}, summary="Reminders")
def get_reminders(request: ApiRequest) -> dict:
    return reminders_view(request.auth)


@router.put(
    "/reminders",
    response={200: RemindersOut, **errors(400, 401, 409, 413, 422, 429)},
    summary="Change reminders",
    description="Replaces every setting. Turning `email` on sends a confirmation to an "
    "address not confirmed yet (e-mail reminders wait for it); with no address it is a 409 "
    "naming `email`. The next reminder follows the new time and days.",
)
def put_reminders(request: ApiRequest, body: ReminderChanges) -> dict:
    change_reminders(request.auth, body, request)
    return reminders_view(request.auth)


@router.get(
    "/push/key",
    response={200: PushKeyOut, **errors(401, 404, 429)},
    summary="The key browsers subscribe to push with",
    description="404 when this server has no VAPID key (push is off).",
)
def push_key(request: ApiRequest) -> dict:
    key = push.public_key()
    if not key:
        raise ApiError(404, "push_off", "Push reminders are not set up on this server.")
    return {"public_key": key}


@router.post(
    "/push/subscriptions",
    response={201: SubscriptionOut, **errors(400, 401, 413, 422, 429)},
    summary="Keep a browser's push subscription",
    description="The body is the browser's `PushSubscription.toJSON()`. The endpoint must be "
    "https on a public host (422 naming `endpoint` otherwise). The same endpoint again "
    "updates its keys and answers the same id.",
)
def add_push(request: ApiRequest, body: NewPushSubscription) -> Status:
    return Status(201, {"id": add_subscription(request.auth, body).pk})


@router.delete(
    "/push/subscriptions/{subscription_id}",
    response={204: None, **errors(401, 404, 422, 429)},
    summary="Forget a push subscription",
)
def delete_push(request: ApiRequest, subscription_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    remove_subscription(request.auth, subscription_id)
    return Status(204, None)


@router.get(
    "/calendar",
    response={200: CalendarOut, **errors(401, 429)},
    summary="Your private calendar feed's address",
)
def get_calendar(request: ApiRequest) -> dict:
    return {"url": calendar_url(settings_for(request.auth))}


@router.post(
    "/calendar/rotate",
    response={200: CalendarOut, **errors(401, 413, 429)},
    summary="Give the calendar feed a new address",
    description="The old address answers 404 from now on.",
)
def rotate(request: ApiRequest) -> dict:
    return {"url": calendar_url(rotate_calendar(request.auth))}
