import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from rejection.journal.services import delete_attempt, log_attempt, update_attempt
from rejection.progress.queries import stats_for, today_for
from rejection.progress.services import reroll_today, start_program, take_rest_day


@pytest.mark.django_db
def test_loop(owner, small_deck):
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        start_program(owner, "classic-30", dt.date(2026, 3, 10))
        today = today_for(owner)
        assert today.day_number == 1
        result = log_attempt(
            owner, {"challenge_id": today.challenge.pk, "outcome": "rejected"}, "k1"
        )
        again = log_attempt(
            owner, {"challenge_id": today.challenge.pk, "outcome": "rejected"}, "k1"
        )
        assert result.created and not again.created
        assert again.snapshot["id"] == result.attempt.pk
        owner.refresh_from_db()
        assert owner.profile.points == 10
        assert today_for(owner).current_streak == 1
        reroll_today(owner, dt.date(2026, 3, 10))
        with pytest.raises(ValidationError) as error:
            log_attempt(owner, {"outcome": "maybe", "anxiety_before": 11})
        assert set(error.value.message_dict) == {"outcome", "anxiety_before", "ask"}
        pending = log_attempt(owner, {"ask": "Email a hero", "outcome": "pending"}).attempt
        update_attempt(owner, pending, {"outcome": "accepted"})
        stats = stats_for(owner)
        assert stats["points"] == 11
        assert stats["yes_rate"] == 0.5
        delete_attempt(owner, pending)
        assert stats_for(owner)["points"] == 10
    with time_machine.travel(dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC), tick=False):
        take_rest_day(owner, dt.date(2026, 3, 11))
        assert today_for(owner).current_streak == 1
        assert today_for(owner).day_number == 2
