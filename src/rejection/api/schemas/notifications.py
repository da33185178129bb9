"""Reports and notifications."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.community.inbox import READ_BATCH
from rejection.community.models import NotificationKind
from rejection.community.reports import NewReport
from rejection.core.contracts import Contract, Flag, Id

__all__ = [
    "Channels",
    "ChannelsOut",
    "NewReport",
    "NotificationOut",
    "NotificationPage",
    "ReadNotifications",
    "ReadOut",
    "ReportOut",
]


class ReportOut(Schema):
    target: str = Field(description="ask, comment or person, as sent.")
    id: int
    message: str = Field(description="What to tell the person who reported it.")


class NotificationOut(Schema):
    id: int
    kind: str = Field(
        description="One of: " + ", ".join(NotificationKind.values) + ".",
        json_schema_extra={"enum": list(NotificationKind.values)},
    )
    text: str = Field(description="What happened, written when it happened.")
    url: str | None = Field(description="Where tapping it goes (a path in the app), or null.")
    actor: str | None = Field(description="The username of who did it, or null.")
    created_at: dt.datetime
    read: bool


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None
    unread: int = Field(ge=0, description="How many of all your notifications are unread.")


class ReadNotifications(Contract):
    """Mark some notifications read by id, or all of them."""

    ids: list[Id] = Field(
        default_factory=list,
        max_length=READ_BATCH,
        description=f"Ids of your notifications, at most {READ_BATCH}; others' ids are ignored.",
    )
    all: Flag = Field(
        False, description="true marks every notification read (ids are then not needed)."
    )


class Channels(Contract):
    """Whether notifications also go out on the reminder channels (both off by default)."""

    push: Flag = Field(description="Also by web push to the devices turned on for reminders.")
    email: Flag = Field(description="Also by e-mail, to a confirmed address only.")


class ChannelsOut(Schema):
    push: bool
    email: bool


class ReadOut(Schema):
    marked: int = Field(ge=0, description="How many were unread and are read now.")
    unread: int = Field(ge=0, description="How many are still unread.")
