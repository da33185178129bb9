"""Milestones earned and to come, and the weekly summary."""

from __future__ import annotations

from ninja import Query, Router

from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.milestones import BadgesOut, SummaryOut
from rejection.progress.milestones import badges_for, upcoming
from rejection.progress.summary import summary_as_dict, summary_for

router = Router(tags=["progress"])


@router.get("/badges", response={200: BadgesOut, **errors(401, 429)})
def get_badges(request: ApiRequest) -> dict:
    badges = badges_for(request.auth)
    return {"items": badges, "upcoming": upcoming(badges)}


@router.get(
    "/summary",
    response={200: SummaryOut, **errors(401, 422, 429)},
    summary="One week in figures, with a line of encouragement",
)
def get_summary(
    request: ApiRequest,
    week: str | None = Query(
        None,
        max_length=8,
        description="An ISO week, e.g. 2026-W11; default: the caller's current local week.",
    ),
) -> dict:
    return summary_as_dict(summary_for(request.auth, week))
