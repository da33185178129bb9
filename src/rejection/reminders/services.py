"""Reminder use cases: read and change the settings, follow the profile's zone, the
suggested time, push subscriptions and the calendar secret. Each owns its transaction."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from rejection.accounts.services import profile_for
from rejection.core.errors import Conflict, NotFound
from rejection.core.time import zone
from rejection.journal.models import Attempt
from rejection.reminders import push
from rejection.reminders.contracts import NewPushSubscription, ReminderChanges
from rejection.reminders.models import (
    PushSubscription,
    ReminderSettings,
    days_mask,
    new_calendar_secret,
)
from rejection.reminders.scheduling import NUDGE_TIME, next_instant

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# How many recent asks the suggested time is learned from, and its rounding.
SUGGESTION_ASKS = 30
SUGGESTION_STEP = 15  # minutes
ALL_WEEK = (1 << 7) - 1


def settings_for(user: User) -> ReminderSettings:
    """Return the person's reminder settings, making the default (off) on first use."""
    found = ReminderSettings.objects.filter(user=user).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ReminderSettings.objects.create(user=user, zone=profile_for(user).timezone)
    except IntegrityError:  # a parallel first look made it
        return ReminderSettings.objects.get(user=user)


def schedule(row: ReminderSettings, zone_name: str, now: dt.datetime) -> None:
    """Set the next reminder and nudge instants after `now` (not saved)."""
    tz = zone(zone_name)
    row.zone = zone_name
    if not row.enabled:
        row.next_at = row.next_nudge_at = None
        return
    row.next_at = next_instant(now, row.local_time, row.days, tz)
    row.next_nudge_at = next_instant(now, NUDGE_TIME, ALL_WEEK, tz) if row.streak_nudge else None


def confirmed_address(user: User) -> str:
    """Return the person's confirmed e-mail address, the primary one first, or ""."""
    found = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "id")
        .values_list("email", flat=True)
        .first()
    )
    return found or ""


def _ask_for_confirmation(user: User, request: HttpRequest | None) -> None:
    """Send allauth's confirmation to the person's address if it is not confirmed yet."""
    if confirmed_address(user):
        return
    if not user.email:
        raise Conflict(
            "no_email",
            "Add an e-mail address to your account first, then turn e-mail reminders on.",
            "email",
        )
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=False
        )
    asking = request or site_request()

    def send() -> None:
        # allauth reads the request from its own context outside its middleware.
        with request_context(asking):
            address.send_confirmation(asking)

    transaction.on_commit(send)


class _SiteRequest(HttpRequest):
    scheme_name = "http"

    def _get_scheme(self) -> str:
        return self.scheme_name


def site_request() -> HttpRequest:
    """A request for SITE_URL, for allauth's links when no one's request is at hand."""
    parts = urlsplit(str(settings.SITE_URL))
    request = _SiteRequest()
    request.scheme_name = parts.scheme or "http"
    request.META = {
        "HTTP_HOST": parts.netloc,
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
    }
    request.user = AnonymousUser()
    return request


def change_reminders(
    user: User, changes: ReminderChanges, request: HttpRequest | None = None
) -> ReminderSettings:
    """Replace the reminder settings; the next reminder follows the new time and days."""
    hours, minutes = (int(part) for part in changes.time.split(":"))
    with transaction.atomic():
        row = settings_for(user)
        row = ReminderSettings.objects.select_for_update().get(pk=row.pk)
        email_turned_on = changes.email and not row.email
        row.enabled = changes.enabled
        row.local_time = dt.time(hours, minutes)
        row.days = days_mask(changes.days)
        row.push = changes.push
        row.email = changes.email
        row.streak_nudge = changes.streak_nudge
        schedule(row, profile_for(user).timezone, timezone.now())
        row.save()
        if email_turned_on:
            _ask_for_confirmation(user, request)
    return row


def follow_zone(user: User) -> None:
    """Reschedule after a change of profile: reminders follow the new zone from the next one."""
    with transaction.atomic():
        row = ReminderSettings.objects.select_for_update().filter(user=user).first()
        zone_name = profile_for(user).timezone
        if row is None or row.zone == zone_name:
            return  # nothing to move: the next reminder already follows this zone
        schedule(row, zone_name, timezone.now())
        row.save(update_fields=["zone", "next_at", "next_nudge_at", "updated_at"])


@dataclass(frozen=True)
class Suggestion:
    time: dt.time | None
    how: str


def suggested_time(user: User) -> Suggestion:
    """Learn a time from when the person asks: the median local time of the latest asks."""
    tz = zone(profile_for(user).timezone)
    moments = list(
        Attempt.objects.filter(user=user)
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)[:SUGGESTION_ASKS]
    )
    if not moments:
        return Suggestion(None, "Log a few asks and we will suggest the time you usually ask.")
    minutes = [local.hour * 60 + local.minute for local in (m.astimezone(tz) for m in moments)]
    middle = statistics.median_low(minutes)
    rounded = int(round(middle / SUGGESTION_STEP) * SUGGESTION_STEP) % (24 * 60)
    time = dt.time(rounded // 60, rounded % 60)
    return Suggestion(
        time,
        f"The middle of the local times of your last {len(moments)} "
        f"ask{'s' if len(moments) != 1 else ''}, rounded to {SUGGESTION_STEP} minutes.",
    )


def add_subscription(user: User, new: NewPushSubscription) -> PushSubscription:
    """Keep a browser's push subscription (the same endpoint again updates its keys)."""
    push.check_endpoint(new.endpoint)
    with transaction.atomic():
        found, _ = PushSubscription.objects.update_or_create(
            user=user,
            endpoint=new.endpoint,
            defaults={"p256dh": new.keys.p256dh, "auth": new.keys.auth},
        )
    return found


def remove_subscription(user: User, subscription_id: int) -> None:
    """Forget one of the person's push subscriptions (404 for anyone else's)."""
    deleted, _ = PushSubscription.objects.filter(user=user, pk=subscription_id).delete()
    if not deleted:
        raise NotFound("There is no such subscription.", field="subscription_id")


def rotate_calendar(user: User) -> ReminderSettings:
    """Give the calendar feed a new secret address; the old one stops working at once."""
    row = settings_for(user)
    row.calendar_secret = new_calendar_secret()
    row.save(update_fields=["calendar_secret", "updated_at"])
    return row


def turn_email_off(user_id: int) -> None:
    """Stop reminder e-mails (the unsubscribe link); the other channels stay as they are."""
    ReminderSettings.objects.filter(user_id=user_id).update(email=False, updated_at=timezone.now())
