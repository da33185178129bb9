"""Logging an ask from the form: success, validation, idempotency, time zones."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt
from rejection.practice.today import today_for

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _key(response):
    return re.search(
        r'name="idempotency_key" value="([0-9a-f]+)"', response.content.decode()
    ).group(1)


def test_log_from_today_with_its_challenge(owner_client, owner, small_deck):
    today = today_for(owner)
    page = owner_client.get(reverse("today"))
    link = f"{reverse('log_attempt')}?challenge={today.challenge.pk}"
    assert link in page.content.decode()
    form = owner_client.get(link)
    html = form.content.decode()
    assert f'value="{today.challenge.title}"' in html
    assert f'name="challenge" value="{today.challenge.pk}"' in html
    response = owner_client.post(
        reverse("log_attempt"),
        {
            "challenge": today.challenge.pk,
            "ask": today.challenge.title,
            "outcome": "rejected",
            "visibility": "private",
            "idempotency_key": _key(form),
        },
    )
    attempt = Attempt.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("attempt_celebrate", args=[attempt.pk])
    assert attempt.challenge == today.challenge
    assert attempt.points == 10
    party = owner_client.get(response["Location"]).content.decode()
    assert "A no. That&#x27;s the win." in party and "+10" in party
    after = owner_client.get(reverse("today")).content.decode()
    assert "You asked today. That&#x27;s the whole game." in after or "You asked today." in after


def test_avoided_is_logged_kindly(owner_client, owner, small_deck):
    response = owner_client.post(
        reverse("log_attempt"),
        {"ask": "Ask for a free coffee", "outcome": "avoided", "visibility": "private"},
    )
    assert response.status_code == 302
    text = owner_client.get(response["Location"]).content.decode()
    assert "Not this time, and that&#x27;s all right." in text
    assert "fail" not in text.lower() and "+0" not in text and "party__burst" not in text


def test_validation_errors_name_fields_and_save_nothing(owner_client, owner, small_deck):
    before = Attempt.objects.count()
    response = owner_client.post(
        reverse("log_attempt"),
        {
            "ask": "",
            "outcome": "maybe",
            "anxiety_before": "11",
            "predicted_rejection": "101",
            "visibility": "private",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"outcome", "anxiety_before", "predicted_rejection"} <= set(form.errors)
    html = response.content.decode()
    assert 'id="id_anxiety_before_error"' in html
    assert 'aria-describedby="id_anxiety_before_helptext id_anxiety_before_error"' in html
    # Nerves and the prediction are on the form itself, not folded away under notes.
    assert html.index('name="anxiety_before"') < html.index("<details")
    assert Attempt.objects.count() == before


def test_service_errors_are_mapped_to_fields(owner_client, owner, small_deck):
    before = Attempt.objects.count()
    # The form is happy; the service finds no ask and no challenge.
    response = owner_client.post(
        reverse("log_attempt"), {"ask": "", "outcome": "rejected", "visibility": "private"}
    )
    assert response.status_code == 400
    assert "ask" in response.context["form"].errors
    assert 'id="id_ask_error"' in response.content.decode()
    # An unknown challenge: the API's challenge_id is the form's challenge field.
    response = owner_client.post(
        reverse("log_attempt"),
        {"challenge": "999999", "outcome": "rejected", "visibility": "private"},
    )
    assert response.context["form"].errors["challenge"] == ["No such challenge."]
    assert "Challenge: No such challenge." in response.content.decode()
    assert Attempt.objects.count() == before


def test_future_time_is_refused(owner_client, owner, small_deck):
    response = owner_client.post(
        reverse("log_attempt"),
        {
            "ask": "x",
            "outcome": "rejected",
            "visibility": "private",
            "occurred_at": "2999-01-01T10:00",
        },
    )
    assert "occurred_at" in response.context["form"].errors
    assert not Attempt.objects.exists()


def test_double_submit_creates_one_attempt(owner_client, owner, small_deck):
    form = owner_client.get(reverse("log_attempt"))
    data = {
        "ask": "Ask for a table upgrade",
        "outcome": "accepted",
        "visibility": "private",
        "idempotency_key": _key(form),
    }
    first = owner_client.post(reverse("log_attempt"), data)
    second = owner_client.post(reverse("log_attempt"), data)
    assert first.status_code == second.status_code == 302
    assert Attempt.objects.filter(user=owner).count() == 1
    assert "Already saved. It only counts once." in _messages(second)
    assert _key(owner_client.get(reverse("log_attempt"))) != data["idempotency_key"]


def test_a_changed_resubmission_of_a_saved_form_points_to_the_journal(
    owner_client, owner, small_deck
):
    form = owner_client.get(reverse("log_attempt"))
    data = {"ask": "Ask for a table upgrade", "outcome": "accepted", "visibility": "private"}
    data["idempotency_key"] = _key(form)
    owner_client.post(reverse("log_attempt"), data)
    again = owner_client.post(reverse("log_attempt"), {**data, "outcome": "rejected"})
    assert again.status_code == 302 and again["Location"] == reverse("journal")
    assert "That form was already saved. Edit it in your journal." in _messages(again)
    assert list(Attempt.objects.filter(user=owner).values_list("outcome", flat=True)) == [
        "accepted"
    ]


def test_when_is_read_in_the_profile_time_zone(client, friend, small_deck):
    # friend lives in New York: 23:30 there on 1 March is 04:30 UTC on 2 March.
    client.force_login(friend)
    with time_machine.travel(dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC), tick=False):
        response = client.post(
            reverse("log_attempt"),
            {
                "ask": "Late ask",
                "outcome": "rejected",
                "visibility": "private",
                "occurred_at": "2026-03-01T23:30",
            },
        )
    assert response.status_code == 302
    attempt = Attempt.objects.get(user=friend)
    assert attempt.local_date == dt.date(2026, 3, 1)
    assert attempt.occurred_at == dt.datetime(2026, 3, 2, 4, 30, tzinfo=dt.UTC)


def test_form_defaults_to_now_in_user_zone_and_private(client, stranger, small_deck):
    client.force_login(stranger)  # Tokyo, UTC+9
    with time_machine.travel(dt.datetime(2026, 3, 5, 20, 15, tzinfo=dt.UTC), tick=False):
        html = client.get(reverse("log_attempt")).content.decode()
    assert 'value="2026-03-06T05:15"' in html
    assert re.search(r'<input type="radio" name="visibility" value="private"[^>]*checked>', html)


def test_outcome_tiles_and_submit_come_before_the_notes(owner_client, small_deck):
    page = owner_client.get(reverse("log_attempt")).content.decode()
    html = page[page.index("<main") :]  # the form's own order (the travel prompt is above main)
    assert html.index('name="outcome"') < html.index('type="submit"') < html.index("<details")
    for value in ("rejected", "no_response", "partial", "accepted", "pending", "avoided"):
        assert f'value="{value}"' in html


def test_bad_challenge_query_is_404(owner_client, small_deck):
    assert owner_client.get(reverse("log_attempt") + "?challenge=abc").status_code == 404
    assert owner_client.get(reverse("log_attempt") + "?challenge=999999").status_code == 404


def test_log_from_deck_detail(owner_client, small_deck):
    challenge = Challenge.objects.deck().last()
    html = owner_client.get(challenge.get_absolute_url()).content.decode()
    assert f"{reverse('log_attempt')}?challenge={challenge.pk}" in html


@pytest.mark.parametrize(
    "raw",
    [
        b"%ED%A0%80",  # a UTF-16 surrogate encoded as if it were UTF-8 (CESU-8)
        b"%FF%FE",  # not UTF-8 at all
        b"ok%00nul",
    ],
)
def test_text_that_cannot_be_stored_never_breaks_the_log_form(owner_client, owner, raw):
    body = b"outcome=rejected&visibility=private&ask=" + raw + b"&learned=" + raw
    response = owner_client.post(
        reverse("log_attempt"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (302, 400), response.status_code
    for attempt in Attempt.objects.filter(user=owner):
        # Whatever was kept is text PostgreSQL and SQLite can store: UTF-8, without NUL.
        for text in (attempt.ask, attempt.learned):
            text.encode("utf-8")
            assert "\x00" not in text
