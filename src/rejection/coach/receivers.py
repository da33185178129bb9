"""Every challenge gets its coach rating row when it is saved, wherever it was written.

Challenges are written by the deck loader, the custom-challenge service, the admin and
the import, all below the coach; a rating row from the start means the picker needs no
outer join. Connected in CoachConfig.ready.
"""

from __future__ import annotations

from typing import Any

from rejection.challenges.models import Challenge
from rejection.coach.state import sync_rating


def rate_new_challenge(sender: Any, instance: Challenge, **kwargs: Any) -> None:
    sync_rating(instance)
