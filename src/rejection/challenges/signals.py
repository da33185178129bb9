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
    """Replace the stamp once the change commits.

    Not before: a view in between would read the old card and keep it under the new stamp.
    A view that reads the stamp before the commit and the new card after it keeps a value
    the replaced stamp then retires, which is merely one rebuild too many.
    """
    transaction.on_commit(lambda: new_stamp(DECK_STAMP))
