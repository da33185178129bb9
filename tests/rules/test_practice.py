"""The daily practice end to end through the use cases: log, edit, resolve, reroll, rest."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.practice.today import reroll_today, today_for
from rejection.progress.queries import stats_for
from rejection.progress.services import take_rest_day
from tests.writes import delete_ask, edit_ask, log_ask, refused_fields, start

pytestmark = pytest.mark.django_db


# Services smoke ------------------------------------------------------------------


@pytest.mark.django_db
def test_loop(owner, small_deck):
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        start(owner, "classic-30", dt.date(2026, 3, 10))
        today = today_for(owner)
        assert today.day_number == 1
        result = log_ask(owner, {"challenge_id": today.challenge.pk, "outcome": "rejected"}, "k1")
        again = log_ask(owner, {"challenge_id": today.challenge.pk, "outcome": "rejected"}, "k1")
        assert result.created and not again.created
        assert again.body["id"] == result.attempt.pk
        owner.refresh_from_db()
        assert owner.profile.points == 10
        assert today_for(owner).current_streak == 1
        reroll_today(owner, dt.date(2026, 3, 10))
        assert refused_fields(log_ask, owner, {"outcome": "maybe", "anxiety_before": 11}) == {
            "outcome",
            "anxiety_before",
        }
        assert refused_fields(log_ask, owner, {"outcome": "rejected"}) == {"ask"}
        pending = log_ask(owner, {"ask": "Email a hero", "outcome": "pending"}).attempt
        edit_ask(owner, pending, {"outcome": "accepted"})
        stats = stats_for(owner)
        assert stats["points"] == 11
        assert stats["yes_rate"] == 0.5
        delete_ask(owner, pending)
        assert stats_for(owner)["points"] == 10
    with time_machine.travel(dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC), tick=False):
        take_rest_day(owner, dt.date(2026, 3, 11))
        assert today_for(owner).current_streak == 1
        assert today_for(owner).day_number == 2
