"""Progress: totals, streaks, the prediction checked against what happened, and the charts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from rejection.accounts.days import cached_until_change
from rejection.journal.models import FINISHED_OUTCOMES
from rejection.progress.insights import insights_for
from rejection.progress.milestones import badges_for
from rejection.web.access import MemberRequest, member
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)
from rejection.web.charts.panels import first_day, panels_for
from rejection.web.charts.words import days_since_start, expected_sentence, nerves_sentence
from rejection.web.copy import OUTCOME_TILES, percent


@member
def progress(request: MemberRequest) -> HttpResponse:
    if has_messages(request):  # a note to show once: this page is not one to keep
        return render(request, "web/progress.html", _figures(request))
    # The whole page, frame and all, is kept until the next write or the next day.
    page = cached_until_change(
        request.user,
        "progress-page",
        lambda: page_for_cache(request, "web/progress.html", _figures(request)),
        *frame_parts(request),
    )
    return cached_page_response(request, page)


def _figures(request: MemberRequest) -> dict[str, Any]:
    insights = insights_for(request.user)
    charts = panels_for(insights)
    stats = insights.stats
    totals = stats["totals_by_outcome"]
    logged = sum(totals.values())
    top = max(totals.values(), default=0) or 1
    rows = [
        {
            "outcome": value,
            "label": OUTCOME_TILES[value][0],
            "count": totals[value],
            "share": round(totals[value] * 100 / top),
        }
        for value in FINISHED_OUTCOMES
    ]
    return {
        "stats": stats,
        "logged": logged,
        "rows": rows,
        "expected_no": percent(stats["predicted_rejection_avg"]),
        "actual_no": percent(stats["actual_rejection_rate"]),
        "expected_sentence": expected_sentence(
            stats["predicted_rejection_avg"], stats["actual_rejection_rate"]
        ),
        "yes_rate": percent(stats["yes_rate"]),
        "before": stats["avg_anxiety_before"],
        "after": stats["avg_anxiety_after"],
        "nerves_sentence": nerves_sentence(insights),
        "insights": insights,
        "badges": badges_for(request.user),
        "charts": charts,
        "chart_sections": [charts[key] for key in ("weekly", "categories", "calendar", "streaks")],
        "charts_from": first_day(insights),
        "new_here": days_since_start(insights) is not None,
        "this_monday": insights.end - dt.timedelta(days=insights.end.weekday()),
    }
