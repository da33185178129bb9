"""Real-browser tests: Playwright driving Debian's Chromium against the live server."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# A real server the offline test can stop, and the seeded files it starts from.
from tests.durability.conftest import _seeded_sqlite, serve  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _test_database_left_closed(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """End every other session on a PostgreSQL test database before pytest-django drops it.

    After the browser tests one connection stays open on it, held by a DatabaseWrapper that
    is not the one `connections["default"]` gives at teardown (Django keeps connections per
    context; Playwright's greenlets are the likely reason there are two, not proven), so
    the drop failed with "is being accessed by other users" and the database stayed."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


# Contexts opened by the running test, closed when it ends (see close_contexts).
_contexts: list[Any] = []


def open_page(
    browser: Any, viewport: dict[str, int], tz: str = "Europe/London", service_worker: bool = True
) -> Any:
    """A new page; `service_worker=False` for a test that answers requests itself with
    `page.route`: once our worker controls the page, the requests it lets through are not
    the page's to route, so such a test would pass or fail with the worker's timing."""
    context = browser.new_context(
        viewport=viewport,
        timezone_id=tz,
        locale="en-GB",
        service_workers="allow" if service_worker else "block",
    )
    context.set_default_timeout(10_000)
    _contexts.append(context)
    return context.new_page()


@pytest.fixture(autouse=True)
def close_contexts() -> Iterator[None]:
    """Close each test's pages while the live server still runs.

    A page left open keeps its keep-alive connections, and the server thread serving one
    then ends only when the browser quits, after the live server has stopped sharing its
    in-memory database: Django then raises "DatabaseWrapper objects created in a thread".
    """
    yield
    while _contexts:
        with contextlib.suppress(Exception):  # the test may have closed it already
            _contexts.pop().close()


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    """Sign in through the real form and wait for Today."""
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/today/$"))


SETTLED = """() => Promise.all(document.getAnimations()
  .filter((a) => a.effect.getComputedTiming().endTime !== Infinity)
  .map((a) => a.finished.catch(() => null)))"""


def settle(page: Any) -> None:
    """Wait until every animation on the page that ends has ended (a title fading in, the
    confetti falling); one that loops is not waited for."""
    page.evaluate(SETTLED)


def shot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def deck(transactional_db: Any) -> Any:
    # Live-server tests flush the database between tests, data migrations included.
    from rejection.challenges.deck import load_deck
    from rejection.progress.catalog import ensure_programs
    from rejection.progress.models import Program

    ensure_programs(Program)
    return load_deck()
