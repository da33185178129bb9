"""Today, rerolls, rest days and programs."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from rejection.practice.today import today_for
from rejection.progress.models import Enrollment

pytestmark = pytest.mark.django_db


def test_today_without_a_program_prompts_to_start(owner_client, small_deck):
    html = owner_client.get(reverse("today")).content.decode()
    assert reverse("programs") in html
    assert "I'm about to ask" in html and "Log it in one step" in html
    assert "Another card" in html and "3 left today" in html
    assert "Take a rest day" in html and "2 left" in html


def test_today_shows_the_card(owner_client, owner, small_deck):
    today = today_for(owner)
    html = owner_client.get(reverse("today")).content.decode()
    challenge = today.challenge
    for text in (
        challenge.title,
        challenge.script,
        challenge.where,
        challenge.safety,
        challenge.category.name,
    ):
        assert text in html
    assert f"Difficulty {challenge.difficulty} of 10" in html
    assert "Streak" in html and "Points" in html


def test_start_a_program_and_restart_with_confirm(owner_client, owner, small_deck):
    response = owner_client.post(reverse("programs"), {"program": "classic-30"})
    assert response.status_code == 302
    assert "Day 1" in owner_client.get(reverse("today")).content.decode()
    # A second program asks first and changes nothing until confirmed.
    confirm = owner_client.post(reverse("programs"), {"program": "100-days"})
    assert confirm.status_code == 200 and "Yes, start 100 Days" in confirm.content.decode()
    assert Enrollment.objects.get(user=owner, active=True).program.slug == "classic-30"
    owner_client.post(reverse("programs"), {"program": "100-days", "confirm": "on"})
    assert Enrollment.objects.get(user=owner, active=True).program.slug == "100-days"


def test_custom_program_needs_a_length(owner_client, owner, small_deck):
    response = owner_client.post(reverse("programs"), {"program": "custom"})
    assert response.status_code == 400
    assert "length_days" in response.context["form"].errors
    assert 'id="id_length_days_error"' in response.content.decode()
    assert not Enrollment.objects.filter(user=owner).exists()
    response = owner_client.post(reverse("programs"), {"program": "custom", "length_days": "400"})
    assert "length_days" in response.context["form"].errors
    owner_client.post(reverse("programs"), {"program": "custom", "length_days": "14"})
    assert Enrollment.objects.get(user=owner, active=True).length_days == 14


def test_unknown_program_is_a_field_error(owner_client, small_deck):
    response = owner_client.post(reverse("programs"), {"program": "nope"})
    assert response.status_code == 400
    assert "program" in response.context["form"].errors


def test_reroll_without_js_redirects(owner_client, owner, small_deck):
    first = today_for(owner).challenge
    response = owner_client.post(reverse("today_reroll"))
    assert response.status_code == 302 and response["Location"] == reverse("today")
    assert today_for(owner).challenge != first
    assert today_for(owner).rerolls_left == 2


def test_reroll_with_htmx_returns_the_card(owner_client, owner, small_deck):
    response = owner_client.post(reverse("today_reroll"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<article class="card challenge" id="today-card"')
    assert "<html" not in html and "2 left today" in html
    for _ in range(2):
        owner_client.post(reverse("today_reroll"), headers={"HX-Request": "true"})
    last = owner_client.post(
        reverse("today_reroll"), headers={"HX-Request": "true"}
    ).content.decode()
    assert "last new card" in last and "disabled" in last


def test_reroll_needs_post(owner_client, small_deck):
    assert owner_client.get(reverse("today_reroll")).status_code == 405


def test_rest_day(owner_client, owner, small_deck):
    response = owner_client.post(reverse("today_rest"))
    assert response.status_code == 302
    assert "streak is safe" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    html = owner_client.get(reverse("today")).content.decode()
    assert "Today is a rest day." in html
    again = owner_client.post(reverse("today_rest"), follow=True)
    assert "already a rest day" in again.content.decode()


def test_done_today_state(owner_client, owner, small_deck):
    from tests.web.conftest import make_attempt

    make_attempt(owner, "rejected", days_ago=0)
    html = owner_client.get(reverse("today")).content.decode()
    assert "You asked today." in html
    assert "Take a rest day" not in html


def test_empty_deck_is_explained(owner_client, db):
    response = owner_client.get(reverse("today"))
    assert response.status_code == 503
    assert "deck is empty" in response.content.decode()


def test_with_no_rest_days_left_today_says_so_kindly(owner_client, owner, small_deck):
    import datetime as dt

    from rejection.core.time import local_today
    from rejection.progress.services import take_rest_day

    today = local_today(owner.profile.timezone)
    take_rest_day(owner, today - dt.timedelta(days=2))
    take_rest_day(owner, today - dt.timedelta(days=1))
    page = owner_client.get(reverse("today")).content.decode()
    assert "You have used both rest days" in page
    assert reverse("today_rest") not in page
