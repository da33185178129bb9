"""Read models cached until the user's next write.

A key holds the profile's data version, which every journal write bumps in its
own transaction, and the user's local date, since "today" moves the windows. So
an entry can never be stale: a write or a new day simply asks for a new key.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from rejection.core.release import release

T = TypeVar("T")
# Old versions are never read again; let them expire rather than linger.
TIMEOUT = 60 * 60 * 24


def versioned_key(name: str, user_id: int, version: int, *parts: object) -> str:
    # The build's fingerprint too: what an older build kept (its HTML, its hashed static
    # URLs) is never served after a deploy.
    return ":".join(["rt", name, release(), str(user_id), str(version), *map(str, parts)])


def cached(key: str, build: Callable[[], T]) -> T:
    """Return the cached value for key, building and storing it on a miss.

    What this process read or built lately it answers itself, with no round trip: a key
    names one data version of one user's day, so the value under it never changes. The
    same object then serves every request that asks: treat it as read-only.
    """
    kept = _kept.get(key)
    if kept is not None:
        return kept[1]  # type: ignore[no-any-return]
    value: Any = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    _keep(key, ("", value))
    return value


def cached_against(key: str, stamp_key: str, build: Callable[[], T]) -> T:
    """Like `cached`, but the value also holds the stamp `stamp_key` had when it was built.

    For read models that show shared rows (the deck) besides the user's own: a change to
    those replaces the stamp (`new_stamp`), so every value built before it is rebuilt. The
    stamp is read on every call, with the value in the same round trip, or alone when this
    process kept the value (`_kept`: a whole page is mostly the cost of moving it). A stamp
    the cache lost is replaced by a new one, never by an older value, so a value cannot
    match a stamp it was not built with.
    """
    kept = _kept.get(key)
    if kept is not None:
        stamp = cache.get(stamp_key)
    else:
        found = cache.get_many([key, stamp_key])
        stamp, kept = found.get(stamp_key), found.get(key)
    if stamp is not None and kept is not None and kept[0] == stamp:
        _keep(key, kept)
        return kept[1]  # type: ignore[no-any-return]
    value = build()
    if stamp is None:
        stamp = secrets.token_hex(8)
        if not cache.add(stamp_key, stamp, None):
            return value  # another process made the stamp meanwhile: keep nothing this time
    cache.set(key, (stamp, value), TIMEOUT)
    _keep(key, (stamp, value))
    return value


# Values of `cached` and `cached_against` this process read or built lately, by key
# (oldest first). A key names one data version of one user's day, so a kept value is as
# right as the shared copy (`cached_against` still checks its stamp).
_kept: dict[str, tuple[str, Any]] = {}
_keeping = threading.Lock()
KEPT_VALUES = 256  # pages of a few dozen kB: a few MB per process at most


def _keep(key: str, value: tuple[str, Any]) -> None:
    with _keeping:
        _kept.pop(key, None)  # to the end: the most recent
        while len(_kept) >= KEPT_VALUES:
            del _kept[next(iter(_kept))]
        _kept[key] = value


def forget_kept() -> None:
    """Drop what this process kept (the tests start each from nothing)."""
    with _keeping:
        _kept.clear()


def new_stamp(stamp_key: str) -> None:
    """Replace the stamp, so every value cached against the old one is rebuilt."""
    cache.set(stamp_key, secrets.token_hex(8), None)
