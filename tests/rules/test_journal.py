"""The journal's rules: points and the streak rule (journal.points, journal.streaks).

First a table of worked examples, each a short story through the real write path; then
a property test: points and streaks, kept incrementally, always equal a plain reference
computed from the surviving asks, across time zones, DST changes, back-dating, edits,
deletions, rest days and a change of streak mode."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rejection.challenges.deck import load_deck
from rejection.challenges.models import Challenge
from rejection.journal.counters import rebuild_user
from rejection.journal.models import Attempt, CategoryTally, DayTally
from rejection.journal.points import POINTS, points_for
from rejection.progress.queries import stats_for
from rejection.progress.services import Conflict, take_rest_day
from tests.conftest import FIXTURES, make_user
from tests.writes import delete_ask, edit_ask, log_ask, update_profile


def _story(zone: str, steps: list[str], today: str) -> tuple[int, int, list[str]]:
    """Play steps like "2026-03-02 12:00 ask rejected" (UTC) for one person in `zone`.

    Returns the streak as seen on `today`, the best streak, and each ask's local day.
    """
    with transaction.atomic():
        user = make_user("story", zone)
        for step in steps:
            day, time, action, value = step.split()
            moment = dt.datetime.fromisoformat(f"{day}T{time}:00+00:00")
            with time_machine.travel(moment, tick=False):
                if action == "ask":
                    log_ask(user, {"ask": "Ask for a discount", "outcome": value})
                elif action == "rest":
                    take_rest_day(user, moment.astimezone(ZoneInfo(zone)).date())
                elif action == "mode":
                    update_profile(user, streak_mode=value)
                elif action == "zone":
                    update_profile(user, timezone=value)
                    zone = value
        user.profile.refresh_from_db()
        asks = Attempt.objects.filter(user=user).order_by("local_date")
        days = [str(day) for day in asks.values_list("local_date", flat=True)]
        on = dt.date.fromisoformat(today)
        found = user.profile.streak_on(on), user.profile.best_streak, days
        transaction.set_rollback(True)
    return found


# Each story: the person's zone, what happened (times in UTC), their "today", then the
# streak seen that day, the best streak, and the local day each ask was written on.
WORKED_EXAMPLES = [
    pytest.param(
        "Europe/London",
        ["2026-03-02 12:00 ask rejected", "2026-03-03 12:00 ask no_response",
         "2026-03-04 12:00 ask rejected"],
        "2026-03-04", (3, 3, ["2026-03-02", "2026-03-03", "2026-03-04"]),
        id="a no each day makes a three-day streak",
    ),
    pytest.param(
        "Europe/London",
        ["2026-03-02 12:00 ask rejected", "2026-03-03 12:00 ask accepted"],
        "2026-03-03", (1, 1, ["2026-03-02", "2026-03-03"]),
        id="classic: a yes alone does not count, and the run lives until the day is over",
    ),
    pytest.param(
        "Europe/London",
        ["2026-03-02 12:00 ask rejected", "2026-03-03 12:00 ask accepted"],
        "2026-03-04", (0, 1, ["2026-03-02", "2026-03-03"]),
        id="classic: a day without a no ends the run; the best stays",
    ),
    pytest.param(
        "Europe/London",
        ["2026-03-01 12:00 mode gentle", "2026-03-02 12:00 ask rejected",
         "2026-03-03 12:00 ask accepted"],
        "2026-03-03", (2, 2, ["2026-03-02", "2026-03-03"]),
        id="gentle: any completed ask counts",
    ),
    pytest.param(
        "Europe/London",
        ["2026-03-01 12:00 mode gentle", "2026-03-02 12:00 ask rejected",
         "2026-03-03 12:00 ask avoided"],
        "2026-03-03", (1, 1, ["2026-03-02", "2026-03-03"]),
        id="gentle: an avoided ask is not a completed one",
    ),
    pytest.param(
        "Europe/London",
        ["2026-03-02 12:00 ask rejected", "2026-03-03 12:00 rest today",
         "2026-03-04 12:00 ask rejected"],
        "2026-03-04", (2, 2, ["2026-03-02", "2026-03-04"]),
        id="a rest day keeps the run alive without adding to it",
    ),
    pytest.param(
        "Europe/London",
        ["2026-03-02 12:00 ask rejected", "2026-03-03 12:00 ask rejected"],
        "2026-03-05", (0, 2, ["2026-03-02", "2026-03-03"]),
        id="a whole day without asking or resting ends the streak",
    ),
    pytest.param(
        # Clocks go back at 02:00 on 1 November 2026: 23:30 on 31 October is 03:30 UTC,
        # and 23:30 on 1 November (a 25-hour day) is 04:30 UTC on the 2nd.
        "America/New_York",
        ["2026-11-01 03:30 ask rejected", "2026-11-02 04:30 ask rejected"],
        "2026-11-01", (2, 2, ["2026-10-31", "2026-11-01"]),
        id="the long day when clocks go back is still one local day",
    ),
    pytest.param(
        # Clocks go forward at 02:00 on 8 March 2026: 23:59 on the 7th is 04:59 UTC, and
        # 23:59 on the 8th (a 23-hour day) is 03:59 UTC on the 9th.
        "America/New_York",
        ["2026-03-08 04:59 ask rejected", "2026-03-09 03:59 ask rejected"],
        "2026-03-08", (2, 2, ["2026-03-07", "2026-03-08"]),
        id="the short day when clocks go forward counts like any other",
    ),
    pytest.param(
        # 08:00 on 10 March in Auckland, then a flight to New York: the next ask is on
        # 10 March there too, the same local day, and 11 March makes it two days.
        "Pacific/Auckland",
        ["2026-03-09 19:00 ask rejected", "2026-03-10 12:00 zone America/New_York",
         "2026-03-10 15:00 ask rejected", "2026-03-11 15:00 ask rejected"],
        "2026-03-11", (2, 2, ["2026-03-10", "2026-03-10", "2026-03-11"]),
        id="a move across zones never rewrites a day already written",
    ),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "steps", "today", "expected"), WORKED_EXAMPLES)
def test_worked_examples(small_deck, zone, steps, today, expected) -> None:
    assert _story(zone, steps, today) == expected


def test_points_follow_the_brief() -> None:
    assert {outcome: points_for(outcome) for outcome in POINTS} == {
        "rejected": 10, "no_response": 10, "partial": 1, "accepted": 1, "pending": 0, "avoided": 0,
        "in_progress": 0,
    }  # fmt: skip


# 1 November 2026: the day clocks go back in New York; London changed a week earlier.
NOW = dt.datetime(2026, 11, 1, 16, 0, tzinfo=dt.UTC)
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "America/Los_Angeles",
]
OUTCOMES = ["rejected", "no_response", "partial", "accepted", "pending", "avoided"]
# An ask can be started (in progress) and finished later; it is no attempt until then.
STARTS = [*OUTCOMES, "in_progress"]

# Asks cluster in the last two weeks so runs, gaps and midnight edges are common.
minutes_ago = st.builds(
    lambda days, minute: days * 24 * 60 + minute,
    st.integers(min_value=0, max_value=14),
    st.integers(min_value=0, max_value=24 * 60 - 1),
)
operation = st.one_of(
    st.tuples(
        st.just("log"),
        st.sampled_from(STARTS),
        minutes_ago,
        st.one_of(st.none(), st.integers(0, 23)),
    ),
    st.tuples(
        st.just("edit"),
        st.integers(0, 30),
        st.sampled_from(OUTCOMES),
        st.one_of(st.none(), minutes_ago),
    ),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("zone"), st.sampled_from(ZONES)),
    st.tuples(st.just("mode"), st.sampled_from(["classic", "gentle"])),
    st.tuples(st.just("rest"), st.integers(0, 14)),
)


def reference(
    attempts: list[dict], rest_days: set[dt.date], mode: str, today: dt.date
) -> tuple[int, int, int]:
    """Points, current streak and best streak, straight from the product brief."""
    points = sum(
        {"rejected": 10, "no_response": 10, "partial": 1, "accepted": 1}.get(a["outcome"], 0)
        for a in attempts
    )
    good = (
        {"rejected", "no_response"}
        if mode == "classic"
        else {"rejected", "no_response", "partial", "accepted"}
    )
    # An ask still in progress has no outcome yet: it scores and counts for nothing.
    counted = {a["local_date"] for a in attempts if a["outcome"] in good}

    def alive(day: dt.date) -> bool:
        return day in counted or day in rest_days

    # A day already begun elsewhere (the user moved west after logging) still counts.
    day = max([today, *counted, *rest_days])
    day = day if alive(day) else day - dt.timedelta(days=1)
    current = 0
    while alive(day):
        current += day in counted
        day -= dt.timedelta(days=1)
    best = run = 0
    every = sorted(counted | rest_days)
    if every:
        day = every[0]
        while day <= every[-1]:
            run = run + (day in counted) if alive(day) else 0
            best = max(best, run)
            day += dt.timedelta(days=1)
    return points, current, best


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start_zone=st.sampled_from(ZONES), ops=st.lists(operation, min_size=3, max_size=30))
def test_counters_match_reference(start_zone: str, ops: list[tuple]) -> None:
    with time_machine.travel(NOW, tick=False), transaction.atomic():
        load_deck(FIXTURES / "deck.json")
        cards = list(Challenge.objects.select_related("category").order_by("pk"))
        user = make_user("prop", start_zone)
        zone_name, mode = start_zone, "classic"
        live: dict[int, dict] = {}
        rest_days: set[dt.date] = set()
        for op in ops:
            if op[0] == "log":
                moment = NOW - dt.timedelta(minutes=op[2])
                card = cards[op[3]] if op[3] is not None else None
                data = {"ask": "Ask", "outcome": op[1], "occurred_at": moment}
                if card is not None:
                    data["challenge_id"] = card.pk
                attempt = log_ask(user, data).attempt
                live[attempt.pk] = {
                    "category": card.category.slug if card else "",
                    "outcome": op[1],
                    "moment": moment,
                    "local_date": moment.astimezone(ZoneInfo(zone_name)).date(),
                }
            elif op[0] == "edit" and live:
                pk = sorted(live)[op[1] % len(live)]
                changes: dict = {"outcome": op[2]}
                if op[3] is not None:
                    moment = NOW - dt.timedelta(minutes=op[3])
                    changes["occurred_at"] = moment
                    # Only a new time moves the ask to another local day.
                    if moment != live[pk]["moment"]:
                        live[pk]["moment"] = moment
                        live[pk]["local_date"] = moment.astimezone(ZoneInfo(zone_name)).date()
                edit_ask(user, Attempt.objects.get(pk=pk), changes)
                live[pk]["outcome"] = op[2]
            elif op[0] == "delete" and live:
                pk = sorted(live)[op[1] % len(live)]
                delete_ask(user, Attempt.objects.get(pk=pk))
                del live[pk]
            elif op[0] == "zone":
                zone_name = op[1]
                update_profile(user, timezone=zone_name)
            elif op[0] == "mode":
                mode = op[1]
                update_profile(user, streak_mode=mode)
            elif op[0] == "rest":
                day = NOW.astimezone(ZoneInfo(zone_name)).date() - dt.timedelta(days=op[1])
                window = {d for d in rest_days if day - dt.timedelta(days=29) <= d <= day}
                try:
                    take_rest_day(user, day)
                except Conflict:
                    assert day in rest_days or len(window) >= 2
                else:
                    rest_days.add(day)
        today = NOW.astimezone(ZoneInfo(zone_name)).date()
        user.profile.refresh_from_db()
        expected = reference(list(live.values()), rest_days, mode, today)
        profile = user.profile
        assert (profile.points, profile.streak_on(today), profile.best_streak) == expected
        # Every attempt keeps the local day it was written with, whatever the zone became.
        stored = dict(Attempt.objects.filter(user=user).values_list("pk", "local_date"))
        assert stored == {pk: a["local_date"] for pk, a in live.items()}
        finished = [item for item in live.values() if item["outcome"] != "in_progress"]
        per_category: dict[str, int] = {}
        for item in finished:
            per_category[item["category"]] = per_category.get(item["category"], 0) + 1
        totals = stats_for(user)["totals_by_outcome"]
        assert {k: v for k, v in totals.items() if v} == dict(
            Counter(item["outcome"] for item in finished)
        )
        by_category = dict(
            CategoryTally.objects.filter(user=user).values_list("category_slug", "asks")
        )
        assert by_category == per_category
        categories = list(CategoryTally.objects.filter(user=user).values())
        tallies = list(DayTally.objects.filter(user=user).order_by("local_date").values())
        rebuilt = rebuild_user(user)
        assert (rebuilt.points, rebuilt.streak_on(today), rebuilt.best_streak) == expected
        after = list(DayTally.objects.filter(user=user).order_by("local_date").values())
        assert _without_ids(after) == _without_ids(tallies)
        again = list(CategoryTally.objects.filter(user=user).values())
        assert _without_ids(again) == _without_ids(categories)
        transaction.set_rollback(True)


def _without_ids(rows: list[dict]) -> list[dict]:
    return [{key: value for key, value in row.items() if key != "id"} for row in rows]


@pytest.mark.django_db
def test_a_new_ask_adds_to_its_tallies_as_a_recount_would(small_deck) -> None:
    """A new ask is added to the day and category rows already there, field by field."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user("adder")
    card = Challenge.objects.deck().first()
    fields = {"anxiety_before": 4, "anxiety_after": 2}
    log_ask(user, {"ask": "Ask for a discount", "outcome": "rejected", **fields})
    log_ask(user, {"challenge_id": card.pk, "outcome": "accepted", "anxiety_before": 7})
    log_ask(user, {"ask": "Ask again", "outcome": "in_progress", "predicted_rejection": 70})
    with CaptureQueriesContext(connection) as seen:
        log_ask(user, {"ask": "One more", "outcome": "in_progress", "predicted_rejection": 40})
    writes = [q["sql"] for q in seen.captured_queries if not q["sql"].startswith("SELECT")]
    assert not any("tally" in sql for sql in writes)
    log_ask(user, {"challenge_id": card.pk, "outcome": "no_response", "anxiety_after": 5})
    days = list(DayTally.objects.filter(user=user).order_by("local_date").values())
    categories = list(CategoryTally.objects.filter(user=user).order_by("category_slug").values())
    assert days[0]["asks"] == 3
    assert sum(row["asks"] for row in categories) == 3
    rebuild_user(user)
    assert _without_ids(
        list(DayTally.objects.filter(user=user).order_by("local_date").values())
    ) == _without_ids(days)
    assert _without_ids(
        list(CategoryTally.objects.filter(user=user).order_by("category_slug").values())
    ) == _without_ids(categories)
