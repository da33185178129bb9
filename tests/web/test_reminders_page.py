"""Reminders under Settings: the form, the push subscription from the page, the travel switch."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from rejection.reminders.models import PushSubscription, ReminderSettings
from tests.reminder_parts import Browser
from tests.writes import log_ask

pytestmark = pytest.mark.django_db


def test_the_page_says_how_the_time_is_suggested(owner_client: Any) -> None:
    page = owner_client.get(reverse("reminders"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Log a few asks" in text
    assert "Turn on reminders on this device" in text
    assert "/calendar/" in text
    assert reverse("reminders") in owner_client.get(reverse("settings")).content.decode()


def test_a_first_set_up_starts_at_the_learned_time(owner_client: Any, owner: Any) -> None:
    for back in (1, 2, 3):
        day = dt.date.today() - dt.timedelta(days=back)
        log_ask(owner, {"ask": "Asked for a discount", "outcome": "rejected",
                        "occurred_at": f"{day}T12:30:00"})  # fmt: skip
    text = owner_client.get(reverse("reminders")).content.decode()
    assert "You usually ask around <strong>12:30</strong>" in text
    assert 'value="12:30"' in text  # prefilled, not saved
    assert ReminderSettings.objects.filter(user=owner, enabled=True).count() == 0


def test_saving_the_form_turns_reminders_on(owner_client: Any, owner: Any) -> None:
    form = {"enabled": "on", "time": "07:45", "days": ["mon", "sat"], "push": "on"}
    response = owner_client.post(reverse("reminders"), form)
    assert response.status_code == 302
    row = ReminderSettings.objects.get(user=owner)
    assert (row.enabled, row.local_time.strftime("%H:%M"), row.day_names) == (
        True,
        "07:45",
        ["mon", "sat"],
    )
    assert row.next_at is not None and row.zone == "Europe/London"


def test_a_bad_time_is_shown_on_its_field(owner_client: Any) -> None:
    response = owner_client.post(reverse("reminders"), {"enabled": "on", "time": "25:00"})
    assert response.status_code == 400
    assert response.context["form"].errors["time"]


def test_the_page_stores_a_push_subscription(owner_client: Any, owner: Any) -> None:
    body = {"endpoint": "https://push.example.com/abc", "keys": Browser().keys()}
    response = owner_client.post(
        reverse("reminders_push"), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201
    assert PushSubscription.objects.get(user=owner).pk == json.loads(response.content)["id"]
    body["endpoint"] = "https://192.168.1.1/abc"
    refused = owner_client.post(
        reverse("reminders_push"), json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 422
    garbage = owner_client.post(reverse("reminders_push"), "{", content_type="application/json")
    assert garbage.status_code == 422


def test_the_travel_prompt_switches_the_zone_in_one_tap(owner_client: Any, owner: Any) -> None:
    page = owner_client.get(reverse("today")).content.decode()
    assert 'id="travel"' in page and 'data-profile-zone="Europe/London"' in page
    owner_client.post(reverse("reminders"), {"enabled": "on", "time": "09:00", "days": ["mon"]})
    response = owner_client.post(
        reverse("settings_zone"), {"timezone": "Asia/Tokyo", "next": "/today/"}
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    owner.profile.refresh_from_db()
    assert owner.profile.timezone == "Asia/Tokyo"
    assert ReminderSettings.objects.get(user=owner).zone == "Asia/Tokyo"
    unknown = owner_client.post(reverse("settings_zone"), {"timezone": "Mars/Olympus"})
    assert unknown.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.timezone == "Asia/Tokyo"
    away = owner_client.post(
        reverse("settings_zone"), {"timezone": "Europe/Paris", "next": "//evil.example"}
    )
    assert away["Location"] == reverse("today")
    sneaky = owner_client.post(
        reverse("settings_zone"), {"timezone": "Europe/Paris", "next": "/\\evil.example"}
    )
    assert sneaky["Location"] == reverse("today")


def test_rotating_the_calendar_from_the_page(owner_client: Any, owner: Any) -> None:
    owner_client.get(reverse("reminders"))
    before = ReminderSettings.objects.get(user=owner).calendar_secret
    assert owner_client.post(reverse("reminders_calendar_rotate")).status_code == 302
    assert ReminderSettings.objects.get(user=owner).calendar_secret != before
