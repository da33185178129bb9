"""Today's before-and-after log, the celebration, the milestones page and one clear card."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from rejection.challenges.models import Challenge
from rejection.coach.picker import agree_with_ladder
from rejection.journal.models import Attempt, DayTally
from rejection.practice.today import today_for
from rejection.progress.picks import Pick
from rejection.web.views.today import INTRO_COOKIE
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
# 14:05 in London (summer time): the local time Today shows.
NOON = dt.datetime(2026, 6, 10, 13, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def london(owner):
    owner.profile.timezone = "Europe/London"
    owner.profile.save()
    return owner


def _start(client, challenge, **values):
    return client.post(
        reverse("log_attempt"),
        {
            "challenge": challenge.pk,
            "outcome": "in_progress",
            "visibility": "private",
            "idempotency_key": "start-1",
            **values,
        },
    )


def test_about_to_ask_then_how_did_it_go(owner_client, london, small_deck):
    card = today_for(london).challenge
    page = owner_client.get(reverse("today")).content.decode()
    assert "Before you ask" in page and 'name="anxiety_before"' in page
    assert 'name="predicted_rejection"' in page

    started = _start(owner_client, card, anxiety_before="7", predicted_rejection="80")
    assert started.status_code == 302 and started["Location"] == reverse("today")
    ask = Attempt.objects.get(user=london)
    assert (ask.outcome, ask.anxiety_before, ask.predicted_rejection) == ("in_progress", 7, 80)
    assert ask.predicted_before
    assert not DayTally.objects.filter(user=london).exists()  # not an attempt yet

    today = owner_client.get(reverse("today")).content.decode()
    assert "How did it go?" in today and card.title in today
    assert "Before: nerves 7/10 · chance of a no 80%" in today
    assert "Before you ask" not in today  # one thing at a time
    assert "How Today works" not in today

    finished = owner_client.post(
        reverse("attempt_finish", args=[ask.pk]), {"outcome": "rejected", "anxiety_after": "3"}
    )
    assert finished["Location"] == reverse("attempt_celebrate", args=[ask.pk])
    ask.refresh_from_db()
    assert (ask.outcome, ask.anxiety_after, ask.points, ask.predicted_before) == (
        "rejected",
        3,
        10,
        True,
    )
    party = owner_client.get(finished["Location"]).content.decode()
    assert "A no. That&#x27;s the win." in party
    assert "Your nerves went <strong>7 → 3</strong>" in party
    assert "Before you asked, you put the chance of a no at 80%. It was a no" in party
    assert "+10" in party and "Next milestone" in party and "party__burst" in party
    # The first no's milestone is shown in place, once.
    assert "New milestone: First no" in party and 'class="party__earned"' in party
    again = owner_client.get(finished["Location"]).content.decode()
    assert "New milestone" not in again

    # A second tap on the old form changes nothing.
    again = owner_client.post(reverse("attempt_finish", args=[ask.pk]), {"outcome": "accepted"})
    assert again.status_code == 302
    ask.refresh_from_db()
    assert ask.outcome == "rejected"

    done = owner_client.get(reverse("today")).content.decode()
    assert "Done today" in done and "+10 points" in done
    assert "logged at <time" in done and ">14:05</time>" in done
    assert "A second ask" in done and reverse("ladder") in done


def test_finishing_needs_an_outcome_and_leaves_it_open(owner_client, london, small_deck):
    ask = log_ask(london, {"ask": "Ask for a discount", "outcome": "in_progress"}).attempt
    detail = owner_client.get(reverse("attempt_detail", args=[ask.pk])).content.decode()
    assert "How did it go?" in detail and reverse("attempt_finish", args=[ask.pk]) in detail
    response = owner_client.post(reverse("attempt_finish", args=[ask.pk]), {})
    assert response["Location"] == reverse("today")
    ask.refresh_from_db()
    assert ask.outcome == "in_progress"


def test_an_ask_left_open_from_yesterday_waits_for_the_person(owner_client, london, small_deck):
    with time_machine.travel(NOON - dt.timedelta(days=1), tick=False):
        ask = log_ask(london, {"ask": "Ask to skip the queue", "outcome": "in_progress"}).attempt
    page = owner_client.get(reverse("today")).content.decode()
    assert "Started Tuesday 9 June, still open" in page and "Ask to skip the queue" in page
    assert "Before you ask" in page  # today's card is still there
    ask.refresh_from_db()
    assert ask.outcome == "in_progress"  # never resolved for them
    owner_client.post(reverse("attempt_finish", args=[ask.pk]), {"outcome": "no_response"})
    ask.refresh_from_db()
    assert ask.local_date == dt.date(2026, 6, 9) and ask.points == 10


def test_the_first_today_explains_itself_once(owner_client, london, small_deck):
    assert "How Today works" in owner_client.get(reverse("today")).content.decode()
    response = owner_client.post(reverse("today_intro"))
    assert response.status_code == 302 and response.cookies[INTRO_COOKIE].value == "seen"
    assert "How Today works" not in owner_client.get(reverse("today")).content.decode()


def test_difficulty_is_shown_once_in_the_persons_terms(owner_client, london, small_deck):
    card = today_for(london).challenge
    page = owner_client.get(reverse("today")).content.decode()
    assert page.count("Feels about") == 1
    assert f"Difficulty {card.difficulty} of 10, for most people" in page  # in the details
    assert page.index("Feels about") < page.index("<summary>Details</summary>")


def test_a_no_is_celebrated_at_least_as_much_as_a_yes(owner_client, london, small_deck):
    no = log_ask(london, {"ask": "Ask A", "outcome": "rejected"}).attempt
    yes = log_ask(london, {"ask": "Ask B", "outcome": "accepted"}).attempt
    avoided = log_ask(london, {"ask": "Ask C", "outcome": "avoided"}).attempt
    pages = {
        a.outcome: owner_client.get(reverse("attempt_celebrate", args=[a.pk])).content.decode()
        for a in (no, yes, avoided)
    }
    assert "party__burst" in pages["rejected"] and "party__burst" in pages["accepted"]
    assert "+10" in pages["rejected"] and "+1" in pages["accepted"]
    assert "party__burst" not in pages["avoided"] and "Points" not in pages["avoided"]
    assert "kind to yourself" in pages["avoided"]


def test_an_ask_in_progress_has_no_celebration_yet(owner_client, london, small_deck):
    ask = log_ask(london, {"ask": "Ask D", "outcome": "in_progress"}).attempt
    response = owner_client.get(reverse("attempt_celebrate", args=[ask.pk]))
    assert response["Location"] == reverse("today")


def test_the_milestones_page_shows_those_to_come_with_icons(owner_client, london, small_deck):
    log_ask(london, {"ask": "Ask E", "outcome": "rejected"})
    page = owner_client.get(reverse("milestones")).content.decode()
    assert "Still to come" in page and "Earned" in page
    assert "First no" in page and "10 nos" in page and "1/10" in page
    assert 'class="micon micon--no"' in page and 'class="micon micon--streak"' in page


def test_the_card_is_the_ladders_next_step_when_it_fits_the_band(small_deck):
    first, second = Challenge.objects.order_by("pk")[:2]
    pick = Pick(challenge=first, why="Feels about 5/10 for you. Social asks felt 3/10 last time.")
    same = agree_with_ladder(pick, second, 5.0)
    assert same.challenge == second and "next step on your ladder" in same.why
    differs = agree_with_ladder(pick, second, 8.2)
    assert differs.challenge == first
    assert differs.why.startswith("Feels about 5/10 for you. Your ladder's next step would")
    assert "would feel about 8/10 today, above the 4-6" in differs.why
    assert len(differs.why) <= 200  # DailyPick.why
    assert agree_with_ladder(pick, None) == pick
