"""Changing the profile: a new streak mode recounts every streak in the same transaction.

The words others read (display name, about-me) are checked one layer up, by
community.profiles.change_profile, which every page, endpoint and command goes through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.models import Profile
from rejection.accounts.services import update_profile
from rejection.journal.counters import refresh_counters

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def change_profile(user: User, changes: ProfileChanges) -> Profile:
    """Change display name, time zone or streak mode; streaks follow a new streak mode."""
    with transaction.atomic():
        profile, mode_changed = update_profile(user, changes)
        if mode_changed:
            profile = refresh_counters(user)
    return profile
