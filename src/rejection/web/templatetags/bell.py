"""The bell in the header: the signed-in person's unread notifications, counted once per
page with one query on the partial index `notification_unread`."""

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
    cached = getattr(request, "_unread_notifications", None)
    if cached is None:
        cached = unread_count(user)
        request._unread_notifications = cached  # the header may ask twice; count once
    return int(cached)
