"""Attempts: one logged ask."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, StrictInt

from rejection.api.schemas.common import Id, StrictIn, Text
from rejection.journal.models import TEXT_LIMIT

OutcomeName = Literal["rejected", "no_response", "partial", "accepted", "pending", "avoided"]
VisibilityName = Literal["private", "friends", "public"]
# Before 1970 is a typo, and far-past moments cannot be moved into every time zone.
EARLIEST = dt.datetime(1970, 1, 2, tzinfo=dt.UTC)


def _plausible(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and moment.replace(tzinfo=moment.tzinfo or dt.UTC) < EARLIEST:
        raise ValueError("Give a moment after 1970.")
    return moment


Moment = Annotated[dt.datetime, AfterValidator(_plausible)]
Anxiety = Annotated[StrictInt, Field(ge=0, le=10)]
Percent = Annotated[StrictInt, Field(ge=0, le=100)]
LongText = Annotated[Text, Field(max_length=TEXT_LIMIT)]
Tag = Annotated[Text, Field(max_length=40)]


class AttemptFields(StrictIn):
    challenge_id: Id | None = None
    ask: Annotated[Text, Field(max_length=300)] | None = Field(
        None, description="What you asked for; required without a challenge."
    )
    occurred_at: Moment | None = Field(
        None, description="Defaults to now; a time without offset is in the user's zone."
    )
    anxiety_before: Anxiety | None = None
    anxiety_after: Anxiety | None = None
    predicted_rejection: Percent | None = Field(None, description="Predicted chance of a no, %.")
    feared_outcome: LongText | None = None
    what_happened: LongText | None = None
    learned: LongText | None = None
    tags: list[Tag] | None = Field(None, max_length=10)
    visibility: VisibilityName = Field("private")
    starred: bool = Field(False, description="Mark it the highlight of its week.")


class AttemptIn(AttemptFields):
    outcome: OutcomeName


class AttemptPatch(AttemptFields):
    # Absent means unchanged; null is refused for these two.
    outcome: OutcomeName = None  # type: ignore[assignment]
    visibility: VisibilityName = None  # type: ignore[assignment]
    starred: bool = None  # type: ignore[assignment]


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
    feared_outcome: str
    what_happened: str
    learned: str
    tags: list[str]
    visibility: VisibilityName
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
    date_from: dt.date | None = Field(None, alias="from", description="Local date, inclusive.")
    date_to: dt.date | None = Field(None, alias="to", description="Local date, inclusive.")
    outcome: OutcomeName | None = None
    category: str | None = Field(None, max_length=40, pattern=r"^[-\w]+$")
