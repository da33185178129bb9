"""The check every text passes before other people see it: comments, profile text, public asks.

One function so that a new door for text cannot skip a check: the safety screen's rules
(refused with a warm reason, 422 naming the field), then the insults and slurs list
(`community.insults`, words kept in `community/data/insults.txt`).
"""

from __future__ import annotations

from rejection.challenges.safety import refuse_unsafe
from rejection.community.insults import insult_reason
from rejection.core.errors import Unacceptable


def refuse_unkind(field: str, text: str) -> None:
    """Raise `core.errors.Unacceptable` naming `field` when `text` may not be shown to others."""
    refuse_unsafe(field, text)
    found = insult_reason(text)
    if found is not None:
        category, reason = found
        raise Unacceptable(field, reason, category)
