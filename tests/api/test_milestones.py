"""GET /badges and GET /summary: the caller's own, never anyone else's."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.progress.milestones import MILESTONES
from tests.api.conftest import assert_error
from tests.conftest import bearer, read_json
from tests.writes import log_ask

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday():
    # Wednesday 11 March 2026, in ISO week 2026-W11 (9 to 15 March).
    with time_machine.travel(dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC), tick=True):
        yield


def _log(user, outcome="rejected", **data):
    return log_ask(user, {"ask": "Ask for a free coffee", "outcome": outcome, **data}).attempt


def test_badges_for_the_owner(api, owner):
    attempt = _log(owner)
    body = read_json(api.get("/badges", headers=bearer(owner)))
    assert body["items"] == [
        {
            "code": "first_no",
            "title": "First no",
            "description": "You asked, and heard no. That's the whole point.",
            "awarded_on": "2026-03-11",
            "reason_attempt_id": attempt.pk,
        }
    ]
    upcoming = [item["code"] for item in body["upcoming"]]
    assert upcoming == [m.code for m in MILESTONES if m.code != "first_no"]
    assert set(body["upcoming"][0]) == {"code", "title", "description"}


def test_badges_are_never_another_users(api, owner, friend):
    _log(owner)
    body = read_json(api.get("/badges", headers=bearer(friend)))
    assert body["items"] == []
    assert len(body["upcoming"]) == len(MILESTONES)


def test_badges_need_a_token(api, owner):
    assert_error(api.get("/badges"), 401, "unauthorized")
    assert_error(api.get("/summary"), 401, "unauthorized")


def test_logging_through_the_api_earns_and_lists_it(api, owner):
    response = api.post("/attempts", {"ask": "Ask for a hug", "outcome": "accepted"},
                        headers=bearer(owner))  # fmt: skip
    assert response.status_code == 201
    codes = [item["code"] for item in read_json(api.get("/badges", headers=bearer(owner)))["items"]]
    assert codes == ["first_yes"]


def test_summary_of_the_current_week(api, owner):
    _log(owner, anxiety_before=4)
    _log(owner, "accepted")
    body = read_json(api.get("/summary", headers=bearer(owner)))
    assert body["week"] == "2026-W11"
    assert (body["start"], body["end"]) == ("2026-03-09", "2026-03-15")
    assert (body["asks"], body["nos"], body["yeses"]) == (2, 1, 1)
    assert body["anxiety_before_avg"] == 4.0
    assert body["anxiety_before_previous_avg"] is None and body["anxiety_change"] is None
    assert body["encouragement"] == "One no this week: you asked, and you heard it. That's the win."
    assert body["previous_week"] == "2026-W10" and body["next_week"] is None
    assert body["highlights"] == []


def test_summary_of_a_past_week_with_a_starred_highlight(api, owner):
    with time_machine.travel(dt.datetime(2026, 3, 3, 12, tzinfo=dt.UTC), tick=False):
        attempt = _log(owner)
    headers = bearer(owner)
    assert (
        api.patch(f"/attempts/{attempt.pk}", {"starred": True}, headers=headers).status_code == 200
    )
    body = read_json(api.get("/summary?week=2026-W10", headers=headers))
    assert body["week"] == "2026-W10" and body["next_week"] == "2026-W11"
    assert body["highlights"] == [
        {"id": attempt.pk, "title": "Ask for a free coffee", "outcome": "rejected",
         "local_date": "2026-03-03"}
    ]  # fmt: skip


def test_summary_is_the_callers_own(api, owner, friend):
    attempt = _log(owner)
    api.patch(f"/attempts/{attempt.pk}", {"starred": True}, headers=bearer(owner))
    body = read_json(api.get("/summary?week=2026-W11", headers=bearer(friend)))
    assert (body["asks"], body["nos"], body["highlights"]) == (0, 0, [])
    assert body["encouragement"].startswith("A quiet week")
    # And another user cannot star an ask that is not theirs.
    response = api.patch(f"/attempts/{attempt.pk}", {"starred": False}, headers=bearer(friend))
    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("week", ["2026-W54", "2026-13", "soon", "1999-W52", "2026-W11x" * 3])
def test_a_week_of_the_wrong_shape_is_422_naming_week(api, owner, week):
    response = api.get("/summary", headers=bearer(owner), data={"week": week})
    assert_error(response, 422, "invalid", "week")


@pytest.mark.parametrize("week", ["2025-W53", "2026-W12"])
def test_a_week_the_calendar_lacks_or_still_to_come_is_404(api, owner, week):
    with time_machine.travel(dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC), tick=False):
        response = api.get("/summary", headers=bearer(owner), data={"week": week})
    assert_error(response, 404, "not_found", "week")


def test_new_endpoints_are_documented(api):
    doc = read_json(api.get("/openapi.json"))
    paths = doc["paths"]
    assert set(paths["/api/v1/badges"]["get"]["responses"]) == {"200", "401", "429"}
    assert set(paths["/api/v1/summary"]["get"]["responses"]) == {"200", "401", "404", "422", "429"}
