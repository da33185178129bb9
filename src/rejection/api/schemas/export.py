"""Everything a user owns, in one document."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from rejection.api.schemas.accounts import MeOut, TokenInfoOut
from rejection.api.schemas.attempts import AttemptOut
from rejection.api.schemas.challenges import ChallengeOut


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


class ExportOut(Schema):
    exported_at: dt.datetime
    profile: ProfileExport
    enrollments: list[EnrollmentExport]
    custom_challenges: list[ChallengeOut]
    attempts: list[AttemptOut]
    rest_days: list[dt.date]
    tokens: list[TokenInfoOut]
