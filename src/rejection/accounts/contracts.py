"""What signing up and changing the profile accept, for the pages, the API and import."""

from __future__ import annotations

from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from rejection.accounts.models import BIO_LIMIT, StreakMode
from rejection.core.contracts import Contract, Flag, OneOf, Text, one_of
from rejection.core.time import timezone_names

# ASCII only, so a name read aloud or typed into a friend request is the name on screen
# (no look-alike letters); display names carry everything else.
USERNAME_PATTERN = r"^[A-Za-z0-9_.@+-]+$"
USERNAME_LIMIT = 150
DISPLAY_NAME_LIMIT = 80
TIME_ZONES: OneOf = one_of(sorted(timezone_names() | {"UTC"}), what="a known time zone")

TimeZoneName = Annotated[str, TIME_ZONES]
StreakModeName = Annotated[str, one_of(StreakMode.values)]
DisplayName = Annotated[str, Text(DISPLAY_NAME_LIMIT)]
Bio = Annotated[str, Text(BIO_LIMIT)]
Username = Annotated[
    str,
    Text(
        USERNAME_LIMIT,
        raw=True,
        min_length=1,
        pattern=USERNAME_PATTERN,
        mismatch="Use letters, digits and _ . @ + - only (no spaces or accents).",
    ),
    Field(description="Letters, digits and _ . @ + - (ASCII)."),
]
Password = Annotated[
    str,
    Text(1024, raw=True, min_length=settings.PASSWORD_MIN_LENGTH),
    Field(description=f"At least {settings.PASSWORD_MIN_LENGTH} characters, not a common one."),
]


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except ValidationError:
            message = "Enter a valid e-mail address, or leave it empty."
            raise PydanticCustomError("email", message) from None
    return value


Email = Annotated[
    str,
    Text(254),
    AfterValidator(_email),
    Field(json_schema_extra={"anyOf": [{"maxLength": 0}, {"format": "email"}]}),
]


class ProfileChanges(Contract):
    """Changing the profile: only the fields sent change."""

    display_name: DisplayName | None = Field(None, description="What friends will see.")
    # Absent means unchanged; these two cannot be cleared, so null is refused.
    timezone: TimeZoneName = Field(None, description="An IANA zone, e.g. Europe/Paris.")  # type: ignore[assignment]
    streak_mode: StreakModeName = Field(  # type: ignore[assignment]
        None, description="classic: a day counts with a no; gentle: with any completed ask."
    )
    bio: Bio | None = Field(
        None, description="About me: shown to friends, and to everyone with a public profile."
    )
    adult_confirmed: Flag = Field(  # type: ignore[assignment]
        None,
        description="true confirms you are 18 or over (needed once before a public profile; "
        "it cannot be taken back).",
    )
    public_profile: Flag = Field(  # type: ignore[assignment]
        None,
        description="true lets everyone see your name, about me and public asks (Discover). "
        "Needs `adult_confirmed` now or earlier; 422 names `public_profile` otherwise.",
    )


def _sixteen(value: bool) -> bool:
    if value is not True:
        raise PydanticCustomError("under_16", "You need to be 16 or over to sign up.")
    return value


AgeConfirmed = Annotated[Flag, AfterValidator(_sixteen), Field(json_schema_extra={"const": True})]


class SignUp(Contract):
    """A new account: its name, password, optional e-mail for resets, and time zone."""

    username: Username
    password: Password
    email: Email = Field("", description="Optional; needed to reset a password.")
    timezone: TimeZoneName = Field("UTC", description="An IANA zone, e.g. Europe/Paris.")
    age_confirmed: AgeConfirmed = Field(
        description="true confirms you are 16 or over: nobody younger can sign up."
    )
