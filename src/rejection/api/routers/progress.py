"""Progress: the figures (/stats), the charts (/insights), milestones (/badges) and the week."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router

from rejection.accounts.days import cached_until_change, user_today
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.kept import kept_response
from rejection.api.schemas.progress import (
    BadgesOut,
    InsightsOut,
    InsightsParams,
    OutcomeOut,
    StatsOut,
    SummaryOut,
)
from rejection.journal.models import COMPLETED_OUTCOMES, NO_OUTCOMES, Outcome
from rejection.progress.contracts import IsoWeek
from rejection.progress.insights import Insights, insights_for
from rejection.progress.milestones import badges_for, upcoming
from rejection.progress.queries import stats_for
from rejection.progress.summary import summary_as_dict, summary_for

router = Router(tags=["progress"])


@router.get("/stats", response={200: StatsOut, **errors(401, 429)})
def get_stats(request: ApiRequest) -> dict:
    return cached_until_change(request.auth, "stats", lambda: stats_for(request.auth))


def insights_as_dict(insights: Insights) -> dict:
    """Return the insights in the API's shape."""
    stats = insights.stats
    return {
        "window": {"start": insights.start, "end": insights.end, "weeks": insights.weeks},
        "streak_mode": insights.streak_mode,
        "overall": {
            "asks": sum(stats["totals_by_outcome"].values()),
            "completed": stats["completed"],
            "predicted": insights.overall_predicted,
            "actual": insights.overall_actual,
            "yes_rate": stats["yes_rate"],
        },
        "series": [vars(point) for point in insights.series],
        "weekly": [vars(week) for week in insights.weekly],
        "heatmap": [vars(day) for day in insights.heatmap],
        "streak_runs": [
            {**vars(run), "rest_days": run.rest_days, "rest_dates": list(run.rest_dates)}
            for run in insights.streak_runs
        ],
        "by_category": [{**vars(row), "completed": row.completed} for row in insights.by_category],
    }


@router.get(
    "/insights",
    response={200: InsightsOut, **errors(401, 422, 429)},
    summary="The figures behind the Progress charts",
    description="Anxiety before and after over time with 7-day means, predicted against real "
    "chance of a no (overall and by category), yes rate per ISO week, asks per local day and "
    "streak runs, over the `weeks` ISO weeks ending with the caller's current week.",
)
def get_insights(request: ApiRequest, params: Query[InsightsParams]) -> HttpResponse:
    def build() -> bytes:
        today = user_today(request.auth)
        figures = InsightsOut.model_validate(
            insights_as_dict(insights_for(request.auth, today, params.weeks))
        )
        return figures.model_dump_json(by_alias=True).encode()

    # Served as stored bytes: the figures only change with a write or a new day.
    body = cached_until_change(request.auth, "insights", build, params.weeks)
    return kept_response(body)


@router.get("/badges", response={200: BadgesOut, **errors(401, 429)})
def get_badges(request: ApiRequest) -> dict:
    badges = badges_for(request.auth)
    return {"items": badges, "upcoming": upcoming(badges)}


@router.get(
    "/summary",
    response={200: SummaryOut, **errors(401, 404, 422, 429)},
    summary="One week in figures, with a line of encouragement",
    description="`week` defaults to the caller's current local week; a week its year does "
    "not have (a week 53) or one still to come is not found (404).",
)
def get_summary(request: ApiRequest, week: IsoWeek | None = None) -> dict:
    return summary_as_dict(summary_for(request.auth, week))


@router.get(
    "/outcomes",
    response={200: list[OutcomeOut], **errors(401, 429)},
    summary="The outcomes, each with the word the app shows for it",
    description="One vocabulary: the same words are on the log tiles, the journal's filter, "
    "the charts, the journal and the share cards.",
)
def list_outcomes(request: ApiRequest) -> list[dict]:
    return [
        {
            "value": value,
            "label": str(label),
            "answered": value in COMPLETED_OUTCOMES,
            "counts_as_no": value in NO_OUTCOMES,
        }
        for value, label in Outcome.choices
    ]
