"""A held text: its author keeps using it, the coach waits, a moderator decides, it is recorded."""

from __future__ import annotations

import pytest

from rejection.challenges.models import Challenge
from rejection.challenges.safety import model
from rejection.challenges.services import moderate, request_share
from tests.api.conftest import api as api
from tests.conftest import bearer
from tests.writes import write_challenge

ASK = {"title": "Ask for a free refill", "category": "strangers", "difficulty": 2}


@pytest.fixture
def held(owner, small_deck, monkeypatch):
    monkeypatch.setattr(model, "hold_at", lambda: 0.0)  # the classifier doubts everything
    return write_challenge(owner, ASK)


def test_a_held_challenge_is_private_and_not_suggested(held, owner):
    assert held.safety_status == "held" and held.share_status == "private"
    assert held.safety_rule == "classifier" and held.safety_category
    assert 0.0 <= held.safety_score <= 1.0 and held.safety_reasons
    assert Challenge.objects.visible_to(owner).filter(pk=held.pk).exists()
    assert not Challenge.objects.usable_by_coach(owner).filter(pk=held.pk).exists()
    assert Challenge.objects.awaiting_review().filter(pk=held.pk).exists()


def test_sharing_a_held_challenge_waits_for_a_moderator_whose_yes_is_recorded(held, owner, staff):
    shared = request_share(owner, held)
    assert (shared.safety_status, shared.share_status) == ("held", "pending")
    done = moderate(staff, shared, approve=True)
    assert (done.safety_status, done.share_status, done.safety_decision) == (
        "clear",
        "approved",
        "approved",
    )
    assert done.safety_reviewed_by == staff and done.safety_reviewed_at is not None


def test_a_moderator_can_refuse_a_held_private_challenge(held, staff, owner):
    done = moderate(staff, held, approve=False)
    assert (done.safety_status, done.share_status, done.safety_decision) == (
        "flagged",
        "private",
        "refused",
    )
    assert done.safety_reviewed_by == staff
    assert not Challenge.objects.usable_by_coach(owner).filter(pk=held.pk).exists()


def test_the_api_shows_the_verdict_to_its_author(held, owner, api):
    body = api.get(f"/challenges/{held.pk}", headers=bearer(owner)).json()
    assert body["screen"]["flagged"] is True and body["screen"]["held"] is True
    assert body["screen"]["category"] == held.safety_category
    assert body["screen"]["reason"] == held.safety_reasons[0]
