"""The check every text passes before other people see it: comments, profile text, public asks.

One function so that a new door for text cannot skip a check: the safety screen's rules
(refused with a warm reason, 422 naming the field), then the insults and slurs list.
"""

from __future__ import annotations

from rejection.challenges.safety import refuse_unsafe


def refuse_unkind(field: str, text: str) -> None:
    """Raise `core.errors.Unacceptable` naming `field` when `text` may not be shown to others."""
    refuse_unsafe(field, text)
