"""Changing the profile: a new streak mode recounts every streak in the same transaction.

The display name is what friends see, so a name the safety screen's rules stop is refused
(422 naming `display_name`, with the reason and category) before anything changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.models import Profile
from rejection.accounts.services import update_profile
from rejection.challenges.safety import refuse_unsafe
from rejection.journal.counters import refresh_counters

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def change_profile(user: User, changes: ProfileChanges) -> Profile:
    """Change display name, time zone or streak mode; streaks follow a new streak mode."""
    if changes.display_name:
        refuse_unsafe("display_name", changes.display_name)
    with transaction.atomic():
        profile, mode_changed = update_profile(user, changes)
        if mode_changed:
            profile = refresh_counters(user)
    return profile
