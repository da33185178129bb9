"""Helpers for the page tests: attempts made through the real service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.writes import edit_ask, log_ask


def make_attempt(
    user: Any, outcome: str = "rejected", days_ago: int = 0, honest: bool = True, **data: Any
) -> Any:
    """Log an ask. With a chance of a no and `honest`, it is given before the answer ("I'm
    about to ask", then the outcome), as calibration counts only such predictions."""
    values = {"ask": "Ask for a discount", "outcome": outcome, **data}
    values.setdefault("occurred_at", timezone.now() - dt.timedelta(days=days_ago, hours=1))
    if honest and data.get("predicted_rejection") is not None and outcome != "in_progress":
        started = log_ask(user, {**values, "outcome": "in_progress"}).attempt
        return edit_ask(user, started, {"outcome": outcome}).attempt
    return log_ask(user, values).attempt


@pytest.fixture(autouse=True)
def _midday() -> Any:
    """Run every page test at noon UTC, far from any user's midnight."""
    import time_machine

    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=True) as traveller:
        yield traveller


@pytest.fixture
def attempt(owner: Any, small_deck: Any) -> Any:
    from rejection.challenges.models import Challenge

    challenge = Challenge.objects.deck().first()
    return make_attempt(owner, "rejected", challenge_id=challenge.pk, what_happened="She smiled.")


@pytest.fixture
def login(client: Any) -> Any:
    def _login(user: Any) -> Any:
        client.force_login(user)
        return client

    return _login
