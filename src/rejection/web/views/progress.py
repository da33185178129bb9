"""Progress: totals, streaks, the prediction checked against what happened, and the charts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from rejection.accounts.days import cached_until_change
from rejection.journal.models import FINISHED_OUTCOMES
from rejection.progress.insights import insights_for
from rejection.progress.milestones import badges_for
from rejection.web.access import MemberRequest, member
from rejection.web.charts.panels import first_day, panels_for
from rejection.web.charts.words import days_since_start, expected_sentence, nerves_sentence
from rejection.web.copy import OUTCOME_TILES, percent


@member
def progress(request: MemberRequest) -> HttpResponse:
    context: dict[str, Any] = {}

    def build() -> str:
        context.update(_figures(request))
        return render_to_string("web/_progress_body.html", context, request=request)

    body = mark_safe(cached_until_change(request.user, "progress-page", build))
    return render(request, "web/progress.html", {**context, "body": body})


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
