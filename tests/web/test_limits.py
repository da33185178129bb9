"""The pages' limits: allauth's 429 says when to come back, oversized posts get 413."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rejection.core.limits import period_seconds
from rejection.data import services
from rejection.journal.models import Attempt
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # allauth's rate-limit windows live in the cache; each test starts with none used.
    cache.clear()


def _wrong_login(client, address="10.0.0.1"):
    data = {"login": "owner", "password": "not it"}
    return client.post(reverse("account_login"), data, REMOTE_ADDR=address)


def test_a_login_flood_is_told_when_to_come_back(client, owner, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    for _ in range(2):
        assert _wrong_login(client).status_code != 429
    response = _wrong_login(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "429.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "try again in about 1 minute." in html
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"
    # Someone at another address is not held back.
    assert _wrong_login(client, "10.0.0.2").status_code != 429


def test_the_wait_follows_the_configured_window(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/h/ip", "reset_password": "3/m/ip,1/5m/key"}
    signup = {"username": "newbie", "password1": "x", "password2": "y"}
    client.post(reverse("account_signup"), signup)
    response = client.post(reverse("account_signup"), signup)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "about 60 minutes" in response.content.decode()
    reset = {"email": "someone@example.com"}
    client.post(reverse("account_reset_password"), reset)
    response = client.post(reverse("account_reset_password"), reset)
    assert response.status_code == 429
    assert response["Retry-After"] == "300"  # the longest of the action's windows


@pytest.mark.parametrize(
    ("rates", "seconds"),
    [
        ("20/m/ip,5/300s/key", 300),
        ("30/m", 60),
        ("1/1.5h/user", 5400),
        ("10/d/ip", 86400),
        ("", None),
        ("nonsense", None),
        ("1/5x/ip", None),
    ],
)
def test_allauth_windows_are_read(rates, seconds):
    assert period_seconds(rates) == seconds


def _too_big(settings):
    return "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)


def test_an_oversized_form_post_is_413_and_saves_nothing(owner_client, small_deck, settings):
    before = Attempt.objects.count()
    form = {"ask": "Ask for a discount", "outcome": "rejected", "notes": _too_big(settings)}
    response = owner_client.post(reverse("log_attempt"), form)  # multipart, as a browser
    assert response.status_code == 413
    assert "413.html" in [template.name for template in response.templates]
    assert "nothing was saved" in response.content.decode()
    assert "Content-Security-Policy" in response
    encoded = owner_client.post(
        reverse("log_attempt"), urlencode(form), content_type="application/x-www-form-urlencoded"
    )
    assert encoded.status_code == 413
    assert Attempt.objects.count() == before


def test_just_under_the_limit_is_the_form_s_own_answer(owner_client, small_deck, settings):
    form = {"ask": "Ask for a discount", "outcome": "rejected", "what_happened": "x" * 10_000}
    response = owner_client.post(reverse("log_attempt"), form)
    assert response.status_code == 400
    assert "what_happened" in response.context["form"].errors


def test_oversized_sign_up_is_413_and_makes_no_account(client, db, settings):
    form = {"username": "bulky", "password1": _too_big(settings), "password2": "x"}
    response = client.post(reverse("account_signup"), form)
    assert response.status_code == 413
    assert not get_user_model().objects.filter(username="bulky").exists()


def test_an_export_over_django_s_default_limit_still_imports(client, owner, friend, small_deck):
    make_attempt(owner, "rejected")
    make_attempt(owner, "accepted", days_ago=1)
    raw = services.export_json(owner).encode() + b" " * (3 * 1024 * 1024)  # past 2.5 MiB
    client.force_login(friend)
    upload = SimpleUploadedFile("export.json", raw, content_type="application/json")
    response = client.post(reverse("data"), {"file": upload})
    assert response.status_code == 200
    assert response.context["report"]["attempts_created"] == 2
    assert Attempt.objects.filter(user=friend).count() == 2


def test_a_huge_field_beside_an_import_is_still_413(owner_client, settings):
    upload = SimpleUploadedFile("export.json", json.dumps({}).encode())
    form = {"file": upload, "extra": _too_big(settings)}
    assert owner_client.post(reverse("data"), form).status_code == 413
