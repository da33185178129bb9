"""Milestones (badges) and the weekly summary."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class MilestoneOut(Schema):
    code: str = Field(description="Stable machine name, e.g. first_no, streak_7, nos_10.")
    title: str
    description: str


class BadgeOut(MilestoneOut):
    awarded_on: dt.date = Field(description="The user's local day when it was earned.")
    reason_attempt_id: int | None = Field(description="The ask that earned it, when known.")


class BadgesOut(Schema):
    items: list[BadgeOut] = Field(description="Milestones earned, oldest first.")
    upcoming: list[MilestoneOut] = Field(description="Milestones not yet earned.")


class HighlightOut(Schema):
    id: int
    title: str
    outcome: str
    local_date: dt.date


class SummaryOut(Schema):
    week: str = Field(description="The ISO week, e.g. 2026-W11 (Monday to Sunday, local days).")
    start: dt.date
    end: dt.date
    asks: int
    nos: int = Field(description="Rejected plus no response.")
    yeses: int = Field(description="Accepted plus partial.")
    avoided: int
    pending: int
    points: int
    anxiety_before_avg: float | None = Field(description="Mean nerves before asking, 0-10.")
    anxiety_before_previous_avg: float | None = Field(description="The same, the week before.")
    anxiety_change: float | None = Field(
        description="This week minus the week before; null when either has no rating."
    )
    highlights: list[HighlightOut] = Field(description="Asks the user starred that week.")
    encouragement: str
    previous_week: str | None
    next_week: str | None = Field(description="Null for the current week.")
