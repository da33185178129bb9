"""The bell in the header: the signed-in person's unread notifications. The count came with
the user's own query (community.inbox.unread_subquery); only a user loaded some other way
costs one indexed count."""

from __future__ import annotations

from typing import Any

from django import template

from rejection.community.inbox import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: Any) -> int:
    """Return how many notifications the person has not read (0 when signed out)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    known = getattr(user, "unread_notifications", None)
    if known is None:
        known = unread_count(user)
        user.unread_notifications = known  # the header may ask twice; count once
    return int(known)
