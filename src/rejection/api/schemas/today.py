"""Today: the day's challenge, streak and what is left of rerolls and rest days."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.api.schemas.challenges import ChallengeOut
from rejection.api.schemas.programs import ProgramRef


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
