"""Read models of one person's practice (Today, the Log tab, the Journal), kept until
anything they show changes: their own data, their day, and the deck.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rejection.accounts.services import profile_for
from rejection.challenges.signals import DECK_STAMP
from rejection.core.caching import cached_against, versioned_key
from rejection.core.time import local_today

if TYPE_CHECKING:
    from django.contrib.auth.models import User

T = TypeVar("T")


def cached_read(user: User, name: str, build: Callable[[], T], *parts: object) -> T:
    """Return the read model `name`, built once until anything it shows changes.

    Its key holds what these pages depend on: the profile's data version (bumped by every
    ask, edit, delete and rest day, and by a card swap and a program start), the local date
    (a new day, a new card), the time zone and the streak mode (on the profile, changed
    without a new version) and the caller's `parts`; the deck's stamp is checked with it,
    so an edited card or category is seen at once.
    """
    profile = profile_for(user)
    today = local_today(profile.timezone)
    key = versioned_key(
        name, profile.user_id, profile.data_version, today, profile.timezone,
        profile.streak_mode, *parts,
    )  # fmt: skip
    return cached_against(key, DECK_STAMP, build)
