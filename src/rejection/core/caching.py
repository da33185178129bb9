"""Read models cached until the user's next write.

A key holds the profile's data version, which every journal write bumps in its
own transaction, and the user's local date, since "today" moves the windows. So
an entry can never be stale: a write or a new day simply asks for a new key.
"""

from __future__ import annotations

import secrets
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


def cached_against(key: str, stamp_key: str, build: Callable[[], T]) -> T:
    """Like `cached`, but the value also holds the stamp `stamp_key` had when it was built.

    For read models that show shared rows (the deck) besides the user's own: a change to
    those replaces the stamp (`new_stamp`), so every value built before it is rebuilt. The
    stamp is read with the value in one round trip. A stamp the cache lost is replaced by a
    new one, never by an older value, so a value cannot match a stamp it was not built with.
    """
    found = cache.get_many([key, stamp_key])
    stamp = found.get(stamp_key)
    kept = found.get(key)
    if stamp is not None and kept is not None and kept[0] == stamp:
        return kept[1]  # type: ignore[no-any-return]
    value = build()
    if stamp is None:
        stamp = secrets.token_hex(8)
        if not cache.add(stamp_key, stamp, None):
            return value  # another process made the stamp meanwhile: keep nothing this time
    cache.set(key, (stamp, value), TIMEOUT)
    return value


def new_stamp(stamp_key: str) -> None:
    """Replace the stamp, so every value cached against the old one is rebuilt."""
    cache.set(stamp_key, secrets.token_hex(8), None)
