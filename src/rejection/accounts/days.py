"""The person's today, and read models cached until their next write or their next day.

One recipe for every page and API read that is worth caching: the key holds the
profile's data version, which every journal write bumps in its own transaction, and the
person's local date, since "today" moves the windows. So an entry is never stale: a
write or a new day simply asks for a new key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rejection.accounts.services import profile_for
from rejection.core.caching import cached, versioned_key
from rejection.core.time import local_today

if TYPE_CHECKING:
    from django.contrib.auth.models import User

T = TypeVar("T")


def user_today(user: User) -> dt.date:
    """Return today's date where the person is (their profile's time zone)."""
    return local_today(profile_for(user).timezone)


def read_key(user: User, name: str, *parts: object) -> str:
    """The cache key of the read model `name` for this person: one per data version and day.

    The time zone and the streak mode are in it too: they change without a new data
    version, and a streak or a window read in the old zone would otherwise stay.
    """
    profile = profile_for(user)
    today = local_today(profile.timezone)
    return versioned_key(
        name, profile.user_id, profile.data_version, today, profile.timezone,
        profile.streak_mode, *parts,
    )  # fmt: skip


def cached_until_change(user: User, name: str, build: Callable[[], T], *parts: object) -> T:
    """Return the read model `name` for this person, built once per data version and day."""
    return cached(read_key(user, name, *parts), build)
