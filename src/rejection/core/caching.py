"""Read models cached until the user's next write.

A key holds the profile's data version, which every journal write bumps in its
own transaction, and the user's local date, since "today" moves the windows. So
an entry can never be stale: a write or a new day simply asks for a new key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")
# Old versions are never read again; let them expire rather than linger.
TIMEOUT = 60 * 60 * 24


def versioned_key(name: str, user_id: int, version: int, *parts: object) -> str:
    return ":".join(["rt", name, str(user_id), str(version), *map(str, parts)])


def cached(key: str, build: Callable[[], T]) -> T:
    """Return the cached value for key, building and storing it on a miss."""
    value: Any = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
