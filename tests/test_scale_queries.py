"""Reads cost the same number of queries after 10 asks or 10,000."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import bearer, make_user
from tests.history import bulk_history

PAGES = ["/today/", "/journal/", "/progress/", "/progress/week/"]
ENDPOINTS = [
    "/api/v1/today",
    "/api/v1/attempts",
    "/api/v1/stats",
    "/api/v1/insights",
    "/api/v1/badges",
]


def count_queries(client: Client, path: str, **extra: object) -> int:
    client.get(path, **extra)  # the first look of the day saves today's pick
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


@pytest.mark.django_db
def test_every_read_costs_the_same_for_10_and_10000_attempts(small_deck) -> None:
    users = {}
    for name, size in (("short", 10), ("long", 10_000)):
        users[name] = make_user(name)
        bulk_history(users[name], size)
    counts: dict[str, dict[str, int]] = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        api = Client(headers=bearer(user))
        counts[name] = {path: count_queries(client, path) for path in PAGES}
        counts[name] |= {path: count_queries(api, path) for path in ENDPOINTS}
    assert counts["short"] == counts["long"]
    assert users["long"].attempts.count() == 10_000
