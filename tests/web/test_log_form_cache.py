"""The Log tab's blank form is kept per person, and each view still gets its own values.

The page is drawn once per person and data version (web.views.attempts._blank_log_form);
every view fills in the time now, a fresh idempotency key and its own CSRF token, and a
form sent from a kept page is saved once, like one drawn afresh.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from rejection.journal.models import Attempt
from tests.conftest import make_user
from tests.writes import update_profile

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)  # the page tests' day (tests/web/conftest.py)


def value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def test_each_view_gets_its_time_key_and_token(owner) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    with time_machine.travel(NOON, tick=False):
        first = browser.get("/log/").content.decode()
    with time_machine.travel(NOON + dt.timedelta(minutes=7, seconds=30), tick=False):
        second = browser.get("/log/").content.decode()
    assert "placeholder@@" not in first + second
    # The time is the owner's (London), to the minute.
    assert 'value="2026-03-10T12:00"' in first and 'value="2026-03-10T12:07"' in second
    assert value(first, "idempotency_key") != value(second, "idempotency_key")
    secret = browser.cookies["csrftoken"].value
    assert _unmask_cipher_token(value(second, "csrfmiddlewaretoken")) == secret
    assert f'data-owner="{owner.pk}"' in second and 'data-tz="Europe/London"' in second


def test_a_form_sent_from_a_kept_page_is_saved_once(owner) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    browser.get("/log/")
    html = browser.get("/log/").content.decode()  # the kept page
    data = {
        "csrfmiddlewaretoken": value(html, "csrfmiddlewaretoken"),
        "idempotency_key": value(html, "idempotency_key"),
        "ask": "Ask for a window seat",
        "outcome": "rejected",
        "visibility": "private",
    }
    assert browser.post("/log/", data).status_code == 302
    assert browser.post("/log/", data).status_code == 302  # the same form twice
    assert Attempt.objects.filter(user=owner).count() == 1


def test_a_new_time_zone_and_another_person_get_their_own_page(owner) -> None:
    other = make_user("other", "Asia/Tokyo")
    mine, theirs = Client(), Client()
    mine.force_login(owner)
    theirs.force_login(other)
    with time_machine.travel(NOON, tick=False):
        assert 'data-tz="Europe/London"' in mine.get("/log/").content.decode()
        html = theirs.get("/log/").content.decode()
        assert 'data-tz="Asia/Tokyo"' in html and 'value="2026-03-10T21:00"' in html
        assert f'data-owner="{other.pk}"' in html
        update_profile(owner, timezone="Asia/Tokyo")  # no data version moves
        html = mine.get("/log/").content.decode()
        assert 'data-tz="Asia/Tokyo"' in html and 'value="2026-03-10T21:00"' in html
