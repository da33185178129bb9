"""Whether a person is in good standing: a moderator's suspension stops them taking part.

Every service that lets a person write where others will read it (comment, cheer, send a
friend request, share an ask publicly) calls `refuse_if_suspended(user)` first. A suspended
person can still read, practise, keep their journal, export and delete their data, and
report; they are not told who reported them.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from rejection.core.errors import Forbidden


class Suspended(Forbidden):
    """A moderator paused this person's part in the community (403, code `suspended`)."""

    def __init__(self, until: Any) -> None:
        day = date_format(timezone.localtime(until), "j F Y")
        super().__init__(
            "suspended",
            "A moderator has paused commenting, cheering and sharing on your account until "
            f"{day}. Your journal and practice are all still yours in the meantime.",
        )
        self.until = until


def suspended_until(user: Any) -> Any:
    """Return when this person's suspension ends, or None when they are not suspended."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from rejection.accounts.services import profile_for

    until = profile_for(user).suspended_until
    return until if until is not None and until > timezone.now() else None


def refuse_if_suspended(user: Any) -> None:
    """Raise `Suspended` (a `core.errors.Forbidden`, 403) while a suspension lasts."""
    until = suspended_until(user)
    if until is not None:
        raise Suspended(until)
