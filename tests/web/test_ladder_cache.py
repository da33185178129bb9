"""The ladder page is kept until a change, and every change shows at the next view: a step
moved, the coach learning (this person's levels, a challenge's shared difficulty), a new day
and a deck edit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rejection.challenges.models import Challenge
from rejection.coach.areas import AREAS
from rejection.coach.models import LadderStep
from rejection.coach.services import move_step
from rejection.coach.tasks import learn_from_attempt
from tests.writes import log_ask, take_intake

pytestmark = pytest.mark.django_db
TOKEN = re.compile(
    r'(name="csrfmiddlewaretoken" value=|csrf-token" content=|"X-CSRFToken": )"[^"]*"'
)


def kept(client) -> str:
    """The ladder as it opens: the kept page."""
    return TOKEN.sub(r'\1""', client.get("/ladder/").content.decode())


def fresh(client) -> str:
    """The same page built afresh (an empty search is never kept)."""
    return TOKEN.sub(r'\1""', client.get("/ladder/?q=").content.decode())


def titles(page: str) -> list[str]:
    return re.findall(r'class="rung__title"[^>]*>([^<]*)<', page)


def nerves(page: str) -> list[str]:
    return re.findall(r"nerves about (\d+)/10", page)


@pytest.fixture
def climber(owner, owner_client, small_deck):
    take_intake(owner, dict.fromkeys(AREAS, 5))
    return owner_client


def test_the_page_is_kept_and_costs_fewer_queries(climber) -> None:
    kept(climber)
    with CaptureQueriesContext(connection) as built:
        fresh(climber)
    with CaptureQueriesContext(connection) as warm:
        page = kept(climber)
    assert len(warm) < len(built)  # read before the next request resets the log
    assert page == fresh(climber)


def test_a_moved_step_shows_at_once(climber, owner) -> None:
    before = titles(kept(climber))
    move_step(owner, 1, +1)
    after = titles(kept(climber))
    assert after[-1] == before[-2] and after[-2] == before[-1]  # drawn hardest first
    assert kept(climber) == fresh(climber)


def _learn(attempt_id: int, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        learn_from_attempt.call_local(attempt_id)


def test_the_coach_learning_shows_at_once(
    climber, owner, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    # The job runs later, as on a server: the asks are in, the coach has not learned yet.
    monkeypatch.setattr("rejection.coach.tasks.enqueue_after_commit", lambda *args: None)
    step = LadderStep.objects.filter(user=owner).select_related("challenge").first()
    asks = [
        log_ask(
            owner,
            {"ask": "Ask", "challenge_id": step.challenge_id, "outcome": "avoided",
             "anxiety_before": 10},
        ).attempt
        for _ in range(4)
    ]  # fmt: skip
    before = kept(climber)
    for ask in asks:
        _learn(ask.pk, django_capture_on_commit_callbacks)
    after = kept(climber)
    assert nerves(after) != nerves(before)
    assert after == fresh(climber)


def test_another_persons_ask_moves_a_shared_difficulty(
    climber, owner, friend, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr("rejection.coach.tasks.enqueue_after_commit", lambda *args: None)
    step = LadderStep.objects.filter(user=owner).select_related("challenge").first()
    before = kept(climber)
    for _ in range(12):
        ask = log_ask(
            friend,
            {"ask": "Ask", "challenge_id": step.challenge_id, "outcome": "accepted",
             "anxiety_before": 10, "anxiety_after": 10},
        ).attempt  # fmt: skip
        _learn(ask.pk, django_capture_on_commit_callbacks)
    after = kept(climber)
    assert nerves(after) != nerves(before)  # no write of the owner's moved their version
    assert after == fresh(climber)


def test_a_new_day_and_a_deck_edit_show_at_once(climber, owner) -> None:
    page = kept(climber)
    with time_machine.travel(dt.timedelta(days=1)):
        assert kept(climber) == fresh(climber)
    step = LadderStep.objects.filter(user=owner).select_related("challenge").first()
    challenge = Challenge.objects.get(pk=step.challenge_id)
    challenge.title = "Ask a stranger for the time, renamed"
    challenge.save()
    after = kept(climber)
    assert "renamed" in after and "renamed" not in page
