"""The cast every view and endpoint is tested with, and a small deck."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _flushes_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


def _suite_database() -> str:
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A test that serves from its own database tests that database whatever the suite's is;
    # CI runs the suite once per database, so each such test runs once, in its database's run.
    marker = item.get_closest_marker("own_server")
    if marker and marker.args[0] != _suite_database():
        pytest.skip(f"starts its own {marker.args[0]} server: runs in the {marker.args[0]} suite")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    # A transactional test ends by flushing every table, the programs a data migration wrote
    # included. Run serially, pytest-django puts those tests last; spread over xdist workers
    # they are not, so the next test on that worker gets the programs back.
    yield
    # With no next test the session's fixtures are gone too, the test database included.
    if nextitem is not None and _flushes_the_database(item):
        from django.apps import apps
        from pytest_django.plugin import blocking_manager_key

        from rejection.progress.catalog import ensure_programs

        with item.config.stash[blocking_manager_key].unblock():
            ensure_programs(apps.get_model("progress", "Program"))


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Argon2 is the real hasher (tests/test_settings.py checks it); MD5 keeps tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    # The shared cache goes with each test's transaction; what a process kept must go too.
    from rejection.core.caching import forget_kept

    forget_kept()


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
