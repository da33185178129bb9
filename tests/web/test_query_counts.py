"""Pages cost the same number of queries with 3 or 40 asks in the journal."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # warm up: today's pick is chosen and saved on the first look
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["journal", "progress", "today", "deck"])
def test_flat_query_count(owner_client, owner, small_deck, name):
    from rejection.challenges.models import Challenge

    cards = list(Challenge.objects.deck())
    for number in range(3):
        make_attempt(
            owner,
            ["rejected", "pending", "accepted"][number],
            days_ago=number,
            challenge_id=cards[number].pk,
        )
    few = _count(owner_client, reverse(name))
    for number in range(3, 40):
        make_attempt(
            owner,
            ["rejected", "pending", "accepted", "avoided"][number % 4],
            days_ago=number,
            challenge_id=cards[number % len(cards)].pk,
            anxiety_before=5,
        )
    many = _count(owner_client, reverse(name))
    assert few == many, f"{name}: {few} queries with 3 asks, {many} with 40"
