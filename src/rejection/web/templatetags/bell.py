"""The bell in the header: the signed-in person's unread notifications. The count came with
the user's own query (community.inbox.unread_subquery); only a user loaded some other way
costs one indexed count."""

from __future__ import annotations

from typing import Any

from django import template

from rejection.community.inbox import unread_for

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: Any) -> int:
    """Return how many notifications the person has not read (0 when signed out)."""
    return unread_for(getattr(context.get("request"), "user", None))
