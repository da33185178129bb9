"""Progress: programs and Day N in local days, rest days, milestones, the weekly summary and
the figures behind the charts."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pydantic import ValidationError as ContractError

from rejection.challenges.models import Challenge
from rejection.core.contracts import check
from rejection.core.errors import Conflict, NotFound
from rejection.journal.models import Attempt
from rejection.practice.today import pick_today, reroll_today, today_for
from rejection.progress.contracts import IsoWeek
from rejection.progress.insights import OWN_WORDS, insights_for, window_start
from rejection.progress.milestones import (
    MILESTONES,
    WRITE_FIGURES,
    Figures,
    award_after_delete,
    award_for_attempt,
    award_from_history,
    badges_for,
    busted,
    milestone_message,
    upcoming,
)
from rejection.progress.models import Badge, DailyPick, Enrollment
from rejection.progress.services import take_rest_day
from rejection.progress.summary import encouragement, parse_week, summary_as_dict, summary_for
from tests.conftest import make_user
from tests.writes import delete_ask, edit_ask, log_ask, refused_fields, start, update_profile

pytestmark = pytest.mark.django_db


# Programs ------------------------------------------------------------------------


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


# Milestones ----------------------------------------------------------------------


def log(user, outcome="rejected", **data):
    return log_ask(user, {"ask": "Ask for a discount", "outcome": outcome, **data})


def codes(result) -> list[str]:
    return [item["code"] for item in result.earned]


def held(user) -> dict[str, Badge]:
    return {badge.code: badge for badge in Badge.objects.filter(user=user)}


def test_first_no_is_awarded_once_on_the_users_local_day():
    user = make_user("tokyo", "Asia/Tokyo")
    # 23:30 UTC on 10 March is already 11 March in Tokyo.
    with at("2026-03-10T23:30:00+00:00"):
        first = log(user, "rejected")
    assert codes(first) == ["first_no"]
    assert first.earned[0]["title"] == "First no"
    badge = held(user)["first_no"]
    assert badge.awarded_on == dt.date(2026, 3, 11)
    assert badge.reason_attempt == first.attempt and badge.reason_id == first.attempt.pk
    with at("2026-03-12T10:00:00+00:00"):
        again = log(user, "no_response")
    assert "first_no" not in codes(again)
    assert Badge.objects.filter(user=user, code="first_no").count() == 1


def test_first_yes_counts_a_partial_yes():
    user = make_user("ana")
    with at("2026-03-10T12:00:00+00:00"):
        assert codes(log(user, "pending")) == []
        assert codes(log(user, "avoided")) == []
        assert codes(log(user, "partial")) == ["first_yes"]
        assert codes(log(user, "accepted")) == []


def test_ten_nos_on_the_tenth_no():
    user = make_user("ten")
    earned = []
    with at("2026-03-10T12:00:00+00:00"):
        for number in range(10):
            earned.append(codes(log(user, "rejected" if number % 2 else "no_response")))
    assert earned[0] == ["first_no"]
    assert all(codes_ == [] for codes_ in earned[1:9])
    assert earned[9] == ["nos_10"]
    assert held(user)["nos_10"].awarded_on == dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("code", "below", "at_least"),
    [
        ("nos_50", Figures(49, 0, 0, 0, False), Figures(50, 0, 0, 0, False)),
        ("nos_100", Figures(99, 0, 0, 0, False), Figures(100, 0, 0, 0, False)),
        ("nos_500", Figures(499, 0, 0, 0, False), Figures(500, 0, 0, 0, False)),
        ("streak_14", Figures(0, 0, 13, 0, False), Figures(0, 0, 14, 0, False)),
        ("streak_30", Figures(0, 0, 29, 0, False), Figures(0, 0, 30, 0, False)),
        ("streak_50", Figures(0, 0, 49, 0, False), Figures(0, 0, 50, 0, False)),
        ("streak_100", Figures(0, 0, 99, 0, False), Figures(0, 0, 100, 0, False)),
        ("big_ask", Figures(0, 0, 0, 6, False), Figures(0, 0, 0, 7, False)),
    ],
)
def test_thresholds(code, below, at_least):
    milestone = next(m for m in MILESTONES if m.code == code)
    assert not milestone.earned(below)
    assert milestone.earned(at_least)


def test_every_milestone_has_warm_copy():
    assert len({m.code for m in MILESTONES}) == len(MILESTONES) == 14
    for milestone in MILESTONES:
        assert milestone.title and milestone.description.endswith(".")
        assert len(milestone.description) <= 80
    line = milestone_message(MILESTONES[0].as_dict())
    assert line == "New milestone: First no. You asked, and heard no. That's the whole point."


def _no_on(user, day: str, **data):
    with at(f"{day}T12:00:00+00:00"):
        return log(user, "rejected", **data)


def test_streaks_of_three_and_seven_days():
    user = make_user("daily")
    earned = {}
    for offset in range(7):
        day = dt.date(2026, 3, 1) + dt.timedelta(days=offset)
        earned[day] = codes(_no_on(user, day.isoformat()))
    assert earned[dt.date(2026, 3, 3)] == ["streak_3"]
    assert earned[dt.date(2026, 3, 7)] == ["streak_7"]
    badges = held(user)
    assert badges["streak_3"].awarded_on == dt.date(2026, 3, 3)
    assert badges["streak_7"].awarded_on == dt.date(2026, 3, 7)


def test_a_rest_day_keeps_the_run_but_does_not_count():
    user = make_user("rester")
    _no_on(user, "2026-03-01")
    _no_on(user, "2026-03-02")
    with at("2026-03-03T12:00:00+00:00"):
        take_rest_day(user, dt.date(2026, 3, 3))
    assert "streak_3" not in held(user)
    fourth = _no_on(user, "2026-03-04")
    assert codes(fourth) == ["streak_3"]
    assert held(user)["streak_3"].awarded_on == dt.date(2026, 3, 4)


@pytest.fixture
def cards(small_deck):
    deck = Challenge.objects.deck()
    return {"easy": deck.filter(difficulty=6).first(), "hard": deck.filter(difficulty=7).first()}


def test_big_ask_needs_difficulty_seven_and_an_actual_ask(cards):
    user = make_user("brave")
    with at("2026-03-10T12:00:00+00:00"):
        assert "big_ask" not in codes(log(user, "accepted", challenge_id=cards["easy"].pk))
        avoided = log(user, "avoided", challenge_id=cards["hard"].pk)
        assert "big_ask" not in codes(avoided)
        pending = log(user, "pending", challenge_id=cards["hard"].pk)
        assert codes(pending) == ["big_ask"]
    assert held(user)["big_ask"].reason_attempt == pending.attempt


def test_an_avoided_hard_ask_edited_to_asked_earns_it(cards):
    user = make_user("later")
    with at("2026-03-10T12:00:00+00:00"):
        attempt = log(user, "avoided", challenge_id=cards["hard"].pk).attempt
        edited = edit_ask(user, attempt, {"outcome": "accepted"})
    assert [item["code"] for item in edited.earned] == ["first_yes", "big_ask"]


def _honest(user, outcome, predicted):
    """An ask whose chance of a no was given before the answer ("I'm about to ask"), then
    finished: only such predictions count toward calibration and the prediction buster."""
    if predicted is None:
        return log(user, outcome)
    started = log(user, "in_progress", predicted_rejection=predicted)
    return edit_ask(user, started.attempt, {"outcome": outcome})


def _month(user, day: str, outcomes, predicted=80):
    with at(f"{day}T12:00:00+00:00"):
        return [codes(_honest(user, outcome, predicted)) for outcome in outcomes]


def test_prediction_buster_when_no_came_under_half_as_often_as_expected():
    user = make_user("buster")
    # Expected a no 80% of the time; got one 1 time in 5 (20% < 40%).
    earned = _month(user, "2026-03-05", ["rejected", "accepted", "accepted", "partial"])
    assert all("prediction_buster" not in day for day in earned)  # only four so far
    fifth = _month(user, "2026-03-20", ["accepted"])
    assert fifth == [["prediction_buster"]]
    assert held(user)["prediction_buster"].awarded_on == dt.date(2026, 3, 20)


def test_prediction_buster_not_at_exactly_half_nor_across_months():
    user = make_user("honest")
    # 2 nos in 5 = 40%, not under half of 80%.
    _month(user, "2026-03-05", ["rejected", "rejected", "accepted", "accepted", "accepted"])
    assert "prediction_buster" not in held(user)
    # Three yeses in February and two in March never make one month of five.
    other = make_user("split")
    _month(other, "2026-02-27", ["accepted", "accepted", "accepted"])
    _month(other, "2026-03-02", ["accepted", "accepted"])
    assert "prediction_buster" not in held(other)


def test_prediction_buster_ignores_asks_without_a_prediction():
    user = make_user("vague")
    _month(user, "2026-03-05", ["accepted"] * 4)
    _month(user, "2026-03-06", ["accepted"] * 3, predicted=None)
    assert "prediction_buster" not in held(user)


def test_busted_rule():
    month = {"nos": 1, "completed": 5, "predicted_sum": 400, "predicted_count": 5}
    assert busted(month)
    assert not busted({**month, "predicted_count": 4, "predicted_sum": 320})
    assert not busted({**month, "nos": 2})
    assert not busted(
        {"nos": None, "completed": None, "predicted_sum": None, "predicted_count": None}
    )


def test_an_edit_never_takes_a_badge_back():
    user = make_user("editor")
    with at("2026-03-10T12:00:00+00:00"):
        attempt = log(user, "rejected").attempt
    with at("2026-03-11T12:00:00+00:00"):
        edited = edit_ask(user, attempt, {"outcome": "accepted"})
    assert [item["code"] for item in edited.earned] == ["first_yes"]
    badges = held(user)
    assert badges["first_no"].awarded_on == dt.date(2026, 3, 10)
    assert badges["first_yes"].awarded_on == dt.date(2026, 3, 11)


def test_deleting_the_reason_takes_the_badge_back():
    user = make_user("undo")
    with at("2026-03-10T12:00:00+00:00"):
        attempt = log(user, "rejected").attempt
        log(user, "accepted")
        delete_ask(user, attempt)
    assert set(held(user)) == {"first_yes"}


def test_deleting_the_reason_re_awards_from_what_remains_with_todays_date():
    user = make_user("keeper")
    with at("2026-03-10T12:00:00+00:00"):
        first = log(user, "rejected").attempt
    with at("2026-03-11T12:00:00+00:00"):
        second = log(user, "rejected").attempt
    with at("2026-03-14T12:00:00+00:00"):
        delete_ask(user, first)
    badge = held(user)["first_no"]
    assert badge.awarded_on == dt.date(2026, 3, 14)
    assert badge.reason_id == second.pk  # the latest remaining no now explains it
    with at("2026-03-15T12:00:00+00:00"):
        delete_ask(user, second)
    assert "first_no" not in held(user)


def test_deleting_another_ask_keeps_the_badge():
    user = make_user("other")
    with at("2026-03-10T12:00:00+00:00"):
        reason = log(user, "rejected").attempt
        other = log(user, "rejected").attempt
    with at("2026-03-12T12:00:00+00:00"):
        delete_ask(user, other)
    badge = held(user)["first_no"]
    assert badge.awarded_on == dt.date(2026, 3, 10)
    assert badge.reason_attempt == reason


def test_history_re_evaluation_is_idempotent():
    user = make_user("old")
    with at("2026-03-10T12:00:00+00:00"):
        log(user, "rejected")
    Badge.objects.all().delete()  # as if logged before badges existed
    with at("2026-03-12T12:00:00+00:00"):
        out = StringIO()
        call_command("award_milestones", stdout=out)
        assert "Awarded 1 new milestone(s)." in out.getvalue()
        call_command("award_milestones", "old", stdout=out)
        assert "Awarded 0 new milestone(s)." in out.getvalue()
        assert award_from_history(user) == []
    assert list(held(user)) == ["first_no"]
    assert held(user)["first_no"].awarded_on == dt.date(2026, 3, 12)


def test_badges_for_and_upcoming():
    user = make_user("lister")
    with at("2026-03-10T12:00:00+00:00"):
        attempt = log(user, "rejected").attempt
    with CaptureQueriesContext(connection) as queries:
        badges = badges_for(user)
    assert len(queries) == 1
    assert badges == [
        {
            "code": "first_no",
            "title": "First no",
            "description": "You asked, and heard no. That's the whole point.",
            "awarded_on": dt.date(2026, 3, 10),
            "reason_attempt_id": attempt.pk,
        }
    ]
    later = upcoming(badges)
    assert "first_no" not in {item["code"] for item in later}
    assert len(later) == len(MILESTONES) - 1


def _history(user, days: int) -> None:
    for offset in range(days):
        moment = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=offset)
        with time_machine.travel(moment, tick=False):
            log(user, ["rejected", "accepted", "pending"][offset % 3], predicted_rejection=70)


def _milestone_queries(user, action: str) -> int:
    """Count the statements the milestone check adds to a write, from the write's snapshot."""
    from rejection.journal.counters import lock_and_read

    attempt = Attempt.objects.filter(user=user).select_related("challenge").first()
    snapshot = lock_and_read(user, extras=WRITE_FIGURES)
    snapshot.after = dict(snapshot.before)
    with CaptureQueriesContext(connection) as queries:
        if action == "deleted":
            award_after_delete(user, attempt.pk, snapshot)
        else:
            award_for_attempt(user, attempt, snapshot)
    return len(queries)


@pytest.mark.parametrize("action", ["created", "updated", "deleted"])
def test_the_milestone_check_costs_the_same_however_long_the_history(action):
    small, large = make_user("small"), make_user("large")
    _history(small, 3)
    _history(large, 60)
    with at("2026-04-01T12:00:00+00:00"):
        few, many = _milestone_queries(small, action), _milestone_queries(large, action)
    assert few == many, f"{few} queries with 3 asks, {many} with 60"
    assert many <= 8, many


# Summary -------------------------------------------------------------------------


IN_WEEK_11 = dt.date(2026, 3, 11)  # a Wednesday in 2026-W11 (9 to 15 March)


def log_at(user, moment: str, outcome="rejected", **data):
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
    assert parse_week(text, IN_WEEK_11) == monday


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
        parse_week(text, IN_WEEK_11)
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
    log_at(user, "2026-03-08T14:30:00+00:00", "rejected")  # Sunday 23:30 in Tokyo: week 10
    log_at(user, "2026-03-08T15:30:00+00:00", "rejected")  # Monday 00:30 in Tokyo: week 11
    log_at(user, "2026-03-10T09:00:00+00:00", "no_response")
    log_at(user, "2026-03-10T10:00:00+00:00", "accepted")
    log_at(user, "2026-03-10T11:00:00+00:00", "partial")
    log_at(user, "2026-03-10T12:00:00+00:00", "avoided")
    log_at(user, "2026-03-10T13:00:00+00:00", "pending")
    log_at(user, "2026-03-15T14:59:00+00:00", "rejected")  # Sunday 23:59 in Tokyo: week 11
    with at("2026-03-20T12:00:00+00:00"):
        summary = summary_for(user, "2026-W11")
    assert (summary.asks, summary.nos, summary.yeses) == (7, 3, 2)
    assert (summary.avoided, summary.pending) == (1, 1)
    assert summary.points == 10 + 10 + 1 + 1 + 10
    assert not summary.is_current and summary.next_week == "2026-W12"


def test_anxiety_change_against_the_week_before():
    user = make_user("calmer")
    log_at(user, "2026-03-03T12:00:00+00:00", anxiety_before=8)
    log_at(user, "2026-03-04T12:00:00+00:00", anxiety_before=6)
    log_at(user, "2026-03-10T12:00:00+00:00", anxiety_before=5)
    log_at(user, "2026-03-11T12:00:00+00:00", anxiety_before=4)
    with at("2026-03-12T12:00:00+00:00"):
        summary = summary_for(user)
        before = summary_for(user, "2026-W10")
    assert summary.anxiety_before == 4.5 and summary.anxiety_before_previous == 7.0
    assert summary.anxiety_change == -2.5
    assert before.anxiety_before == 7.0 and before.anxiety_change is None


def test_anxiety_change_is_none_without_ratings_this_week():
    user = make_user("unrated")
    log_at(user, "2026-03-03T12:00:00+00:00", anxiety_before=8)
    log_at(user, "2026-03-10T12:00:00+00:00")
    with at("2026-03-12T12:00:00+00:00"):
        summary = summary_for(user)
    assert summary.anxiety_before is None and summary.anxiety_change is None


def test_highlights_are_the_weeks_starred_asks():
    user, other = make_user("star"), make_user("other")
    starred = log_at(user, "2026-03-10T12:00:00+00:00", what_happened="She laughed, then said yes")
    log_at(user, "2026-03-11T12:00:00+00:00")
    earlier = log_at(user, "2026-03-03T12:00:00+00:00")
    theirs = log_at(other, "2026-03-10T12:00:00+00:00")
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
    log_at(small, "2026-03-10T12:00:00+00:00", anxiety_before=3)
    start = dt.datetime(2025, 12, 1, 12, tzinfo=dt.UTC)
    for offset in range(0, 100):
        moment = (start + dt.timedelta(days=offset)).isoformat()
        attempt = log_at(large, moment, ["rejected", "accepted"][offset % 2], anxiety_before=5)
        if offset % 3 == 0:
            edit_ask(large, attempt, {"starred": True})
    assert _count(small) == _count(large) <= 3


# Insights ------------------------------------------------------------------------


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
            if predicted is None:
                log_ask(user, data)
            else:  # predicted before the answer, as calibration needs
                started = log_ask(user, {**data, "outcome": "in_progress"})
                edit_ask(user, started.attempt, {"outcome": outcome})
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
