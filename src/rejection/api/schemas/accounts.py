"""Sign-up, tokens and the profile."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import AfterValidator

from rejection.api.schemas.common import StrictIn, Text

StreakModeName = Literal["classic", "gentle"]


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as error:
            raise ValueError("Enter a valid e-mail address.") from error
    return value


class SignupIn(StrictIn):
    # Django's own username rule (letters, digits and @.+-_), which create_user does not apply.
    username: Text = Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")
    password: Text = Field(min_length=1, max_length=1024)
    email: Annotated[Text, AfterValidator(_email)] = Field("", max_length=254)
    timezone: Text = Field("UTC", max_length=64, examples=["Europe/Paris"])


class TokenIn(StrictIn):
    username: Text = Field(min_length=1, max_length=254)
    password: Text = Field(min_length=1, max_length=1024)
    name: Text = Field("API token", max_length=80, description="A label to tell tokens apart.")


class TokenOut(Schema):
    token: str = Field(description="The bearer token. It is shown once; store it safely.")


class NewTokenIn(StrictIn):
    name: Text = Field("API token", min_length=1, max_length=80)


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
    timezone: str
    streak_mode: StreakModeName
    points: int
    current_streak: int
    best_streak: int
    freezes_left: int = Field(description="Rest days still available in the last 30 days.")


class MePatch(StrictIn):
    display_name: Annotated[Text, Field(max_length=80)] | None = None
    timezone: Text = Field(None, max_length=64, examples=["Europe/Paris"])  # type: ignore[assignment]
    streak_mode: StreakModeName = None  # type: ignore[assignment]
