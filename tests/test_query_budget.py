"""The query budget: every page and endpoint makes at most 10 queries, however long the history.

Reads: every page and API read an owner can open, taken from the access matrix so a new view
is budgeted the moment it exists. Writes: logging, editing, resolving, starring and deleting
an ask, through the pages and the API. Each runs for a user with a handful of asks and for one
with 2,000, and must cost the same. Counting rules: tests/budget.py (docs/scaling.md).
The coach's learning runs as a background job, so it is budgeted on its own.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests import access_matrix as m
from tests.budget import QUERY_BUDGET, queries
from tests.conftest import make_user
from tests.history import bulk_history
from tests.test_access_matrix import _api_url, _life, _midday, _page_url  # noqa: F401
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
LONG_HISTORY = 2_000
OWNER_PAGES = [
    (name, about) for name, (statuses, about) in m.PAGES.items() if 200 in statuses["owner"]
]


@pytest.fixture
def queued_jobs() -> Any:
    """Queue background jobs instead of running them inside the request."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    yield
    HUEY.immediate = True


def _people(small_deck: Any) -> dict[str, dict[str, Any]]:
    short = _life(make_user("short", "Europe/London"))
    long = _life(make_user("long", "Europe/London"))
    bulk_history(long["user"], LONG_HISTORY, zone="Europe/London")
    from rejection.progress.milestones import award_from_history

    award_from_history(long["user"])  # as import does: the badges its history earned
    return {"short": short, "long": long}


def _measure(client: Client, method: str, url: str, **extra: Any) -> tuple[int, int, str]:
    with queries() as q:
        response = getattr(client, method)(url, **extra)
    return len(q), response.status_code, q.explain()


def _reads(person: dict[str, Any]) -> dict[str, tuple[int, int, str]]:
    client = Client()
    client.force_login(person["user"])
    api = Client(headers={"Authorization": f"Bearer {person['raw']}"})
    costs = {}
    for name, about in OWNER_PAGES:
        url = _page_url(name, about, person)
        client.get(url)  # the first look of the day saves today's pick
        cache.clear()  # measure the cache miss: the dearer path
        costs[name] = _measure(client, "get", url)
    for path, about in m.API_GET.items():
        url = _api_url(path, about, person)
        api.get(url)
        cache.clear()
        costs[path] = _measure(api, "get", url)
    return costs


def _writes(person: dict[str, Any], challenge_id: int) -> dict[str, tuple[int, int, str]]:

    client = Client()
    client.force_login(person["user"])
    api = Client(headers={"Authorization": f"Bearer {person['raw']}"})
    when = dt.datetime(2026, 3, 10, 11, tzinfo=dt.UTC)

    def fresh(outcome: str = "rejected") -> int:
        data = {"ask": "Ask for a discount", "outcome": outcome, "occurred_at": when}
        return log_ask(person["user"], data).attempt.pk  # type: ignore[union-attr]

    body = {"challenge_id": challenge_id, "outcome": "rejected", "anxiety_before": 6}
    post = {"content_type": "application/json", "headers": {"Idempotency-Key": "budget-1"}}
    costs = {
        "POST /api/v1/attempts": _measure(api, "post", "/api/v1/attempts", data=body, **post),
        "POST /api/v1/attempts (replay)": _measure(
            api, "post", "/api/v1/attempts", data=body, **post
        ),
        "PATCH /api/v1/attempts/{id}": _measure(
            api,
            "patch",
            f"/api/v1/attempts/{fresh()}",
            data=json.dumps({"outcome": "accepted", "predicted_rejection": 80}),
            content_type="application/json",
        ),
        "PATCH /api/v1/attempts/{id} (resolve)": _measure(
            api,
            "patch",
            f"/api/v1/attempts/{fresh('pending')}",
            data=json.dumps({"outcome": "rejected"}),
            content_type="application/json",
        ),
        "PATCH /api/v1/attempts/{id} (finish one in progress)": _measure(
            api,
            "patch",
            f"/api/v1/attempts/{fresh('in_progress')}",
            data=json.dumps({"outcome": "rejected", "anxiety_after": 2}),
            content_type="application/json",
        ),
        "DELETE /api/v1/attempts/{id}": _measure(api, "delete", f"/api/v1/attempts/{fresh()}"),
    }
    form = {
        "challenge": challenge_id,
        "outcome": "rejected",
        "visibility": "private",
        "idempotency_key": "budget-page-1",
    }
    costs["POST /log/"] = _measure(client, "post", reverse("log_attempt"), data=form)
    star = reverse("attempt_star", args=[fresh()])
    costs["POST star"] = _measure(client, "post", star)
    resolve = reverse("attempt_resolve", args=[fresh("pending")])
    costs["POST resolve"] = _measure(client, "post", resolve, data={"outcome": "rejected"})
    finish = reverse("attempt_finish", args=[fresh("in_progress")])
    done = {"outcome": "rejected", "anxiety_after": "3"}
    costs["POST finish"] = _measure(client, "post", finish, data=done)
    start = {**form, "outcome": "in_progress", "idempotency_key": "budget-start-1"}
    log_url = reverse("log_attempt")
    costs["POST /log/ (about to ask)"] = _measure(client, "post", log_url, data=start)
    delete = reverse("attempt_delete", args=[fresh()])
    costs["POST delete"] = _measure(client, "post", delete)
    return costs


# Deleting an ask also deletes what hangs on it, one statement per table whatever the
# history: the community's comments and cheers, the media (whose rows are read so their
# files go too). Three more than the budget, and the only writes allowed them
# (docs/scaling.md).
DELETES = ("DELETE /api/v1/attempts/{id}", "POST delete")
DELETE_BUDGET = QUERY_BUDGET + 3
# The export reads each kind of thing a person owns once (asks, tallies, programs, tokens,
# comments, friends and groups, media): one statement per table, never per row, so it grows
# with the product's tables, not with anyone's history.
EXPORTS = ("data_export_json", "GET /api/v1/export")
EXPORT_BUDGET = QUERY_BUDGET + 2


def _budget(name: str) -> int:
    if name in DELETES:
        return DELETE_BUDGET
    return EXPORT_BUDGET if name in EXPORTS else QUERY_BUDGET


def _check(costs: dict[str, dict[str, tuple[int, int, str]]]) -> None:
    short, long = costs["short"], costs["long"]
    over = {k: v for k, v in long.items() if v[0] > _budget(k)}
    assert not over, "\n\n".join(f"{k}: {n} queries\n{sql}" for k, (n, _, sql) in over.items())
    grew = {k: (short[k][0], long[k][0]) for k in short if short[k][0] != long[k][0]}
    assert not grew, f"query counts grew with the history (short, long): {grew}"
    failed = {k: v[1] for k, v in long.items() if v[1] >= 400}
    assert not failed, failed


def test_every_read_fits_the_budget(small_deck: Any) -> None:
    people = _people(small_deck)
    _check({name: _reads(person) for name, person in people.items()})


def test_every_write_fits_the_budget(small_deck: Any, queued_jobs: Any) -> None:
    from rejection.challenges.models import Challenge

    challenge_id = Challenge.objects.filter(author__isnull=True).values_list("pk", flat=True)[0]
    people = _people(small_deck)
    _check({name: _writes(person, challenge_id) for name, person in people.items()})


def test_the_coach_job_fits_the_budget(small_deck: Any) -> None:
    from rejection.challenges.models import Challenge
    from rejection.coach.tasks import learn_from_attempt
    from rejection.journal.models import Attempt

    challenge = Challenge.objects.filter(author__isnull=True).first()
    costs = {}
    for name, person in _people(small_deck).items():
        attempt = Attempt.objects.create(
            user=person["user"],
            challenge=challenge,
            outcome="rejected",
            occurred_at=dt.datetime(2026, 3, 10, 11, tzinfo=dt.UTC),
            local_date=dt.date(2026, 3, 10),
            anxiety_before=6,
        )
        with queries() as q:
            learn_from_attempt.call_local(attempt.pk)
        costs[name] = len(q)
    assert costs["short"] == costs["long"] <= QUERY_BUDGET, costs


def test_earning_and_re_earning_a_badge_fit_the_budget(small_deck: Any, queued_jobs: Any) -> None:
    """The dearest writes: the first no (a badge is awarded), and deleting the ask a badge
    was awarded for while another ask still earns it (taken back, then given back)."""

    from rejection.progress.models import Badge

    user = make_user("newcomer", "Europe/London")
    client = Client()
    client.force_login(user)
    form = {"ask": "Ask for a free coffee", "outcome": "rejected", "visibility": "private"}
    first, status, sql = _measure(client, "post", reverse("log_attempt"), data=form)
    assert status == 302 and first <= QUERY_BUDGET, sql
    badge = Badge.objects.get(user=user, code="first_no")
    when = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)
    second = log_ask(user, {"ask": "Ask again", "outcome": "rejected", "occurred_at": when})
    delete = reverse("attempt_delete", args=[badge.reason_id])
    cost, status, sql = _measure(client, "post", delete)
    assert status == 302 and cost <= DELETE_BUDGET, sql
    again = Badge.objects.get(user=user, code="first_no")
    assert again.reason_id == second.attempt.pk  # type: ignore[union-attr]
