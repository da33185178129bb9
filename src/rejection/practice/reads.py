"""Read models of one person's practice (Today, the Log tab, the Journal), kept until
anything they show changes: their own data, their day, and the deck.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rejection.accounts.days import read_key
from rejection.challenges.signals import DECK_STAMP
from rejection.core.caching import cached_against

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
    return cached_against(read_key(user, name, *parts), DECK_STAMP, build)
