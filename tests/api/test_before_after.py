"""The before-and-after log through the API: start an ask in progress, then finish it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.journal.models import Attempt, DayTally
from tests.api.conftest import assert_error
from tests.conftest import bearer

NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
START = {"ask": "Ask for a table by the window", "outcome": "in_progress"}


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOON, tick=False):
        yield


def test_start_then_finish_keeps_all_four_values_and_an_honest_prediction(api, owner, headers):
    started = api.post(
        "/attempts", {**START, "anxiety_before": 7, "predicted_rejection": 80}, headers=headers
    )
    assert started.status_code == 201
    body = started.json()
    assert body["outcome"] == "in_progress" and body["predicted_before"] is True
    assert body["points"] == 0
    # Not an attempt yet: no tally, no points, no streak.
    assert not DayTally.objects.filter(user=owner).exists()
    assert api.get("/me", headers=headers).json()["points"] == 0

    finished = api.patch(
        f"/attempts/{body['id']}", {"outcome": "rejected", "anxiety_after": 3}, headers=headers
    )
    assert finished.status_code == 200
    done = finished.json()
    values = (done["anxiety_before"], done["predicted_rejection"], done["anxiety_after"])
    assert values == (7, 80, 3)
    assert done["outcome"] == "rejected" and done["predicted_before"] is True
    assert done["points"] == 10 and done["resolved_at"] is not None
    tally = DayTally.objects.get(user=owner)
    assert (tally.asks, tally.rejected, tally.points) == (1, 1, 10)


def test_a_prediction_written_with_or_after_the_answer_is_not_predicted_before(api, owner, headers):
    one_step = api.post(
        "/attempts", {**START, "outcome": "accepted", "predicted_rejection": 70}, headers=headers
    ).json()
    assert one_step["predicted_before"] is False
    started = api.post("/attempts", START, headers=headers).json()
    assert started["predicted_before"] is False  # nothing predicted yet
    # Changed while still in progress: still before the answer.
    assert api.patch(
        f"/attempts/{started['id']}", {"predicted_rejection": 60}, headers=headers
    ).json()["predicted_before"]
    late = api.patch(
        f"/attempts/{started['id']}",
        {"outcome": "rejected", "predicted_rejection": 90},
        headers=headers,
    ).json()
    assert late["predicted_before"] is False and late["predicted_rejection"] == 90


def test_a_finished_ask_cannot_go_back_to_in_progress(api, owner, headers):
    done = api.post("/attempts", {**START, "outcome": "rejected"}, headers=headers).json()
    response = api.patch(f"/attempts/{done['id']}", {"outcome": "in_progress"}, headers=headers)
    assert_error(response, 409, "already_finished", "outcome")
    assert Attempt.objects.get().outcome == "rejected"


def test_an_ask_left_in_progress_stays_open_on_its_own_day(api, owner, headers):
    started = api.post("/attempts", {**START, "anxiety_before": 6}, headers=headers).json()
    with time_machine.travel(NOON + dt.timedelta(days=2), tick=False):
        # Nothing resolved it: it is still in progress, and still on the day it began.
        again = api.get(f"/attempts/{started['id']}", headers=headers).json()
        assert again["outcome"] == "in_progress" and again["local_date"] == "2026-03-10"
        listed = api.get("/attempts?outcome=in_progress", headers=headers).json()["items"]
        assert [item["id"] for item in listed] == [started["id"]]
        finished = api.patch(
            f"/attempts/{started['id']}", {"outcome": "no_response"}, headers=headers
        ).json()
    assert finished["local_date"] == "2026-03-10" and finished["points"] == 10
    assert DayTally.objects.get(user=owner).local_date == dt.date(2026, 3, 10)


def test_the_schema_documents_the_two_steps(api):
    document = api.get("/openapi.json").json()
    post = document["paths"]["/api/v1/attempts"]["post"]
    assert "in_progress" in post["description"]
    patch = document["paths"]["/api/v1/attempts/{attempt_id}"]["patch"]
    assert "already finished" in patch["description"] or "in_progress" in patch["description"]
    out = document["components"]["schemas"]["AttemptOut"]["properties"]
    assert "predicted_before" in out
