"""Milestones: each awarded once with its local date, kept through edits, taken back
only with the ask that earned it, and checked at a fixed cost."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt
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
from rejection.progress.models import Badge
from rejection.progress.services import take_rest_day
from tests.conftest import make_user
from tests.writes import delete_ask, edit_ask, log_ask

pytestmark = pytest.mark.django_db


def at(text: str) -> time_machine.travel:
    return time_machine.travel(dt.datetime.fromisoformat(text), tick=False)


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


def _month(user, day: str, outcomes, predicted=80):
    with at(f"{day}T12:00:00+00:00"):
        return [codes(log(user, outcome, predicted_rejection=predicted)) for outcome in outcomes]


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
