"""The Journal as it opens is kept until a change: each write, a new day and a deck edit show.

The first page without a filter is kept per person (web.views.journal, practice.reads);
these are the changes it must show at the next view, as tests/test_today_cache.py does
for Today.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rejection.challenges.models import Category, Challenge
from rejection.journal.models import Attempt
from tests.writes import delete_ask, edit_ask, log_ask, update_profile

pytestmark = pytest.mark.django_db


def journal(client) -> str:
    client.get("/journal/")
    html = client.get("/journal/").content.decode()  # the kept page
    assert "placeholder@@" not in html
    return html


def test_each_write_shows_at_once(owner_client, owner, small_deck) -> None:
    assert "Ask for a window seat" not in journal(owner_client)
    logged = log_ask(owner, {"ask": "Ask for a window seat", "outcome": "rejected"})
    assert "Ask for a window seat" in journal(owner_client)
    attempt = Attempt.objects.get(pk=logged.attempt.pk)
    edit_ask(owner, attempt, {"ask": "Ask for an aisle seat"})
    html = journal(owner_client)
    assert "Ask for an aisle seat" in html and "Ask for a window seat" not in html
    delete_ask(owner, Attempt.objects.get(pk=attempt.pk))
    assert "Ask for an aisle seat" not in journal(owner_client)


def test_a_new_day_a_new_zone_and_a_renamed_category_show_at_once(
    owner_client, owner, small_deck, _midday
) -> None:
    card = Challenge.objects.deck().select_related("category").first()
    log_ask(owner, {"ask": "Ask for a discount", "outcome": "rejected", "challenge_id": card.pk})
    html = journal(owner_client)
    assert ">Today<" in html and card.category.name in html
    _midday.shift(dt.timedelta(days=1))
    assert ">Yesterday<" in journal(owner_client)
    time_before = journal(owner_client)
    update_profile(owner, timezone="Asia/Tokyo")  # the times move; no data version does
    assert journal(owner_client) != time_before
    Category.objects.filter(pk=card.category_id).update(name="Renamed on the spot")
    Category.objects.get(pk=card.category_id).save()  # as the admin saves it
    assert "Renamed on the spot" in journal(owner_client)
