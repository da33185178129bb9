"""Programs and enrolments."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import StrictInt

from rejection.api.schemas.common import StrictIn


class ProgramOut(Schema):
    slug: str
    name: str
    length_days: int | None = Field(description="Null when the user chooses the length.")
    description: str


class ProgramRef(Schema):
    slug: str
    name: str
    length_days: int


class StartIn(StrictIn):
    length_days: StrictInt | None = Field(
        None, ge=1, le=365, description="Required for the custom program."
    )


class EnrollmentOut(Schema):
    program: ProgramRef
    length_days: int
    start_date: dt.date
    day_number: int
