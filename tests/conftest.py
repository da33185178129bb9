"""The cast every view and endpoint is tested with, and a small deck."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Argon2 is the real hasher (tests/test_settings.py checks it); MD5 keeps tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_deck(db: Any) -> Any:
    """Load a 24-challenge deck (tests/fixtures/deck.json) across four categories."""
    from rejection.challenges.deck import load_deck

    return load_deck(FIXTURES / "deck.json")


def make_user(username: str, tz: str = "UTC", **extra: Any) -> Any:
    from django.contrib.auth import get_user_model

    from rejection.accounts.services import profile_for

    user = get_user_model().objects.create_user(
        username=username,
        password="correct horse battery",
        email=f"{username}@example.com",
        **extra,
    )
    profile = profile_for(user)
    profile.timezone = tz
    profile.save()
    return user


@pytest.fixture
def owner(db: Any) -> Any:
    return make_user("owner", "Europe/London")


@pytest.fixture
def friend(db: Any) -> Any:
    return make_user("friend", "America/New_York")


@pytest.fixture
def stranger(db: Any) -> Any:
    return make_user("stranger", "Asia/Tokyo")


@pytest.fixture
def staff(db: Any) -> Any:
    return make_user("staff", "UTC", is_staff=True, is_superuser=True)


@pytest.fixture
def owner_client(client: Any, owner: Any) -> Any:
    client.force_login(owner)
    return client


def bearer(user: Any) -> dict[str, str]:
    """Return request headers carrying a fresh API token for user."""
    from rejection.accounts.services import create_token

    _, raw = create_token(user, "tests")
    return {"Authorization": f"Bearer {raw}"}


def read_json(response: Any) -> Any:
    return json.loads(response.content)
