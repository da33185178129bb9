"""Notifications for the bell: one function makes them, so every kind is written the same way
and nobody is ever told about someone on the other side of a block."""

from __future__ import annotations

from typing import Any

from rejection.community.models import Notification, NotificationKind
from rejection.community.visibility import is_blocked_between


def notify(
    recipient: Any, kind: NotificationKind | str, text: str, url: str = "", actor: Any = None
) -> Notification | None:
    """Tell `recipient` something (for the bell); nothing when they and the actor are blocked
    or the actor is the recipient."""
    if actor is not None and (actor.pk == recipient.pk or is_blocked_between(actor, recipient)):
        return None
    return Notification.objects.create(
        recipient=recipient, kind=str(kind), text=text[:300], url=url[:300], actor=actor
    )
