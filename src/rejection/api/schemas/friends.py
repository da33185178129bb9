"""Friends, requests, blocks, mutes and a person's profile as the caller may see it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from rejection.community.contracts import PersonIn
from rejection.journal.contracts import OutcomeName, VisibilityName

__all__ = [
    "FriendOut",
    "FriendPage",
    "InviteOut",
    "PersonIn",
    "PersonOut",
    "PersonPage",
    "RequestOut",
    "RequestPage",
    "SentOut",
]


class PersonRef(Schema):
    username: str
    display_name: str = Field(description="Their display name, or their username.")


class FriendOut(PersonRef):
    since: dt.datetime = Field(description="When you became friends.")


class FriendPage(Schema):
    items: list[FriendOut]
    next_cursor: str | None


class RequestOut(PersonRef):
    id: int
    direction: Literal["incoming", "outgoing"] = Field(
        description="incoming: they asked you (accept or decline it); outgoing: you asked them."
    )
    created_at: dt.datetime


class RequestPage(Schema):
    items: list[RequestOut]
    next_cursor: str | None


class SentOut(PersonRef):
    status: Literal["sent", "friends"] = Field(
        description="sent: waiting for their answer; friends: you are friends now (they had "
        "asked you too)."
    )


class PersonPage(Schema):
    items: list[PersonRef]
    next_cursor: str | None


class InviteOut(Schema):
    url: str = Field(description="Your invite link: whoever opens it signed in can be your friend.")


class SharedAskOut(Schema):
    id: int
    title: str
    outcome: OutcomeName
    local_date: dt.date
    visibility: VisibilityName
    feared_outcome: str | None = Field(description="null unless they chose to show it.")
    what_happened: str | None = Field(description="null unless they chose to show it.")
    learned: str | None = Field(description="null unless they chose to show it.")
    anxiety_before: int | None = Field(description="null unless they chose to show it.")
    anxiety_after: int | None = Field(description="null unless they chose to show it.")


class RelationOut(Schema):
    me: bool
    friends: bool
    request_in: int | None = Field(description="The id of their request to you, to answer.")
    request_out: bool = Field(description="You asked them and they have not said yes yet.")
    muted: bool


class PersonOut(PersonRef):
    bio: str | None = Field(description="About them; null when not shown to you.")
    relation: RelationOut
    asks: Annotated[list[SharedAskOut], Field(description="Their newest asks shared with you.")]
