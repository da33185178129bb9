"""Attempts: one logged ask. The request bodies are the journal's contracts."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.challenges.contracts import CategorySlug
from rejection.core.contracts import Day
from rejection.journal.contracts import AskChanges, NewAsk, OutcomeName, VisibilityName

__all__ = ["AskChanges", "AttemptFilters", "AttemptOut", "AttemptPage", "NewAsk"]


class AttemptOut(Schema):
    id: int
    challenge_id: int | None
    title: str
    ask: str
    outcome: OutcomeName
    occurred_at: dt.datetime
    local_date: dt.date = Field(description="The user's calendar day when it happened.")
    anxiety_before: int | None
    anxiety_after: int | None
    predicted_rejection: int | None
    predicted_before: bool = Field(
        description="True when the chance of a no was recorded while the ask was in progress, "
        "before its answer was known."
    )
    feared_outcome: str
    what_happened: str
    learned: str
    tags: list[str]
    visibility: VisibilityName
    share_feared: bool = Field(False, description="What you feared goes with the shared ask.")
    share_happened: bool = Field(False, description="What happened goes with the shared ask.")
    share_learned: bool = Field(False, description="What you learned goes with the shared ask.")
    share_anxiety: bool = Field(False, description="Your nerves go with the shared ask.")
    points: int
    starred: bool
    uuid: str = Field(description="Stable id carried by exports and imports.")
    resolved_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class AttemptPage(Schema):
    items: list[AttemptOut]
    next_cursor: str | None


class AttemptFilters(Schema):
    date_from: Day | None = Field(None, alias="from", description="Local date, inclusive.")
    date_to: Day | None = Field(None, alias="to", description="Local date, inclusive.")
    outcome: OutcomeName | None = None
    category: CategorySlug | None = None
