"""The coach learns in a background job: once per ask, after the ask is saved, never twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage

from rejection.challenges.models import Challenge
from rejection.coach.models import ChallengeRating, CoachState, LearnedAttempt
from rejection.coach.tasks import learn_from_attempt
from tests.writes import delete_ask, log_ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The real queue path: jobs wait in an in-memory queue until the test runs them."""
    # A consumer closes stale connections around each job; here that would close the
    # connection holding the test's transaction (PostgreSQL), so it is left open.
    monkeypatch.setattr("huey.contrib.djhuey.close_old_connections", lambda: None)
    HUEY.immediate = False
    HUEY.storage = MemoryStorage(HUEY.name)
    yield HUEY
    HUEY.immediate = True  # back to inline jobs, on a fresh memory queue


def run_queued(huey: Any) -> int:
    """Run every queued job, as one consumer would; return how many ran."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


def a_card(small_deck: Any) -> Challenge:
    return Challenge.objects.filter(author=None).order_by("pk").first()  # type: ignore[return-value]


def log_rejection(user: Any, card: Challenge) -> Any:
    data = {"challenge_id": card.pk, "outcome": "rejected", "anxiety_before": 9}
    return log_ask(user, data).attempt


def test_immediate_mode_learns_inside_the_logging_transaction(owner, small_deck) -> None:
    card = a_card(small_deck)
    attempt = log_rejection(owner, card)
    assert LearnedAttempt.objects.filter(attempt=attempt).exists()
    assert ChallengeRating.objects.get(challenge=card).count == 1
    assert CoachState.objects.get(user=owner).last_felt


def test_running_the_job_twice_learns_once(owner, small_deck) -> None:
    card = a_card(small_deck)
    attempt = log_rejection(owner, card)
    rating = ChallengeRating.objects.get(challenge=card)
    levels = CoachState.objects.get(user=owner).levels

    assert learn_from_attempt.call_local(attempt.pk) is False  # a second delivery

    assert ChallengeRating.objects.get(challenge=card).count == rating.count == 1
    assert ChallengeRating.objects.get(challenge=card).difficulty == rating.difficulty
    assert CoachState.objects.get(user=owner).levels == levels
    assert LearnedAttempt.objects.count() == 1


def test_a_deleted_ask_teaches_nothing(owner, small_deck, queue) -> None:
    card = a_card(small_deck)
    prior = ChallengeRating.objects.get(challenge=card)
    attempt = log_rejection(owner, card)  # queued, not yet run
    attempt_id = attempt.pk
    delete_ask(owner, attempt)

    assert learn_from_attempt.call_local(attempt_id) is False

    assert ChallengeRating.objects.get(challenge=card).count == prior.count == 0
    assert not CoachState.objects.filter(user=owner).exists()
    assert not LearnedAttempt.objects.exists()


def test_the_queue_holds_the_job_until_a_consumer_runs_it(
    owner, small_deck, queue, django_capture_on_commit_callbacks
) -> None:
    card = a_card(small_deck)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        log_rejection(owner, card)
    assert len(queue) == 0, "nothing is queued before the ask's transaction commits"

    for callback in callbacks:  # the commit
        callback()
    assert len(queue) == 1
    assert ChallengeRating.objects.get(challenge=card).count == 0
    assert not CoachState.objects.filter(user=owner).exists()

    assert run_queued(queue) == 1

    assert ChallengeRating.objects.get(challenge=card).count == 1
    assert CoachState.objects.get(user=owner).last_felt
    assert LearnedAttempt.objects.count() == 1


def test_a_rolled_back_ask_queues_nothing(
    owner, small_deck, queue, django_capture_on_commit_callbacks
) -> None:
    card = a_card(small_deck)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        log_rejection(owner, card)
        raise RuntimeError("something later in the same transaction failed")
    assert callbacks == [] and len(queue) == 0


def test_asks_that_teach_nothing_queue_no_job(
    owner, small_deck, queue, django_capture_on_commit_callbacks
) -> None:
    card = a_card(small_deck)
    with django_capture_on_commit_callbacks(execute=True):
        log_ask(owner, {"ask": "Asked for a discount", "outcome": "rejected"})
        log_ask(owner, {"challenge_id": card.pk, "outcome": "pending"})
    assert len(queue) == 0
