"""Everything a user owns, in one document; the import's report; deleting the account."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from rejection.api.schemas.accounts import MeOut, TokenInfoOut
from rejection.api.schemas.attempts import AttemptOut
from rejection.api.schemas.challenges import ChallengeOut
from rejection.api.schemas.common import StrictIn, Text


class ProfileExport(MeOut):
    email: str
    date_joined: dt.datetime


class EnrollmentExport(Schema):
    program: str
    program_name: str
    length_days: int
    start_date: dt.date
    started_at: dt.datetime
    active: bool


class DeckRef(Schema):
    deck_slug: str = Field(description="A challenge of the shipped deck, by its slug.")


class CustomRef(Schema):
    custom: int = Field(description="The `id` of one of this export's `custom_challenges`.")


class AttemptExport(AttemptOut):
    challenge: DeckRef | CustomRef | None = Field(
        description="The challenge, named so that another server can find it again."
    )


class ExportOut(Schema):
    format: Literal["rejection-therapy-export"]
    version: Literal[1]
    exported_at: dt.datetime
    profile: ProfileExport
    enrollments: list[EnrollmentExport]
    custom_challenges: list[ChallengeOut] = Field(
        description="Your own challenges; `id` is the key attempts use within this export."
    )
    attempts: list[AttemptExport]
    rest_days: list[dt.date]
    tokens: list[TokenInfoOut] = Field(description="Names only, never a secret; not imported.")


class ImportReportOut(Schema):
    attempts_created: int
    attempts_skipped: int = Field(description="Already in your journal (the same uuid).")
    custom_challenges_created: int
    enrollments_created: int
    rest_days_created: int


class AccountDeleteIn(StrictIn):
    password: Text = Field(min_length=1, max_length=1024, description="Your current password.")
