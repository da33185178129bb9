"""The media app's cast: an owner with an ask, a friend, a stranger; media stored in a
temporary folder; a token for each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import make_user
from tests.media.app.media_files import filesystem_storages, photo_with_gps


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    root = tmp_path / "media-store"
    settings.STORAGES = filesystem_storages(root)
    return root


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    from rejection.accounts.services import create_token
    from rejection.community.models import Friendship
    from tests.writes import log_ask

    cache.clear()  # the API's rate-limit counters
    owner = make_user("owner", "Europe/London")
    friend = make_user("friend", "America/New_York")
    stranger = make_user("stranger", "Asia/Tokyo")
    Friendship.objects.create(user=owner, friend=friend)
    Friendship.objects.create(user=friend, friend=owner)
    attempt = log_ask(
        owner,
        {
            "ask": "Ask to make my own coffee",
            "outcome": "rejected",
            "occurred_at": timezone.now() - dt.timedelta(hours=1),
        },
    ).attempt
    attempt.visibility = "friends"
    attempt.save(update_fields=["visibility"])
    tokens = {}
    for user in (owner, friend, stranger):
        tokens[user.username] = {"Authorization": f"Bearer {create_token(user, 't')[1]}"}
    return {
        "owner": owner,
        "friend": friend,
        "stranger": stranger,
        "attempt": attempt,
        "tokens": tokens,
    }


@pytest.fixture(scope="session")
def photo() -> bytes:
    return photo_with_gps()
