"""The figures behind the Progress charts."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router

from rejection.accounts.services import profile_for
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.insights import InsightsOut, InsightsParams
from rejection.core.caching import cached, versioned_key
from rejection.core.time import local_today
from rejection.progress.insights import Insights, insights_for

router = Router(tags=["stats"])


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
    profile = profile_for(request.auth)
    today = local_today(profile.timezone)
    key = versioned_key("insights", profile.user_id, profile.data_version, today, params.weeks)

    def build() -> bytes:
        figures = InsightsOut.model_validate(
            insights_as_dict(insights_for(request.auth, today, params.weeks))
        )
        return figures.model_dump_json(by_alias=True).encode()

    # Served as stored bytes: the figures only change with a write or a new day.
    return HttpResponse(cached(key, build), content_type="application/json; charset=utf-8")
