"""The weekly summary: local ISO weeks, figures, nerves, highlights and a kind sentence."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pydantic import ValidationError as ContractError

from rejection.core.contracts import check
from rejection.core.errors import NotFound
from rejection.progress.contracts import IsoWeek
from rejection.progress.summary import encouragement, parse_week, summary_as_dict, summary_for
from tests.conftest import make_user
from tests.writes import edit_ask, log_ask

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 11)  # a Wednesday in 2026-W11 (9 to 15 March)


def at(text: str) -> time_machine.travel:
    return time_machine.travel(dt.datetime.fromisoformat(text), tick=False)


def log(user, moment: str, outcome="rejected", **data):
    with at(moment):
        return log_ask(user, {"ask": "Ask for a discount", "outcome": outcome, **data}).attempt


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2026-W11", dt.date(2026, 3, 9)),
        ("2026-W01", dt.date(2025, 12, 29)),
        ("2020-W53", dt.date(2020, 12, 28)),
    ],
)
def test_parse_week(text, monday):
    assert parse_week(text, TODAY) == monday


@pytest.mark.parametrize(
    "text",
    ["", "2026-11", "2026-W1", "2026-w11", "2026-W00", "2026-W54", "1999-W10",
     "\uff12\uff10\uff12\uff16-W11", "2026-W11 ", "2026-W11\n", "2026-W11\x00"],
)  # fmt: skip
def test_weeks_of_the_wrong_shape_break_the_contract(text):
    with pytest.raises(ContractError):
        check(IsoWeek, text)


@pytest.mark.parametrize("text", ["2025-W53", "2026-W12", "9999-W01"])
def test_weeks_the_calendar_lacks_or_still_to_come_are_not_found(text):
    check(IsoWeek, text)  # the right shape
    with pytest.raises(NotFound) as error:
        parse_week(text, TODAY)
    assert error.value.field == "week"


def test_default_is_the_current_local_week():
    user = make_user("kiwi", "Pacific/Auckland")
    # Sunday 15 March, 12:30 UTC, is already Monday 16 March in Auckland: week 12.
    with at("2026-03-15T12:30:00+00:00"):
        summary = summary_for(user)
    assert summary.week == "2026-W12"
    assert (summary.start, summary.end) == (dt.date(2026, 3, 16), dt.date(2026, 3, 22))
    assert summary.is_current and summary.next_week is None
    assert summary.previous_week == "2026-W11"


def test_figures_count_the_weeks_local_days_only():
    user = make_user("tokyo", "Asia/Tokyo")
    log(user, "2026-03-08T14:30:00+00:00", "rejected")  # Sunday 23:30 in Tokyo: week 10
    log(user, "2026-03-08T15:30:00+00:00", "rejected")  # Monday 00:30 in Tokyo: week 11
    log(user, "2026-03-10T09:00:00+00:00", "no_response")
    log(user, "2026-03-10T10:00:00+00:00", "accepted")
    log(user, "2026-03-10T11:00:00+00:00", "partial")
    log(user, "2026-03-10T12:00:00+00:00", "avoided")
    log(user, "2026-03-10T13:00:00+00:00", "pending")
    log(user, "2026-03-15T14:59:00+00:00", "rejected")  # Sunday 23:59 in Tokyo: week 11
    with at("2026-03-20T12:00:00+00:00"):
        summary = summary_for(user, "2026-W11")
    assert (summary.asks, summary.nos, summary.yeses) == (7, 3, 2)
    assert (summary.avoided, summary.pending) == (1, 1)
    assert summary.points == 10 + 10 + 1 + 1 + 10
    assert not summary.is_current and summary.next_week == "2026-W12"


def test_anxiety_change_against_the_week_before():
    user = make_user("calmer")
    log(user, "2026-03-03T12:00:00+00:00", anxiety_before=8)
    log(user, "2026-03-04T12:00:00+00:00", anxiety_before=6)
    log(user, "2026-03-10T12:00:00+00:00", anxiety_before=5)
    log(user, "2026-03-11T12:00:00+00:00", anxiety_before=4)
    with at("2026-03-12T12:00:00+00:00"):
        summary = summary_for(user)
        before = summary_for(user, "2026-W10")
    assert summary.anxiety_before == 4.5 and summary.anxiety_before_previous == 7.0
    assert summary.anxiety_change == -2.5
    assert before.anxiety_before == 7.0 and before.anxiety_change is None


def test_anxiety_change_is_none_without_ratings_this_week():
    user = make_user("unrated")
    log(user, "2026-03-03T12:00:00+00:00", anxiety_before=8)
    log(user, "2026-03-10T12:00:00+00:00")
    with at("2026-03-12T12:00:00+00:00"):
        summary = summary_for(user)
    assert summary.anxiety_before is None and summary.anxiety_change is None


def test_highlights_are_the_weeks_starred_asks():
    user, other = make_user("star"), make_user("other")
    starred = log(user, "2026-03-10T12:00:00+00:00", what_happened="She laughed, then said yes")
    log(user, "2026-03-11T12:00:00+00:00")
    earlier = log(user, "2026-03-03T12:00:00+00:00")
    theirs = log(other, "2026-03-10T12:00:00+00:00")
    with at("2026-03-12T12:00:00+00:00"):
        for attempt, owner in ((starred, user), (earlier, user), (theirs, other)):
            edit_ask(owner, attempt, {"starred": True})
        summary = summary_for(user)
    assert summary.highlights == [starred]
    data = summary_as_dict(summary)
    assert data["highlights"] == [
        {"id": starred.pk, "title": "Ask for a discount", "outcome": "rejected",
         "local_date": dt.date(2026, 3, 10)}
    ]  # fmt: skip


def _figures(asks=0, nos=0, yeses=0, pending=0):
    return {"asks": asks, "nos": nos, "yeses": yeses, "pending": pending}


@pytest.mark.parametrize(
    ("figures", "change", "current", "expected"),
    [
        (_figures(), None, True, "A quiet week so far. Today's card is waiting whenever you are."),
        (_figures(), None, False, "A quiet week. Rest is part of it"),
        (_figures(3, 3), None, True, "Three nos this week. Each one was a small act of courage."),
        (_figures(12, 12), -1.0, True, "12 nos this week. Each one was a small act of courage. "
         "And your nerves before asking eased."),
        (_figures(2, 0, 2), -0.5, True, "Your nerves before asking eased this week."),
        (_figures(2, 0, 2), -0.4, True, "People said yes 2 times this week."),
        (_figures(1, 1), 1.0, True, "One no this week: you asked, and you heard it."),
        (_figures(2, 2), None, True, "Two nos this week"),
        (_figures(1, 0, 1), None, True, "Someone said yes this week."),
        (_figures(1, 0, 0, 1), None, True, "Your answers are on their way."),
        (_figures(1), None, True, "You came close this week."),
    ],
)  # fmt: skip
def test_encouragement_follows_the_data(figures, change, current, expected):
    line = encouragement(figures, change, current)
    assert line.startswith(expected)
    for unkind in ("only", "failed", "should", "lazy", "missed", "just"):
        assert unkind not in line.lower()


def _count(user) -> int:
    with at("2026-03-12T12:00:00+00:00"), CaptureQueriesContext(connection) as queries:
        summary_for(user)
    return len(queries)


def test_summary_costs_the_same_however_long_the_history():
    small, large = make_user("small"), make_user("large")
    log(small, "2026-03-10T12:00:00+00:00", anxiety_before=3)
    start = dt.datetime(2025, 12, 1, 12, tzinfo=dt.UTC)
    for offset in range(0, 100):
        moment = (start + dt.timedelta(days=offset)).isoformat()
        attempt = log(large, moment, ["rejected", "accepted"][offset % 2], anxiety_before=5)
        if offset % 3 == 0:
            edit_ask(large, attempt, {"starred": True})
    assert _count(small) == _count(large) <= 3
