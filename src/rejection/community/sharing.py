"""Logging and editing an ask with its sharing choices: who sees it (private, friends,
public) and which notes go with it. Public needs a public profile; the words of an ask
others will read pass the kindness check. The journal write itself is practice.asks."""

from __future__ import annotations

from typing import Any

from rejection.accounts.services import profile_for
from rejection.community.screening import refuse_unkind
from rejection.core.errors import Refused
from rejection.journal.contracts import AskChanges, NewAsk
from rejection.journal.models import Attempt, Visibility
from rejection.practice import asks
from rejection.practice.asks import Edited, Logged

SHARE_FIELDS = ("share_feared", "share_happened", "share_learned", "share_anxiety")


class NeedsPublicProfile(Refused):
    """Public asks are for people with a public profile (422, naming `visibility`)."""

    status = 422

    def __init__(self) -> None:
        super().__init__(
            "public_profile_needed",
            "Public asks need a public profile: turn it on in Settings first, or share "
            "with friends.",
            field="visibility",
        )


def refuse_unshareable(user: Any, visibility: str, text: str) -> None:
    """Refuse a sharing choice the person cannot make, or words others may not read."""
    if visibility == Visibility.PUBLIC and not profile_for(user).public_profile:
        raise NeedsPublicProfile()
    if visibility != Visibility.PRIVATE and text:
        refuse_unkind("ask", text)


def log_ask(user: Any, ask: NewAsk, idempotency_key: str | None = None) -> Logged:
    """Log an ask with its sharing choices (practice.asks.log_ask does the writing)."""
    refuse_unshareable(user, ask.visibility, ask.ask or "")
    return asks.log_ask(user, ask, idempotency_key)


def edit_ask(user: Any, attempt: Attempt, changes: AskChanges) -> Edited:
    """Edit an ask; the sharing it ends up with is checked as for a new one."""
    given = changes.model_fields_set
    visibility = changes.visibility if "visibility" in given else attempt.visibility
    text = (changes.ask or "") if "ask" in given else attempt.ask
    if "visibility" in given or "ask" in given:
        refuse_unshareable(user, visibility, text)
    return asks.edit_ask(user, attempt, changes)


def sharing_of(attempt: Attempt | None) -> dict[str, bool]:
    """The four ticks of an ask, for the API's answer."""
    return {name: bool(getattr(attempt, name, False)) for name in SHARE_FIELDS}
