"""Reading notifications: the bell's count, the list, marking them read, and the channels a
person chose to also get them on (push, e-mail).

The count reads the partial index `notification_unread` (recipient, unread only). On pages
it rides on the signed-in user's query as a subquery (`unread_subquery`, added through
accounts.backends.USER_ANNOTATIONS), so the header costs no query of its own; the API and
anything else call `unread_count`, one indexed count. The list
leaves out notifications whose actor is now on the other side of a block.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from rejection.community.models import Block, Notification, NotificationChannels

READ_BATCH = 100
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def unread_count(user: Any) -> int:
    """How many notifications this person has not read (one indexed count)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def unread_for(user: Any) -> int:
    """The unread count the user was loaded with, else counted once and kept on the user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    known = getattr(user, "unread_notifications", None)
    if known is None:
        known = unread_count(user)
        user.unread_notifications = known  # the header may ask twice; count once
    return int(known)


def unread_subquery() -> Any:
    """The unread count as an expression on a User query (the partial index answers it)."""
    unread = (
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


def notifications_for(user: Any) -> QuerySet[Notification]:
    """This person's notifications, newest first, with their actor; none across a block."""
    blocked = Block.objects.filter(
        Q(blocker_id=user.pk, blocked_id=OuterRef("actor_id"))
        | Q(blocked_id=user.pk, blocker_id=OuterRef("actor_id"))
    )
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .exclude(Exists(blocked))
        .select_related("actor")
    )


def mark_read(user: Any, ids: list[int] | None = None) -> int:
    """Mark this person's notifications read (all, or those of `ids`); return how many."""
    rows = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids[:READ_BATCH])
    return rows.update(read_at=timezone.now())


def notification_as_dict(item: Notification) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "text": item.text,
        "url": item.url or None,
        "actor": item.actor.get_username() if item.actor is not None else None,
        "created_at": item.created_at,
        "read": item.read_at is not None,
    }


def channels_for(user: Any) -> NotificationChannels:
    """Return the person's channel choices (both off when they never chose)."""
    found = NotificationChannels.objects.filter(user_id=user.pk).first()
    return found or NotificationChannels(user=user)


def choose_channels(user: Any, push: bool, email: bool) -> NotificationChannels:
    """Save whether this person also gets notifications by push and by e-mail."""
    row, _ = NotificationChannels.objects.update_or_create(
        user=user, defaults={"push": push, "email": email}
    )
    return row


def page_of(user: Any, cursor: str | None, limit: int) -> tuple[list[Notification], str | None]:
    """One page of `notifications_for(user)` after `cursor` (as this function gave it out:
    "<microseconds since 1970>.<id>"; anything else starts at the newest), and the next
    page's cursor or None. Pages keep still when new notifications arrive."""
    rows = notifications_for(user).order_by("-created_at", "-id")
    after = _read_cursor(cursor)
    if after is not None:
        moment, last_id = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=last_id))
    found = list(rows[: limit + 1])
    if len(found) <= limit:
        return found, None
    found = found[:limit]
    last = found[-1]
    stamp = (last.created_at - EPOCH) // dt.timedelta(microseconds=1)
    return found, f"{stamp}.{last.pk}"


def _read_cursor(cursor: str | None) -> tuple[dt.datetime, int] | None:
    if not cursor:
        return None
    stamp, _, last_id = cursor.partition(".")
    if not (stamp.isdigit() and last_id.isdigit()) or len(stamp) > 17 or len(last_id) > 19:
        return None
    try:
        return EPOCH + dt.timedelta(microseconds=int(stamp)), int(last_id)
    except OverflowError:
        return None


def forget_between(a: Any, b: Any) -> int:
    """Delete the notifications each of two people caused the other (call it on a block, so
    the bell's count and the list agree at once); return how many."""
    deleted, _ = Notification.objects.filter(
        Q(recipient_id=a.pk, actor_id=b.pk) | Q(recipient_id=b.pk, actor_id=a.pk)
    ).delete()
    return deleted
