"""Progress: the figures (`/stats`), the charts (`/insights`), milestones and the week."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.progress.insights import DEFAULT_WEEKS, MAX_WEEKS


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


class InsightsParams(Schema):
    weeks: int = Field(
        DEFAULT_WEEKS,
        ge=1,
        le=MAX_WEEKS,
        description="How many ISO weeks, ending with this week, the series cover (1-104).",
    )


class WindowOut(Schema):
    start: dt.date = Field(description="The Monday the window starts on (local date).")
    end: dt.date = Field(description="Today, the user's local date.")
    weeks: int


class OverallOut(Schema):
    asks: int = Field(description="Every ask ever logged.")
    completed: int = Field(description="Asks with an answer: no, no response, partial or yes.")
    predicted: float | None = Field(
        description="Mean predicted chance of a no over completed asks that have one, 0-1."
    )
    actual: float | None = Field(description="Share of completed asks that got a no, 0-1.")
    yes_rate: float | None


class SeriesPointOut(Schema):
    date: dt.date
    before: float | None = Field(description="That day's mean anxiety before asking, 0-10.")
    after: float | None = Field(description="That day's mean anxiety after asking, 0-10.")
    rolling_before: float | None = Field(
        description="Mean of every before-rating in the 7 days ending that day."
    )
    rolling_after: float | None = Field(
        description="Mean of every after-rating in the 7 days ending that day."
    )


class WeekOut(Schema):
    week: str = Field(description='ISO week, e.g. "2026-W10".', pattern=r"^\d{4}-W\d{2}$")
    start: dt.date
    asks: int
    completed: int
    yes_rate: float | None = Field(description="(accepted + partial) / completed, 0-1.")


class HeatDayOut(Schema):
    date: dt.date
    asks: int
    rest_day: bool


class StreakRunOut(Schema):
    start: dt.date
    end: dt.date
    length: int = Field(description="Days in the run that count; rest days keep it alive.")
    rest_days: int
    rest_dates: list[dt.date]


class CategoryOut(Schema):
    slug: str = Field(description='The category; "" for asks in your own words.')
    name: str
    asks: int
    rejected: int
    no_response: int
    partial: int
    accepted: int
    pending: int
    avoided: int
    completed: int
    predicted: float | None = Field(description="Mean predicted chance of a no, 0-1.")
    actual: float | None = Field(description="Share of completed asks that got a no, 0-1.")


class InsightsOut(Schema):
    window: WindowOut
    streak_mode: str
    overall: OverallOut
    series: list[SeriesPointOut] = Field(
        description="One point per local day with anxiety ratings: daily means, 7-day means."
    )
    weekly: list[WeekOut]
    heatmap: list[HeatDayOut] = Field(description="Every local day of the window, oldest first.")
    streak_runs: list[StreakRunOut]
    by_category: list[CategoryOut] = Field(description="All time, most asks first.")


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


class OutcomeOut(Schema):
    value: str = Field(description="The outcome as every endpoint sends and takes it.")
    label: str = Field(description="The word the app shows for it on every page and card.")
    answered: bool = Field(description="A completed ask: an answer came (a no or a yes).")
    counts_as_no: bool = Field(description="Counts as a no (rejected, no_response).")
