"""Cached read models never go stale: every write, and every new local day, is a new key."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from rejection.journal.models import Attempt
from rejection.progress.services import take_rest_day
from tests.conftest import bearer
from tests.writes import delete_ask, edit_ask, log_ask

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC)


def totals(client: Client) -> dict:
    return client.get("/api/v1/insights").json()["overall"]


def test_each_write_shows_at_once_on_progress_and_insights(owner, small_deck) -> None:
    page, api = Client(), Client(headers=bearer(owner))
    page.force_login(owner)
    with time_machine.travel(NOON, tick=False):
        first = log_ask(
            owner, {"ask": "Ask for a discount", "outcome": "rejected", "predicted_rejection": 90}
        )
        assert "1 ask logged" in page.get("/progress/").content.decode()
        before = totals(api)
        log_ask(owner, {"ask": "Ask for a hug", "outcome": "accepted", "predicted_rejection": 90})
        assert "2 asks logged" in page.get("/progress/").content.decode()
        assert totals(api) != before
        attempt = Attempt.objects.get(pk=first.attempt.pk)
        edit_ask(owner, attempt, {"outcome": "accepted"})
        assert "Every no in here is a win" not in page.get("/progress/").content.decode()
        delete_ask(owner, attempt)
        assert "1 ask logged" in page.get("/progress/").content.decode()


def test_a_new_day_and_a_rest_day_are_seen(owner, small_deck) -> None:
    api = Client(headers=bearer(owner))
    with time_machine.travel(NOON, tick=False):
        log_ask(owner, {"ask": "Ask for a discount", "outcome": "rejected"})
        heatmap = api.get("/api/v1/insights?weeks=1").json()["heatmap"]
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        take_rest_day(owner, dt.date(2026, 6, 11))
        later = api.get("/api/v1/insights?weeks=1").json()["heatmap"]
    assert later != heatmap
    assert any(day["rest_day"] for day in later)


def test_stats_follow_each_write_and_each_day(owner, small_deck) -> None:
    api = Client(headers=bearer(owner))

    def stats() -> dict:
        return api.get("/api/v1/stats").json()

    with time_machine.travel(NOON, tick=False):
        first = log_ask(owner, {"ask": "Ask for a discount", "outcome": "rejected"})
        assert stats()["totals_by_outcome"]["rejected"] == 1
        log_ask(owner, {"ask": "Ask for a hug", "outcome": "accepted"})
        assert stats()["totals_by_outcome"]["accepted"] == 1
        delete_ask(owner, Attempt.objects.get(pk=first.attempt.pk))
        assert stats()["totals_by_outcome"]["rejected"] == 0
        log_ask(owner, {"ask": "Ask for a window seat", "outcome": "rejected"})
        assert stats()["current_streak"] == 1
    with time_machine.travel(NOON + dt.timedelta(days=3), tick=False):
        assert stats()["current_streak"] == 0  # three quiet days later: a new day, a new key


def test_the_progress_page_follows_the_zone_the_bell_and_the_theme(owner, small_deck) -> None:
    from rejection.community.models import Notification
    from tests.writes import update_profile

    page = Client()
    page.force_login(owner)
    with time_machine.travel(NOON, tick=False):
        page.get("/progress/")
        assert 'data-profile-zone="Europe/London"' in page.get("/progress/").content.decode()
        update_profile(owner, timezone="Asia/Tokyo")  # no data version moves
        assert 'data-profile-zone="Asia/Tokyo"' in page.get("/progress/").content.decode()
        Notification.objects.create(recipient=owner, kind="cheer", text="Someone cheered")
        assert "Notifications, 1 unread" in page.get("/progress/").content.decode()
        page.cookies["theme"] = "dark"
        assert 'data-theme="dark"' in page.get("/progress/").content.decode()


def test_a_new_time_zone_is_a_new_key_for_stats_insights_and_me(owner, small_deck) -> None:
    """A zone change moves no data version: the zone itself is in the key, even on the same
    local date (London and Paris share June 10 at noon UTC)."""
    from rejection.accounts.days import cached_until_change
    from tests.writes import update_profile

    builds: list[str] = []

    def build() -> str:
        builds.append(owner.profile.timezone)
        return owner.profile.timezone

    api = Client(headers=bearer(owner))
    with time_machine.travel(NOON, tick=False):
        assert cached_until_change(owner, "zone-probe", build) == "Europe/London"
        assert cached_until_change(owner, "zone-probe", build) == "Europe/London"
        assert api.get("/api/v1/me").json()["timezone"] == "Europe/London"
        update_profile(owner, timezone="Europe/Paris")
        assert cached_until_change(owner, "zone-probe", build) == "Europe/Paris"
        assert api.get("/api/v1/me").json()["timezone"] == "Europe/Paris"
    assert builds == ["Europe/London", "Europe/Paris"]


def test_me_follows_a_rest_day_and_a_new_day(owner, small_deck) -> None:
    api = Client(headers=bearer(owner))
    with time_machine.travel(NOON, tick=False):
        left = api.get("/api/v1/me").json()["freezes_left"]
        take_rest_day(owner, dt.date(2026, 6, 10))
        assert api.get("/api/v1/me").json()["freezes_left"] == left - 1
    with time_machine.travel(NOON + dt.timedelta(days=31), tick=False):
        assert api.get("/api/v1/me").json()["freezes_left"] == left  # out of the 30-day window
