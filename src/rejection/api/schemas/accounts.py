"""Sign-up, tokens and the profile."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from rejection.accounts.contracts import ProfileChanges, SignUp, StreakModeName, TimeZoneName
from rejection.core.contracts import Contract, Text

__all__ = ["MeOut", "NewTokenIn", "ProfileChanges", "SignUp", "TokenIn", "TokenOut"]
TokenName = Annotated[str, Text(80, required=True)]


class TokenIn(Contract):
    username: Annotated[str, Text(254, raw=True, min_length=1)]
    password: Annotated[str, Text(1024, raw=True, min_length=1)]
    name: TokenName = Field("API token", description="A label to tell tokens apart.")


class TokenOut(Schema):
    token: str = Field(description="The bearer token. It is shown once; store it safely.")


class NewTokenIn(Contract):
    name: TokenName = Field("API token", description="A label to tell tokens apart.")


class TokenInfoOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The token's first characters, to tell tokens apart.")
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class NewTokenOut(TokenInfoOut):
    token: str = Field(description="The bearer token. It is shown once; store it safely.")


class TokenPage(Schema):
    items: list[TokenInfoOut]
    next_cursor: str | None


class MeOut(Schema):
    username: str
    display_name: str
    timezone: TimeZoneName
    streak_mode: StreakModeName
    points: int
    current_streak: int
    best_streak: int
    freezes_left: int = Field(description="Rest days still available in the last 30 days.")
    bio: str = Field(description="About me: friends see it, and everyone with a public profile.")
    public_profile: bool = Field(description="Everyone may see your name, about me, public asks.")
    adult_confirmed: bool = Field(description="You confirmed you are 18 or over.")
