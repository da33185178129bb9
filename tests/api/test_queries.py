"""Each list and read answers in a fixed number of queries, whatever the data size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.models import Category, Challenge
from tests.api.conftest import API
from tests.conftest import bearer
from tests.writes import log_ask, start


def _grow(user, attempts: int) -> None:
    challenges = list(Challenge.objects.deck().values_list("pk", flat=True))
    start = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    for number in range(attempts):
        data = {"challenge_id": challenges[number % len(challenges)], "outcome": "rejected"}
        log_ask(user, {**data, "occurred_at": start + dt.timedelta(days=number)})


def _custom_challenges(user, count: int) -> None:
    category = Category.objects.first()
    Challenge.objects.bulk_create(
        [
            Challenge(title=f"c{n}", category=category, difficulty=5, author=user)
            for n in range(count)
        ]
    )


def _queries(client, path: str, headers) -> int:
    assert client.get(API + path, headers=headers).status_code == 200  # warm: token use, daily pick
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API + path, headers=headers)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path",
    ["/attempts", "/attempts?limit=100", "/attempts?category=strangers", "/today", "/stats",
     "/challenges", "/challenges?limit=100&q=ask", "/me", "/export"],
)  # fmt: skip
def test_query_count_is_flat(client, small_deck, path):
    from tests.conftest import make_user

    counts = []
    for size in (3, 40):
        user = make_user(f"user{size}", "Europe/Paris")
        start(user, "classic-30", dt.date(2026, 1, 1))
        _grow(user, size)
        _custom_challenges(user, size)
        counts.append(_queries(client, path, bearer(user)))
    assert counts[0] == counts[1], counts
    # The export reads each kind of thing a person owns once (one statement per table).
    assert counts[0] <= (17 if path == "/export" else 15)
