"""What changing reminders and adding a push subscription accept (pages, API)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from rejection.core.contracts import Contract, Flag, Text, one_of
from rejection.reminders.models import DAY_NAMES

TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
# base64url without padding, as browsers write a subscription's keys.
KEY_PATTERN = r"^[A-Za-z0-9_-]+={0,2}$"
ENDPOINT_LIMIT = 2048


def _one_line(value: str) -> str:
    # Python's `$` also matches before a final newline; JSON Schema's does not, and none of
    # these patterns allows a line break anywhere.
    if "\n" in value:
        raise PydanticCustomError("pattern", "This does not have the expected form.")
    return value


OneLine = AfterValidator(_one_line)
LocalTime = Annotated[
    str,
    Text(5, raw=True, pattern=TIME_PATTERN, mismatch="Give a time as HH:MM, e.g. 08:30."),
    OneLine,
    Field(description="A local time on the 24-hour clock, HH:MM."),
]
DayName = Annotated[str, one_of(DAY_NAMES)]


def _each_once(items: list[Any]) -> list[Any]:
    if len(set(items)) != len(items):
        raise PydanticCustomError("unique", "Give each day once.")
    return items


Days = Annotated[
    list[DayName],
    Field(
        max_length=7,
        json_schema_extra={"uniqueItems": True},
        description="The days to be reminded (mon-sun), each at most once; empty means none.",
    ),
    AfterValidator(_each_once),
]


class ReminderChanges(Contract):
    """The whole of a person's reminder settings (PUT replaces them)."""

    enabled: Flag = Field(description="Reminders on or off.")
    time: LocalTime
    days: Days
    push: Flag = Field(description="Send a web push to each subscribed browser.")
    email: Flag = Field(description="Send an e-mail, to a confirmed address only.")
    streak_nudge: Flag = Field(
        description="An evening nudge at 20:00 when a streak is alive and today has no ask yet."
    )


class PushKeys(Contract):
    p256dh: Annotated[str, Text(200, raw=True, min_length=1, pattern=KEY_PATTERN), OneLine]
    auth: Annotated[str, Text(100, raw=True, min_length=1, pattern=KEY_PATTERN), OneLine]


class NewPushSubscription(Contract):
    """A browser's PushSubscription, as its toJSON() writes it."""

    endpoint: Annotated[
        str,
        Text(ENDPOINT_LIMIT, raw=True, min_length=1, pattern=r"^https?://[!-~]+$"),
        OneLine,
        Field(
            description="The push service's URL (ASCII): https on a public host, unless "
            "the server's PUSH_ENDPOINT_ALLOW names its host:port (a 422 naming `endpoint` "
            "otherwise)."
        ),
    ]
    expirationTime: float | None = Field(
        None, ge=0, strict=True, description="Milliseconds since 1970, or null; not used."
    )
    keys: PushKeys
