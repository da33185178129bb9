"""Reminders at the right instant in every zone: DST gaps and overlaps, midnights, travel.

The classic failures of habit apps, each with a test: an hour off after a change of
clocks, sent twice (or every few seconds) on the night clocks go back, skipped on the
night they go forward, stuck in the home zone while travelling.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from rejection.reminders.contracts import ReminderChanges
from rejection.reminders.models import ALL_DAYS, ReminderSettings
from rejection.reminders.scheduling import instant, next_instant
from rejection.reminders.sending import run
from rejection.reminders.services import change_reminders, follow_zone
from tests.conftest import make_user
from tests.writes import update_profile

UTC = dt.UTC
NEW_YORK, AUCKLAND, KATHMANDU = (
    ZoneInfo("America/New_York"),
    ZoneInfo("Pacific/Auckland"),
    ZoneInfo("Asia/Kathmandu"),
)


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def test_a_time_that_exists_once_is_that_instant() -> None:
    assert instant(dt.date(2026, 3, 7), dt.time(2, 30), NEW_YORK) == utc(2026, 3, 7, 7, 30)
    assert instant(dt.date(2026, 3, 9), dt.time(9), KATHMANDU) == utc(2026, 3, 9, 3, 15)


def test_a_time_the_clocks_jump_over_is_sent_when_they_jump() -> None:
    """02:30 on the night New York goes from 02:00 EST to 03:00 EDT: sent at 03:00 EDT."""
    assert instant(dt.date(2026, 3, 8), dt.time(2, 30), NEW_YORK) == utc(2026, 3, 8, 7, 0)
    # Auckland jumps from 02:00 NZST to 03:00 NZDT on 27 September 2026.
    assert instant(dt.date(2026, 9, 27), dt.time(2, 30), AUCKLAND) == utc(2026, 9, 26, 14, 0)
    assert instant(dt.date(2026, 9, 27), dt.time(2, 0), AUCKLAND) == utc(2026, 9, 26, 14, 0)


def test_a_time_that_happens_twice_is_the_first() -> None:
    first = instant(dt.date(2026, 11, 1), dt.time(1, 30), NEW_YORK)
    assert first == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, not 01:30 EST an hour later
    # Just after the first one, the next is tomorrow's, never the repeat of the hour.
    following = next_instant(first, dt.time(1, 30), ALL_DAYS, NEW_YORK)
    assert following == utc(2026, 11, 2, 6, 30)


def test_no_days_means_no_reminder_and_days_are_local_days() -> None:
    assert next_instant(utc(2026, 3, 1), dt.time(9), 0, NEW_YORK) is None
    monday = 1 << 0
    # Sunday 20:00 UTC is already Monday 01:45 in Kathmandu: Monday's 00:30 has passed.
    found = next_instant(utc(2026, 3, 1, 20), dt.time(0, 30), monday, KATHMANDU)
    assert found == utc(2026, 3, 8, 18, 45)


def _turn_on(user: Any, time: str, days: list[str] | None = None) -> None:
    days = days or ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    change = {"enabled": True, "time": time, "days": days, "push": False, "email": False}
    change_reminders(user, ReminderChanges(**change, streak_nudge=False))


WALKS = [
    # (zone, local time, days, walk from, walk to, the UTC instants sent)
    pytest.param(
        "America/New_York",
        "02:30",
        None,
        utc(2026, 3, 7),
        utc(2026, 3, 10, 12),
        [
            utc(2026, 3, 7, 7, 30),
            utc(2026, 3, 8, 7),
            utc(2026, 3, 9, 6, 30),
            utc(2026, 3, 10, 6, 30),
        ],
        id="new-york-spring-forward",
    ),
    pytest.param(
        "America/New_York",
        "01:30",
        None,
        utc(2026, 10, 31),
        utc(2026, 11, 2, 12),
        [utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)],
        id="new-york-fall-back",
    ),
    pytest.param(
        "Pacific/Auckland",
        "02:30",
        None,
        utc(2026, 9, 25),
        utc(2026, 9, 28),
        [utc(2026, 9, 25, 14, 30), utc(2026, 9, 26, 14), utc(2026, 9, 27, 13, 30)],
        id="auckland-spring-forward",
    ),
    pytest.param(
        "Pacific/Auckland",
        "02:30",
        None,
        utc(2026, 4, 3, 12),
        utc(2026, 4, 6),
        [utc(2026, 4, 3, 13, 30), utc(2026, 4, 4, 13, 30), utc(2026, 4, 5, 14, 30)],
        id="auckland-fall-back",
    ),
    pytest.param(
        "Asia/Kathmandu",
        "00:00",
        ["mon"],
        utc(2026, 3, 1),
        utc(2026, 3, 10),
        [utc(2026, 3, 1, 18, 15), utc(2026, 3, 8, 18, 15)],
        id="kathmandu-midnight-mondays",
    ),
]


@pytest.mark.parametrize(("zone", "time", "days", "start", "end", "expected"), WALKS)
def test_walking_the_clock_sends_each_day_once_at_the_local_time(
    small_deck: Any,
    zone: str,
    time: str,
    days: list[str] | None,
    start: dt.datetime,
    end: dt.datetime,
    expected: list[dt.datetime],
) -> None:
    """Run the minute's pass every 15 minutes across the change: one reminder a day, on time."""
    user = make_user("walker", zone)
    with time_machine.travel(start, tick=False) as traveller:
        _turn_on(user, time, days)
        sent = []
        now = start
        while now <= end:
            traveller.move_to(now)
            report = run(now)
            sent += [now for user_id, kind, _ in report.sent if user_id == user.pk]
            now += dt.timedelta(minutes=15)
    assert sent == expected
    local = [moment.astimezone(ZoneInfo(zone)) for moment in sent]
    assert len({moment.date() for moment in local}) == len(local)  # never twice a day


def test_a_traveller_is_reminded_in_the_new_zone_from_the_next_one(small_deck: Any) -> None:
    user = make_user("traveller", "America/New_York")
    with time_machine.travel(utc(2026, 6, 1, 12), tick=False):
        _turn_on(user, "09:00")
        assert ReminderSettings.objects.get(user=user).next_at == utc(2026, 6, 1, 13)
        update_profile(user, timezone="Europe/Paris")
        follow_zone(user)
        row = ReminderSettings.objects.get(user=user)
    assert row.zone == "Europe/Paris"
    # 14:00 in Paris already: 09:00 tomorrow in Paris, not 09:00 in New York an hour away.
    assert row.next_at == utc(2026, 6, 2, 7)


def test_changing_the_time_moves_the_next_reminder(small_deck: Any) -> None:
    user = make_user("changer", "Asia/Kathmandu")
    with time_machine.travel(utc(2026, 6, 1, 0), tick=False):
        _turn_on(user, "09:00")
        assert ReminderSettings.objects.get(user=user).next_at == utc(2026, 6, 1, 3, 15)
        _turn_on(user, "07:00", ["tue"])
        assert ReminderSettings.objects.get(user=user).next_at == utc(2026, 6, 2, 1, 15)
