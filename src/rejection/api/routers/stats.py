"""Progress figures."""

from __future__ import annotations

from ninja import Router

from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.progress import StatsOut
from rejection.progress.queries import stats_for

router = Router(tags=["stats"])


@router.get("/stats", response={200: StatsOut, **errors(401, 429)})
def get_stats(request: ApiRequest) -> dict:
    return stats_for(request.auth)
