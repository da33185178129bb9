"""Programs and enrolments."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.progress.contracts import ProgramStart

__all__ = ["EnrollmentOut", "ProgramOut", "ProgramRef", "ProgramStart"]


class ProgramOut(Schema):
    slug: str
    name: str
    length_days: int | None = Field(description="Null when the user chooses the length.")
    description: str


class ProgramRef(Schema):
    slug: str
    name: str
    length_days: int


class EnrollmentOut(Schema):
    program: ProgramRef
    length_days: int
    start_date: dt.date
    day_number: int
