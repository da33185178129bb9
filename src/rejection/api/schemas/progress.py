"""Programs, enrolments, Today and stats."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import StrictInt

from rejection.api.schemas.challenges import ChallengeOut
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


class TodayOut(Schema):
    date: dt.date = Field(description="The user's local date.")
    day_number: int | None = Field(description="Day N of the program; null with no program.")
    program: ProgramRef | None
    program_finished: bool
    challenge: ChallengeOut
    why: str
    done_today: bool
    asks_today: int
    rest_today: bool
    current_streak: int
    best_streak: int
    points: int
    rerolls_left: int
    freezes_left: int


class TotalsOut(Schema):
    rejected: int
    no_response: int
    partial: int
    accepted: int
    pending: int
    avoided: int


class StatsOut(Schema):
    totals_by_outcome: TotalsOut
    completed: int
    points: int
    current_streak: int
    best_streak: int
    yes_rate: float | None
    avg_anxiety_before: float | None
    avg_anxiety_after: float | None
    predicted_rejection_avg: float | None
    actual_rejection_rate: float | None
