"""Groups: what the API answers about a group, its members and its weekly board."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.groups.contracts import BoardChoices, JoinGroup, NewGroup

__all__ = ["BoardChoices", "BoardOut", "GroupOut", "GroupPage", "JoinGroup", "NewGroup"]


class ProgramRef(Schema):
    slug: str
    name: str


class ChoicesOut(Schema):
    show_days: bool
    show_asks: bool
    show_nos: bool
    show_titles: bool


class GroupOut(Schema):
    id: int
    name: str
    description: str
    owner: str = Field(description="The owner's username.")
    is_owner: bool = Field(description="Whether the caller owns the group.")
    program: ProgramRef
    length_days: int
    start_date: dt.date = Field(description="Day 1, the owner's local day when they made it.")
    day_number: int = Field(description="The group's Day N today, in the caller's calendar.")
    members: int = Field(description="How many people are in the group.")
    code: str = Field(description="The invite code; anyone holding it can join.")
    join_url: str = Field(description="The invite link's path, e.g. /groups/join/7KQ2MX9PRT/.")
    my_choices: ChoicesOut = Field(description="What the board shows of the caller.")


class GroupPage(Schema):
    items: list[GroupOut]
    next_cursor: str | None


class BoardRowOut(Schema):
    username: str
    name: str = Field(description="Display name, or the username.")
    is_owner: bool
    is_me: bool
    days: int | None = Field(description="Days practised this week; null when not shown.")
    asks: int | None = Field(description="Asks made this week (avoided ones not counted).")
    nos: int | None = Field(description="Nos heard this week; null when not shown.")
    titles: list[str] | None = Field(description="This week's asks; null when not shown.")


class BoardOut(Schema):
    group: GroupOut
    week: str = Field(description="The ISO week shown, e.g. 2026-W11.")
    start: dt.date
    end: dt.date
    is_current: bool
    previous_week: str | None
    next_week: str | None
    members: list[BoardRowOut] = Field(
        description="In the order people joined; nobody on either side of a block with you."
    )
