"""The Progress charts' figures, from a known history: a DST change, a rest day, a free-text
ask, an ask just before the window; the rolling means; predicted against real by category;
a new user; and a fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rejection.challenges.models import Challenge
from rejection.progress.insights import OWN_WORDS, insights_for, window_start
from rejection.progress.services import take_rest_day
from tests.conftest import make_user
from tests.writes import log_ask, update_profile

pytestmark = pytest.mark.django_db

# Sunday 5 April 2026, noon in London; the clocks went forward on Sunday 29 March.
NOW = dt.datetime(2026, 4, 5, 11, tzinfo=dt.UTC)
TODAY = dt.date(2026, 4, 5)
D = dt.date


def _at(day: int, month: int = 3, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def history(small_deck):
    user = make_user("walker", "Europe/London")
    strangers = Challenge.objects.deck().filter(category__slug="strangers").first()
    food = Challenge.objects.deck().filter(category__slug="food-drink").first()
    asks = [
        # Three days before the window: only feeds the first rolling means.
        (_at(20), "rejected", food.pk, 10, 6, 100),
        (_at(23), "rejected", strangers.pk, 8, 4, 90),
        (_at(24), "rejected", strangers.pk, 6, 2, 80),
        (_at(24, hour=15), "accepted", strangers.pk, None, None, 60),
        (_at(26), "no_response", None, 7, None, 70),
        # 00:30 GMT on the 29th, then 00:30 BST on the 30th (23:30 UTC on the 29th).
        (_at(29, hour=0, minute=30), "rejected", None, 5, 3, None),
        (_at(29, hour=23, minute=30), "partial", None, 4, 2, None),
        (_at(1, month=4), "avoided", None, None, None, None),
    ]
    with time_machine.travel(NOW, tick=False):
        for moment, outcome, challenge, before, after, predicted in asks:
            data = {"outcome": outcome, "occurred_at": moment}
            data.update({"challenge_id": challenge} if challenge else {"ask": "Asked for a hug"})
            for name, value in (
                ("anxiety_before", before),
                ("anxiety_after", after),
                ("predicted_rejection", predicted),
            ):
                if value is not None:
                    data[name] = value
            log_ask(user, data)
        take_rest_day(user, D(2026, 3, 25))
    return user


def _insights(user, weeks=2):
    with time_machine.travel(NOW, tick=False):
        return insights_for(user, weeks=weeks)


def test_window_is_whole_iso_weeks_ending_today():
    assert window_start(TODAY, 2) == D(2026, 3, 23)
    assert window_start(D(2026, 3, 23), 1) == D(2026, 3, 23)
    assert window_start(TODAY, 26).weekday() == 0


def test_heatmap_counts_each_local_day_across_the_dst_change(history):
    insights = _insights(history)
    assert (insights.start, insights.end) == (D(2026, 3, 23), TODAY)
    assert [day.date for day in insights.heatmap] == [
        D(2026, 3, 23) + dt.timedelta(days=n) for n in range(14)
    ]
    asks = {day.date: day.asks for day in insights.heatmap if day.asks}
    assert asks == {
        D(2026, 3, 23): 1,
        D(2026, 3, 24): 2,
        D(2026, 3, 26): 1,
        D(2026, 3, 29): 1,
        D(2026, 3, 30): 1,  # 23:30 UTC on the 29th is already the 30th in London
        D(2026, 4, 1): 1,
    }
    assert [day.date for day in insights.heatmap if day.rest_day] == [D(2026, 3, 25)]
    assert insights.window_asks == 7


def test_daily_means_and_rolling_means(history):
    series = {point.date: point for point in _insights(history).series}
    assert list(series) == [D(2026, 3, d) for d in (23, 24, 26, 29, 30)]
    first = series[D(2026, 3, 23)]
    # The 20th lies before the window but inside the first point's 7 days.
    assert (first.before, first.after, first.rolling_before, first.rolling_after) == (
        8.0,
        4.0,
        9.0,
        5.0,
    )
    assert series[D(2026, 3, 24)].rolling_before == 8.0  # (10 + 8 + 6) / 3
    assert series[D(2026, 3, 26)].after is None
    assert series[D(2026, 3, 26)].rolling_before == 7.75  # (10 + 8 + 6 + 7) / 4
    assert series[D(2026, 3, 29)].rolling_before == 6.5  # the 20th has left the 7 days
    last = series[D(2026, 3, 30)]
    assert (last.rolling_before, last.rolling_after) == (5.5, 2.33)
    assert _insights(history).nerves_trend() == (9.0, 5.5)


def test_weekly_yes_rate(history):
    weekly = _insights(history).weekly
    assert [(w.week, w.start, w.asks, w.completed, w.yeses, w.yes_rate) for w in weekly] == [
        ("2026-W13", D(2026, 3, 23), 5, 5, 1, 0.2),
        ("2026-W14", D(2026, 3, 30), 2, 1, 1, 1.0),
    ]


def test_streak_runs_keep_rest_days_inside(history):
    runs = _insights(history).streak_runs
    assert [(r.start, r.end, r.length, r.rest_dates) for r in runs] == [
        (D(2026, 3, 23), D(2026, 3, 26), 3, (D(2026, 3, 25),)),
        (D(2026, 3, 29), D(2026, 3, 29), 1, ()),
    ]
    assert runs[0].rest_days == 1


def test_gentle_mode_counts_any_answered_ask(history):
    update_profile(history, streak_mode="gentle")
    runs = _insights(history).streak_runs
    assert [(r.start, r.end, r.length) for r in runs] == [
        (D(2026, 3, 23), D(2026, 3, 26), 3),
        (D(2026, 3, 29), D(2026, 3, 30), 2),
    ]


def test_predicted_against_actual_by_category(history):
    insights = _insights(history)
    rows = {row.slug: row for row in insights.by_category}
    assert [row.slug for row in insights.by_category] == ["", "strangers", "food-drink"]
    own = rows[""]
    assert (own.name, own.asks, own.completed, own.nos, own.avoided) == (OWN_WORDS, 4, 3, 2, 1)
    assert (own.predicted, own.actual) == (0.7, 0.6667)
    strangers = rows["strangers"]
    assert strangers.name == "Strangers"
    assert (strangers.predicted, strangers.actual) == (0.7667, 0.6667)  # 230/300, 2 of 3
    assert (rows["food-drink"].predicted, rows["food-drink"].actual) == (1.0, 1.0)
    # Overall is all time, the 20th included: 400 / 500 expected, 5 nos in 7 answers.
    assert (insights.overall_predicted, insights.overall_actual) == (0.8, 0.7143)


def test_new_user_has_empty_figures(db):
    user = make_user("newbie", "Pacific/Auckland")
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        insights = insights_for(user)
    assert insights.end == D(2026, 4, 6)  # already Monday in Auckland
    assert len(insights.weekly) == 26 and len(insights.heatmap) == 176
    assert all(day.asks == 0 and not day.rest_day for day in insights.heatmap)
    assert all(week.yes_rate is None and week.asks == 0 for week in insights.weekly)
    assert insights.series == [] and insights.streak_runs == [] and insights.by_category == []
    assert insights.nerves_trend() is None
    assert insights.overall_predicted is None and insights.overall_actual is None


@pytest.mark.parametrize("weeks", [0, -1, 105])
def test_weeks_out_of_range(db, weeks):
    with pytest.raises(ValueError):
        insights_for(make_user("someone"), weeks=weeks)


def test_query_count_is_fixed(history, django_assert_num_queries):
    def count(user):
        user = type(user).objects.get(pk=user.pk)  # a fresh instance: nothing cached
        with django_assert_num_queries(5):
            _insights(user, weeks=26)

    count(history)
    with time_machine.travel(NOW, tick=False):
        for n in range(40):
            log_ask(
                history,
                {"ask": "More", "outcome": "rejected", "occurred_at": _at(1) - dt.timedelta(n)},
            )
    count(history)
