"""How often a person may comment, cheer or send friend requests, checked in the service so
the pages, the API and the CLI share one count. A fixed window in the shared cache (the
database cache, or Redis at scale): two app processes count together."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from rejection.core.errors import Refused

# action: (how many, per seconds). Generous for a person, tight for a script.
DEFAULT_RATES: dict[str, tuple[int, int]] = {
    "comment": (20, 600),
    "cheer": (120, 600),
    "friend_request": (30, 3600),
    "report": (20, 3600),
    # Looking up a group by its invite code (the link or typing it): plenty for a person,
    # and with 50-bit codes hopeless for guessing.
    "group_code": (60, 3600),
}


class TooMany(Refused):
    """Slow down: answered 429 with Retry-After by both faces."""

    status = 429

    def __init__(self, action: str, retry_after: int) -> None:
        super().__init__(
            "rate_limited",
            "That's a lot in a short while. Take a breath and try again in a few minutes.",
        )
        self.action = action
        self.retry_after = retry_after


def rate_for(action: str) -> tuple[int, int]:
    return {**DEFAULT_RATES, **getattr(settings, "COMMUNITY_RATES", {})}[action]


def take(user_id: int, action: str) -> None:
    """Count one `action` by this person, or raise `TooMany` when the window is full."""
    limit, period = rate_for(action)
    now = int(time.time())
    window = now - now % period
    key = f"community-rate:{action}:{user_id}:{window}"
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=period + 5)
        count = 1
    if count > limit:
        raise TooMany(action, max(window + period - now, 1))
