"""Progress figures."""

from __future__ import annotations

from ninja import Router

from rejection.accounts.services import profile_for
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.progress import StatsOut
from rejection.core.caching import cached, versioned_key
from rejection.core.time import local_today
from rejection.progress.queries import stats_for

router = Router(tags=["stats"])


@router.get("/stats", response={200: StatsOut, **errors(401, 429)})
def get_stats(request: ApiRequest) -> dict:
    # Cached until the next write or the next local day, like Progress and /insights.
    profile = profile_for(request.auth)
    today = local_today(profile.timezone)
    key = versioned_key("stats", profile.user_id, profile.data_version, today)
    return cached(key, lambda: stats_for(request.auth))
