"""The feed, Discover and a shared ask with its comments cost a fixed number of queries,
whatever the number of friends, asks, cheers and comments (tests/budget.py counts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rejection.community.models import Cheer, Comment
from rejection.journal.models import Attempt, Visibility
from tests.budget import QUERY_BUDGET, queries
from tests.community.world import befriend, mute, public_profile
from tests.conftest import bearer, make_user

pytestmark = pytest.mark.django_db


def _crowd(viewer: Any, prefix: str, friends: int, asks_each: int, talk: int) -> Attempt:
    """Give the viewer friends who share asks in public, each with cheers and comments (with
    replies); return the newest ask."""
    now = timezone.now()
    people = [make_user(f"{prefix}{n}") for n in range(friends)]
    newest = None
    for n, person in enumerate(people):
        befriend(viewer, person)
        public_profile(person)
        rows = [
            Attempt(
                user=person,
                ask=f"Ask {n}.{i}",
                outcome="rejected",
                occurred_at=now - dt.timedelta(minutes=n * asks_each + i + 1),
                local_date=now.date(),
                visibility=Visibility.PUBLIC,
                share_feared=True,
            )
            for i in range(asks_each)
        ]
        made = Attempt.objects.bulk_create(rows)
        newest = newest or made[0]
        cheers, notes = [], []
        for attempt in made:
            for other in people[:talk]:
                if other != person:
                    cheers += [
                        Cheer(attempt=attempt, user=other, kind=k) for k in ("brave", "keep_going")
                    ]
                    notes.append(Comment(attempt=attempt, author=other, body="Go on"))
        Cheer.objects.bulk_create(cheers)
        tops = Comment.objects.bulk_create(notes)
        Comment.objects.bulk_create(
            [Comment(attempt=top.attempt, author=person, body="Thanks", parent=top) for top in tops]
        )
    if len(people) > 2:
        mute(viewer, people[-1])
    return newest  # type: ignore[return-value]


def _costs(viewer: Any, ask: Attempt) -> dict[str, tuple[int, int]]:
    client = Client()
    client.force_login(viewer)
    api = Client(headers=bearer(viewer))
    urls = {
        "feed page": (client, reverse("feed")),
        "discover page": (client, reverse("discover")),
        "ask page": (client, reverse("shared_ask", args=[ask.pk])),
        "GET /feed": (api, "/api/v1/feed?limit=50"),
        "GET /discover": (api, "/api/v1/discover?limit=50"),
        "GET comments": (api, f"/api/v1/attempts/{ask.pk}/comments"),
    }
    costs = {}
    for name, (who, url) in urls.items():
        who.get(url)
        cache.clear()
        with queries() as q:
            response = who.get(url)
        assert response.status_code == 200, (name, response.status_code)
        costs[name] = (len(q), response.status_code)
    return costs


def test_the_community_lists_cost_the_same_for_a_crowd(small_deck: Any) -> None:
    few_viewer = make_user("few")
    few = _costs(few_viewer, _crowd(few_viewer, "a", friends=2, asks_each=1, talk=2))
    many_viewer = make_user("many")
    many = _costs(many_viewer, _crowd(many_viewer, "b", friends=12, asks_each=5, talk=8))
    print("community query costs (few, many):", {k: (few[k][0], many[k][0]) for k in few})
    assert few == many
    assert all(count <= QUERY_BUDGET for count, _ in many.values()), many
