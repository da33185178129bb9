"""The deck's categories as filter choices, kept in each process for a minute.

Every journal visit lists them, yet they change only when the deck is loaded or an
admin edits one. A change made in this process is seen at once (the signals below); one
made in another process, such as `loaddeck`, within a minute.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from rejection.challenges.models import Category

LIFETIME = 60.0

# (loaded at, choices), swapped whole so threads never see half of it.
_kept: tuple[float, list[tuple[str, str]]] | None = None


def category_choices() -> list[tuple[str, str]]:
    """Return (slug, name) for every category, in the deck's order."""
    global _kept
    kept = _kept
    if kept is None or time.monotonic() - kept[0] > LIFETIME:
        kept = (time.monotonic(), list(Category.objects.values_list("slug", "name")))
        _kept = kept
    return kept[1]


def forget_categories(**_: Any) -> None:
    """Drop the kept choices now and again once the change commits.

    A request between the two could otherwise keep the old list for the full minute.
    """
    global _kept
    _kept = None
    transaction.on_commit(_forget_now)


def _forget_now() -> None:
    global _kept
    _kept = None


post_save.connect(forget_categories, sender=Category, dispatch_uid="category-choices-save")
post_delete.connect(forget_categories, sender=Category, dispatch_uid="category-choices-delete")
