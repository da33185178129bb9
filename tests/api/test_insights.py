"""GET /insights: the Progress charts' figures for the caller only, validated and documented."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine

from rejection.challenges.models import Challenge
from rejection.progress.services import take_rest_day
from tests.api.conftest import API, assert_error
from tests.conftest import bearer
from tests.writes import edit_ask, log_ask

NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)  # a Tuesday
TOP_LEVEL = {
    "window", "streak_mode", "overall", "series", "weekly", "heatmap", "streak_runs",
    "by_category",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def asks(owner, small_deck):
    strangers = Challenge.objects.deck().filter(category__slug="strangers").first()
    for days_ago, outcome, before, after, predicted in [
        (2, "rejected", 8, 4, 90),
        (1, "accepted", 6, 2, 70),
        (0, "no_response", 5, None, None),
    ]:
        # A chance of a no is given before the answer ("about to ask"), then the outcome:
        # calibration counts only predictions made so.
        logged = log_ask(
            owner,
            {
                "challenge_id": strangers.pk,
                "outcome": outcome if predicted is None else "in_progress",
                "occurred_at": NOW - dt.timedelta(days=days_ago),
                "anxiety_before": before,
                "predicted_rejection": predicted,
                **({"anxiety_after": after} if after is not None else {}),
            },
        )
        if predicted is not None:
            edit_ask(owner, logged.attempt, {"outcome": outcome})
    log_ask(owner, {"ask": "Asked to try on a hard hat", "outcome": "avoided"})
    take_rest_day(owner, dt.date(2026, 3, 6))
    return owner


def test_owner_gets_the_figures(api, asks):
    response = api.get("/insights", headers=bearer(asks))
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == TOP_LEVEL
    assert body["window"] == {"start": "2025-09-15", "end": "2026-03-10", "weeks": 26}
    assert body["streak_mode"] == "classic"
    assert body["overall"] == {
        "asks": 4,
        "completed": 3,
        "predicted": 0.8,
        "actual": 0.6667,
        "yes_rate": 0.3333,
    }
    assert body["series"][0] == {
        "date": "2026-03-08",
        "before": 8.0,
        "after": 4.0,
        "rolling_before": 8.0,
        "rolling_after": 4.0,
    }
    assert [p["rolling_before"] for p in body["series"]] == [8.0, 7.0, 6.33]
    assert body["series"][-1]["after"] is None
    assert len(body["weekly"]) == 26
    assert body["weekly"][-1] == {
        "week": "2026-W11",
        "start": "2026-03-09",
        "asks": 3,  # Monday's yes, today's silence and today's skipped ask
        "completed": 2,
        "yes_rate": 0.5,
    }
    assert len(body["heatmap"]) == 25 * 7 + 2
    assert body["heatmap"][-1] == {"date": "2026-03-10", "asks": 2, "rest_day": False}
    assert {"date": "2026-03-06", "asks": 0, "rest_day": True} in body["heatmap"]
    assert body["streak_runs"] == [
        {"start": "2026-03-08", "end": "2026-03-08", "length": 1, "rest_days": 0, "rest_dates": []},
        {"start": "2026-03-10", "end": "2026-03-10", "length": 1, "rest_days": 0, "rest_dates": []},
    ]
    strangers, own = body["by_category"]
    assert strangers["slug"] == "strangers" and strangers["name"] == "Strangers"
    assert (strangers["asks"], strangers["completed"], strangers["rejected"]) == (3, 3, 1)
    assert (strangers["predicted"], strangers["actual"]) == (0.8, 0.6667)
    assert own == {
        "slug": "",
        "name": "Your own words",
        "asks": 1,
        "rejected": 0,
        "no_response": 0,
        "partial": 0,
        "accepted": 0,
        "pending": 0,
        "avoided": 1,
        "completed": 0,
        "predicted": None,
        "actual": None,
    }


def test_weeks_narrows_the_window(api, asks):
    body = api.get("/insights?weeks=1", headers=bearer(asks)).json()
    assert body["window"] == {"start": "2026-03-09", "end": "2026-03-10", "weeks": 1}
    assert [day["date"] for day in body["heatmap"]] == ["2026-03-09", "2026-03-10"]
    assert len(body["weekly"]) == 1
    # By category and overall stay all time.
    assert body["overall"]["asks"] == 4


def test_another_user_sees_only_their_own(api, asks, friend):
    body = api.get("/insights", headers=bearer(friend)).json()
    assert body["overall"] == {
        "asks": 0,
        "completed": 0,
        "predicted": None,
        "actual": None,
        "yes_rate": None,
    }
    assert body["series"] == [] and body["by_category"] == [] and body["streak_runs"] == []
    assert all(day["asks"] == 0 and not day["rest_day"] for day in body["heatmap"])
    assert body["window"]["end"] == "2026-03-10"  # New York's day


def test_anonymous_is_refused(api, db):
    assert_error(api.get("/insights"), 401, "unauthorized")
    assert_error(
        api.get("/insights", headers={"Authorization": "Bearer nope"}), 401, "unauthorized"
    )


@pytest.mark.parametrize("weeks", ["0", "105", "-3", "abc", "2.5", ""])
def test_bad_weeks_is_422(api, owner, weeks):
    assert_error(
        api.get(f"/insights?weeks={weeks}", headers=bearer(owner)), 422, "invalid", "weeks"
    )


@pytest.mark.parametrize("weeks", ["1", "104"])
def test_weeks_bounds_are_accepted(api, owner, weeks):
    response = api.get(f"/insights?weeks={weeks}", headers=bearer(owner))
    assert response.status_code == 200
    assert response.json()["window"]["weeks"] == int(weeks)


def test_documented_in_openapi(client, db):
    doc = json.loads(client.get(API + "/openapi.json").content)
    operation = doc["paths"][API + "/insights"]["get"]
    assert {"200", "401", "422", "429"} <= set(operation["responses"])
    weeks = next(p for p in operation["parameters"] if p["name"] == "weeks")
    assert (weeks["schema"]["minimum"], weeks["schema"]["maximum"]) == (1, 104)
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = doc["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert set(schema["required"]) == TOP_LEVEL
    for name in ("SeriesPointOut", "WeekOut", "HeatDayOut", "StreakRunOut", "CategoryOut"):
        assert name in doc["components"]["schemas"]


def test_query_count_is_flat(api, small_deck, owner, friend):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    strangers = Challenge.objects.deck().first()
    counts = []
    for user, size in ((owner, 3), (friend, 50)):
        for n in range(size):
            log_ask(
                user,
                {
                    "challenge_id": strangers.pk if n % 2 else None,
                    "ask": "x",
                    "outcome": "rejected",
                    "anxiety_before": 5,
                    "occurred_at": NOW - dt.timedelta(days=n * 3),
                },
            )
        headers = bearer(user)
        api.get("/insights", headers=headers)
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/insights", headers=headers).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
