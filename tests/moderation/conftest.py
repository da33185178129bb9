"""The cast for reports, moderation and notifications: an asker with shared asks, a friend,
a stranger, a blocked person, staff, and community rows made directly."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from rejection.community.models import Block, Comment, Friendship
from rejection.journal.models import Attempt, Visibility
from tests.conftest import make_user
from tests.writes import log_ask

API = "/api/v1"


@pytest.fixture(autouse=True)
def _clean_cache(db: Any) -> None:
    # Rate-limit windows live in the cache; each test starts with none used.
    from django.core.cache import cache

    cache.clear()


def befriend(a: Any, b: Any) -> None:
    Friendship.objects.create(user=a, friend=b)
    Friendship.objects.create(user=b, friend=a)


def shared_ask(user: Any, words: str = "Ask for a bigger coffee", **fields: Any) -> Attempt:
    moment = timezone.now() - dt.timedelta(hours=1)
    attempt = log_ask(user, {"ask": words, "outcome": "rejected", "occurred_at": moment}).attempt
    Attempt.objects.filter(pk=attempt.pk).update(
        visibility=fields.pop("visibility", Visibility.FRIENDS), **fields
    )
    attempt.refresh_from_db()
    return attempt


def comment_on(attempt: Any, author: Any, body: str = "Well done you!", **extra: Any) -> Comment:
    return Comment.objects.create(attempt=attempt, author=author, body=body, **extra)


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    """asker shares an ask with friends; friend, second, third are friends of asker (they can
    see and report it); stranger and blocked cannot."""
    people = {
        name: make_user(name)
        for name in ("asker", "friend", "second", "third", "fourth", "stranger", "blocked")
    }
    people["staff"] = make_user("moderator", is_staff=True, is_superuser=True)
    for name in ("friend", "second", "third", "fourth", "blocked"):
        befriend(people["asker"], people[name])
    Block.objects.create(blocker=people["asker"], blocked=people["blocked"])
    people["ask"] = shared_ask(people["asker"])
    people["private"] = shared_ask(people["asker"], "A private ask", visibility=Visibility.PRIVATE)
    people["comment"] = comment_on(people["ask"], people["friend"], "You are so brave")
    return people


def bearer(user: Any) -> dict[str, str]:
    from rejection.accounts.services import create_token

    _, raw = create_token(user, "tests")
    return {"Authorization": f"Bearer {raw}"}


def post_json(client: Any, path: str, body: Any, user: Any = None) -> Any:
    headers = bearer(user) if user is not None else {}
    return client.post(
        API + path, json.dumps(body), content_type="application/json", headers=headers
    )


def get_json(client: Any, path: str, user: Any = None, **params: Any) -> Any:
    headers = bearer(user) if user is not None else {}
    return client.get(API + path, params, headers=headers)
