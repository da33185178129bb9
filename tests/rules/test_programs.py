"""Programs, Day N in local days, today's pick, rerolls and rest days."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.core.errors import Conflict, NotFound
from rejection.practice.today import pick_today, reroll_today, today_for
from rejection.progress.models import DailyPick, Enrollment
from rejection.progress.services import take_rest_day
from tests.conftest import make_user
from tests.writes import log_ask, refused_fields, start

pytestmark = pytest.mark.django_db


def at(text: str) -> time_machine.travel:
    return time_machine.travel(dt.datetime.fromisoformat(text), tick=False)


def test_day_number_follows_the_users_own_midnight(small_deck) -> None:
    user = make_user("kiwi", "Pacific/Auckland")
    # 11:30 UTC on 10 March is already 00:30 on 11 March in Auckland.
    with at("2026-03-10T11:30:00+00:00"):
        assert today_for(user).date == dt.date(2026, 3, 11)
        start(user, "classic-30", today_for(user).date)
    with at("2026-03-11T10:59:00+00:00"):  # 23:59 the same local day
        assert today_for(user).day_number == 1
    with at("2026-03-11T11:01:00+00:00"):
        assert today_for(user).day_number == 2


def test_day_number_across_a_dst_change(small_deck) -> None:
    user = make_user("nyc", "America/New_York")
    with at("2026-10-31T12:00:00+00:00"):
        start(user, "100-days", dt.date(2026, 10, 31))
    # Clocks went back at 02:00 on 1 November; 23:30 local on 1 November is 04:30 UTC on the 2nd.
    with at("2026-11-02T04:30:00+00:00"):
        assert today_for(user).day_number == 2
    with at("2026-11-02T05:30:00+00:00"):
        assert today_for(user).day_number == 3


def test_restart_ends_the_running_program_and_custom_needs_a_length(owner, small_deck) -> None:
    first = start(owner, "classic-30", dt.date(2026, 1, 1))
    second = start(owner, "100-days", dt.date(2026, 1, 5))
    first.refresh_from_db()
    assert not first.active and second.active and second.length_days == 100
    assert refused_fields(start, owner, "custom", dt.date(2026, 1, 6)) == {"length_days"}
    assert refused_fields(start, owner, "custom", dt.date(2026, 1, 6), 400) == {"length_days"}
    custom = start(owner, "custom", dt.date(2026, 1, 6), length_days=14)
    assert custom.length_days == 14
    assert Enrollment.objects.filter(user=owner, active=True).count() == 1
    with pytest.raises(NotFound):
        start(owner, "nope", dt.date(2026, 1, 6))


def test_the_pick_is_stable_all_day_and_changes_tomorrow(owner, small_deck) -> None:
    day = dt.date(2026, 4, 1)
    first = pick_today(owner, day)
    assert all(pick_today(owner, day).challenge == first.challenge for _ in range(3))
    assert DailyPick.objects.filter(user=owner).count() == 1
    assert pick_today(owner, day + dt.timedelta(days=1)).challenge != first.challenge


def test_no_challenge_returns_within_thirty_days(owner, small_deck) -> None:
    start = dt.date(2026, 4, 1)
    seen = [
        pick_today(owner, start + dt.timedelta(days=offset)).challenge.pk for offset in range(20)
    ]
    assert len(set(seen)) == 20  # the 24-card deck has room for 20 fresh days


def test_an_attempted_challenge_is_not_picked_again_soon(owner, small_deck) -> None:
    with at("2026-04-01T12:00:00+00:00"):
        today = today_for(owner)
        log_ask(owner, {"challenge_id": today.challenge.pk, "outcome": "rejected"})
    for offset in range(1, 15):
        assert (
            pick_today(owner, dt.date(2026, 4, 1) + dt.timedelta(days=offset)).challenge
            != today.challenge
        )


def test_three_rerolls_a_day_each_a_new_card(owner, small_deck) -> None:
    day = dt.date(2026, 4, 1)
    cards = [pick_today(owner, day).challenge.pk]
    for _ in range(3):
        cards.append(reroll_today(owner, day).challenge_id)
    assert len(set(cards)) == 4
    with pytest.raises(Conflict) as error:
        reroll_today(owner, day)
    assert error.value.code == "no_rerolls_left"
    assert reroll_today(owner, day + dt.timedelta(days=1)).rerolls_used == 1


def test_two_rest_days_per_thirty_keep_the_streak(owner, small_deck) -> None:
    with at("2026-05-01T12:00:00+00:00"):
        log_ask(owner, {"ask": "Ask for a discount", "outcome": "rejected"})
    take_rest_day(owner, dt.date(2026, 5, 2))
    with pytest.raises(Conflict):
        take_rest_day(owner, dt.date(2026, 5, 2))
    take_rest_day(owner, dt.date(2026, 5, 3))
    with pytest.raises(Conflict) as error:
        take_rest_day(owner, dt.date(2026, 5, 4))
    assert error.value.code == "no_rest_days_left"
    with at("2026-05-04T12:00:00+00:00"):
        assert today_for(owner).current_streak == 1
        assert today_for(owner).rest_days_left == 0
    with at("2026-06-02T12:00:00+00:00"):
        assert today_for(owner).rest_days_left == 2


def test_starting_a_program_keeps_todays_card(owner, small_deck) -> None:
    day = dt.date(2026, 4, 1)
    before = pick_today(owner, day)
    start(owner, "classic-30", day)
    assert pick_today(owner, day).challenge == before.challenge
