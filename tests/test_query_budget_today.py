"""Today, rerolls, rest days and programs stay within the query budget, whatever the history.

Every request of the Today flow, on the pages and in the API, is counted with
tests/budget.py for a user with 10 attempts and one with 2,000 who live the same days:
the two counts must be equal and at most QUERY_BUDGET. The clock stands still within a
day, so the API token's last-used stamp (written at most once a minute) is set by a
warm-up request before each day's counting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.budget import QUERY_BUDGET, queries
from tests.conftest import bearer, make_user
from tests.history import bulk_history
from tests.writes import start, take_intake

pytestmark = pytest.mark.django_db
FIRST_DAY = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
SIZES = (10, 2_000)
HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Clients:
    api: Client
    page: Client


@dataclass(frozen=True)
class Step:
    label: str
    day: int  # days after FIRST_DAY; rest days are two per 30, so the faces are apart
    status: int
    send: Callable[[Clients], Any]
    says: str = ""  # a phrase the response must hold, to show the step took its path


def _json(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


STEPS = [
    Step("GET /api/v1/today, first look of the day", 0, 200, lambda c: c.api.get("/api/v1/today")),
    Step("GET /api/v1/today", 0, 200, lambda c: c.api.get("/api/v1/today")),
    Step("POST /api/v1/today/reroll", 0, 200, lambda c: c.api.post("/api/v1/today/reroll")),
    Step("POST /api/v1/today/rest", 0, 200, lambda c: c.api.post("/api/v1/today/rest")),
    Step(
        "POST /api/v1/today/rest, again",
        0,
        409,
        lambda c: c.api.post("/api/v1/today/rest"),
        "already_resting",
    ),
    Step(
        "POST /api/v1/programs/classic-30/start",
        0,
        201,
        lambda c: _json(c.api, "/api/v1/programs/classic-30/start"),
    ),
    Step(
        "POST /api/v1/programs/custom/start",
        0,
        201,
        lambda c: _json(c.api, "/api/v1/programs/custom/start", {"length_days": 45}),
    ),
    Step(
        "POST /api/v1/today/reroll, first thing of the day",
        1,
        200,
        lambda c: c.api.post("/api/v1/today/reroll"),
    ),
    Step(
        "POST /api/v1/today/rest, first thing of the day",
        2,
        200,
        lambda c: c.api.post("/api/v1/today/rest"),
    ),
    Step("GET /today/, first look of the day", 40, 200, lambda c: c.page.get("/today/")),
    Step("GET /today/", 40, 200, lambda c: c.page.get("/today/")),
    Step(
        "POST /today/reroll/ without JavaScript",
        40,
        302,
        lambda c: c.page.post("/today/reroll/"),
    ),
    Step(
        "POST /today/reroll/ with HTMX",
        40,
        200,
        lambda c: c.page.post("/today/reroll/", headers=HTMX),
    ),
    Step(
        "POST /today/reroll/ with HTMX, the day's last",
        40,
        200,
        lambda c: c.page.post("/today/reroll/", headers=HTMX),
    ),
    Step(
        "POST /today/reroll/ with HTMX, none left",
        40,
        200,
        lambda c: c.page.post("/today/reroll/", headers=HTMX),
        "last new card",
    ),
    Step("POST /today/rest/", 40, 302, lambda c: c.page.post("/today/rest/")),
    Step("GET /programs/", 40, 200, lambda c: c.page.get("/programs/")),
    Step(
        "POST /programs/, asking to confirm",
        40,
        200,
        lambda c: c.page.post("/programs/", {"program": "100-days"}),
    ),
    Step(
        "POST /programs/, confirmed",
        40,
        302,
        lambda c: c.page.post("/programs/", {"program": "100-days", "confirm": "on"}),
    ),
    Step(
        "POST /today/reroll/ with HTMX, first thing of the day",
        41,
        200,
        lambda c: c.page.post("/today/reroll/", headers=HTMX),
    ),
    Step(
        "POST /today/rest/, first thing of the day",
        42,
        302,
        lambda c: c.page.post("/today/rest/"),
    ),
]


def _member(name: str, attempts: int) -> Any:
    """A user with a history, a program under way, an intake and the ladder it builds."""
    user = make_user(name, "Europe/London")
    bulk_history(user, attempts)
    start(user, "classic-30", FIRST_DAY.date() - dt.timedelta(days=4))
    take_intake(user, {"strangers": 6, "service": 4}, ["strangers"], "Ask for more.")
    return user


def _live_through_the_steps(user: Any) -> dict[str, tuple[int, str]]:
    """Send every step on its day and return each one's budgeted query count and list."""
    clients = Clients(api=Client(headers=bearer(user)), page=Client())
    clients.page.force_login(user)
    counted: dict[str, tuple[int, str]] = {}
    for day in sorted({step.day for step in STEPS}):
        moment = FIRST_DAY + dt.timedelta(days=day)
        with time_machine.travel(moment, tick=False):
            assert clients.api.get("/api/v1/me").status_code == 200  # stamps the token
            for step in (step for step in STEPS if step.day == day):
                with queries() as q:
                    response = step.send(clients)
                assert response.status_code == step.status, (step.label, response.content[:300])
                assert step.says in response.content.decode(), (step.label, step.says)
                # Read now: the captured list is a window on a log the next request resets.
                counted[step.label] = (len(q), q.explain())
    return counted


def test_the_today_flow_keeps_to_the_budget_for_short_and_long_histories(small_deck) -> None:
    with time_machine.travel(FIRST_DAY, tick=False):
        users = {size: _member(f"user{size}", size) for size in SIZES}
    counts = {size: _live_through_the_steps(user) for size, user in users.items()}
    short, long = (counts[size] for size in SIZES)
    problems = []
    for step in STEPS:
        (few, few_q), (many, many_q) = short[step.label], long[step.label]
        if max(few, many) > QUERY_BUDGET:
            worst = many_q if many >= few else few_q
            problems.append(
                f"{step.label}: {max(few, many)} queries, over the budget of {QUERY_BUDGET}:\n"
                + worst
            )
        if few != many:
            problems.append(
                f"{step.label}: {few} queries with {SIZES[0]} attempts but {many} with "
                f"{SIZES[1]}.\n-- {SIZES[0]} attempts:\n{few_q}\n-- {SIZES[1]} attempts:\n{many_q}"
            )
    assert not problems, "\n\n".join(problems)


def test_the_counts_are_real(small_deck) -> None:
    """The counter sees the Today page's reads, so a budget of zero would fail."""
    with time_machine.travel(FIRST_DAY, tick=False):
        user = _member("counted", 10)
        page = Client()
        page.force_login(user)
        with queries() as q:
            assert page.get("/today/").status_code == 200
    assert len(q) >= 4, q.explain()
    assert any("progress_dailypick" in sql for sql in q.statements), q.explain()
