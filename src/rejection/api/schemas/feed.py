"""The feed, Discover, cheers and comments. Request bodies are the community's contracts."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.community.cheers import CheerIn, CheerKindName
from rejection.community.comments import CommentChanges, NewComment
from rejection.journal.contracts import OutcomeName, VisibilityName

__all__ = [
    "CardOut",
    "CardPage",
    "CheerIn",
    "CheerKindParams",
    "CheersOut",
    "CommentChanges",
    "CommentOut",
    "CommentPage",
    "NewComment",
]


class CardPersonOut(Schema):
    username: str
    name: str = Field(description="Their display name, or their username.")


class CheerCounts(Schema):
    brave: int = Field(ge=0)
    well_asked: int = Field(ge=0)
    keep_going: int = Field(ge=0)


class CheersOut(Schema):
    counts: CheerCounts
    mine: list[CheerKindName] = Field(description="The kinds the caller has given.")


class CardOut(Schema):
    """A shared ask as the caller may see it: the notes and nerves appear only when their
    owner ticked them for this ask (null otherwise)."""

    id: int
    person: CardPersonOut
    mine: bool = Field(description="True for the caller's own ask.")
    title: str
    outcome: OutcomeName
    local_date: dt.date = Field(description="The owner's calendar day when it happened.")
    occurred_at: dt.datetime
    visibility: VisibilityName
    feared_outcome: str | None
    what_happened: str | None
    learned: str | None
    anxiety_before: int | None
    anxiety_after: int | None
    cheers: CheersOut
    comment_count: int = Field(ge=0, description="Comments the caller can read.")


class CardPage(Schema):
    items: list[CardOut]
    next_cursor: str | None


class CommentOut(Schema):
    id: int
    attempt_id: int
    parent_id: int | None = Field(description="The top comment this replies to, or null.")
    author: CardPersonOut
    body: str = Field(description="Plain text; line breaks are the author's.")
    created_at: dt.datetime
    edited_at: dt.datetime | None
    hidden: bool = Field(description="Hidden by moderation: only its author sees it.")
    can_edit: bool = Field(description="The caller wrote it less than 10 minutes ago.")
    can_delete: bool = Field(description="The caller wrote it or owns the ask.")


class CommentPage(Schema):
    items: list[CommentOut]
    next_cursor: str | None


class CheerKindParams(Schema):
    kind: CheerKindName | None = Field(
        None, description="The kind to take back; without it, every cheer of yours on the ask."
    )
