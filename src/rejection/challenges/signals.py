"""The deck's stamp: replaced whenever a card or a category changes.

Read models that show cards (Today) are cached against it (core.caching.cached_against),
so an edit to the deck, a new card or a moderator's decision is seen at the next view,
in every process, though no user's data version moved.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rejection.core.caching import new_stamp

DECK_STAMP = "rt:deck-stamp"


def deck_changed(**_: Any) -> None:
    """Replace the stamp now, and again once the change commits.

    Now, so the writer's own next read sees the change (on the database cache the new
    stamp is part of the writer's transaction anyway). Again on commit: a view elsewhere
    between the two may have read the old card and kept it under the first new stamp.
    """
    new_stamp(DECK_STAMP)
    transaction.on_commit(lambda: new_stamp(DECK_STAMP))
