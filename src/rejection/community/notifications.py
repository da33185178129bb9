"""Notifications for the bell: one function makes them, so every kind is written the same way
and nobody is ever told about someone on the other side of a block."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from rejection.community.models import Notification, NotificationChannels, NotificationKind
from rejection.community.visibility import is_blocked_between
from rejection.core.jobs import enqueue_after_commit


def notify(
    recipient: Any, kind: NotificationKind | str, text: str, url: str = "", actor: Any = None
) -> Notification | None:
    """Tell `recipient` something (for the bell); nothing when they and the actor are blocked
    or the actor is the recipient."""
    if actor is not None and (actor.pk == recipient.pk or is_blocked_between(actor, recipient)):
        return None
    made = Notification.objects.create(
        recipient=recipient, kind=str(kind), text=text[:300], url=url[:300], actor=actor
    )
    _send_on_chosen_channels(made)
    return made


def _send_on_chosen_channels(made: Notification) -> None:
    """Queue the push / e-mail copy when the recipient chose one; the caller never waits."""
    wanted = NotificationChannels.objects.filter(user_id=made.recipient_id).filter(
        Q(push=True) | Q(email=True)
    )
    if wanted.exists():
        from rejection.community.tasks import deliver_notification

        enqueue_after_commit(deliver_notification, made.pk)
