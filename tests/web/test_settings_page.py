"""Settings: profile, time zone validation and API tokens."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rejection.accounts.models import ApiToken
from rejection.accounts.services import create_token, user_for_token

pytestmark = pytest.mark.django_db


def test_profile_update(owner_client, owner):
    response = owner_client.post(
        reverse("settings"),
        {"display_name": " Sam ", "timezone": "Europe/Paris", "streak_mode": "gentle"},
    )
    assert response.status_code == 302
    owner.profile.refresh_from_db()
    assert (owner.profile.display_name, owner.profile.timezone, owner.profile.streak_mode) == (
        "Sam",
        "Europe/Paris",
        "gentle",
    )


def test_unknown_time_zone_is_refused(owner_client, owner):
    response = owner_client.post(
        reverse("settings"),
        {"display_name": "Sam", "timezone": "Mars/Olympus", "streak_mode": "classic"},
    )
    assert response.status_code == 400
    assert "not a known time zone" in response.context["form"].errors["timezone"][0]
    assert 'id="id_timezone_error"' in response.content.decode()
    owner.profile.refresh_from_db()
    assert owner.profile.timezone == "Europe/London" and owner.profile.display_name == ""


def test_settings_page_lists_zones_and_modes(owner_client):
    html = owner_client.get(reverse("settings")).content.decode()
    assert '<option value="Asia/Tokyo">' in html
    assert "Gentle: a day counts when you asked at all" in html
    assert reverse("account_change_password") in html and reverse("account_logout") in html


def test_token_is_shown_once_and_works(owner_client, owner):
    response = owner_client.post(reverse("token_create"), {"name": "Shortcuts"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = response.context["raw"]
    assert raw in response.content.decode()
    assert user_for_token(raw) == owner
    settings_html = owner_client.get(reverse("settings")).content.decode()
    assert "Shortcuts" in settings_html and raw not in settings_html
    assert raw[:10] in settings_html


def test_token_name_is_required(owner_client, owner):
    response = owner_client.post(reverse("token_create"), {"name": ""})
    assert response.status_code == 400
    assert "name" in response.context["token_form"].errors
    assert not ApiToken.objects.filter(user=owner).exists()


def test_revoke_with_confirm(owner_client, owner):
    token, raw = create_token(owner, "old phone")
    url = reverse("token_revoke", args=[token.pk])
    page = owner_client.get(url)
    assert page.status_code == 200 and "Yes, revoke it" in page.content.decode()
    assert ApiToken.objects.filter(pk=token.pk).exists()
    response = owner_client.post(url)
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert user_for_token(raw) is None
    assert owner_client.post(url).status_code == 404


def test_token_create_needs_post(owner_client):
    assert owner_client.get(reverse("token_create")).status_code == 405


def test_theme_choice_is_kept_in_a_cookie_and_drawn_on_html(owner_client):
    response = owner_client.post(reverse("theme"), {"theme": "dark"})
    assert response.status_code == 302 and response.cookies["theme"].value == "dark"
    html = owner_client.get(reverse("settings")).content.decode()
    assert '<html lang="en" data-theme="dark">' in html
    assert 'value="dark" id="theme-dark" checked' in html
    response = owner_client.post(reverse("theme"), {"theme": "device"})
    assert response.cookies["theme"].value == ""
    html = owner_client.get(reverse("settings")).content.decode()
    assert "data-theme" not in html and 'media="(prefers-color-scheme: dark)"' in html


def test_theme_refuses_an_unknown_choice(owner_client):
    owner_client.cookies["theme"] = "neon"
    response = owner_client.post(reverse("theme"), {"theme": "neon"})
    assert response.status_code == 302 and "theme" not in response.cookies
    assert "data-theme" not in owner_client.get(reverse("settings")).content.decode()


def test_time_zone_is_a_grouped_list_keeping_an_old_alias(owner_client, owner):
    html = owner_client.get(reverse("settings")).content.decode()
    assert '<select name="timezone" class="js-zone-select"' in html
    assert '<optgroup label="Europe">' in html
    assert '<option value="Europe/London" selected>London</option>' in html
    assert "US/Eastern" not in html
    owner.profile.timezone = "US/Eastern"
    owner.profile.save()
    html = owner_client.get(reverse("settings")).content.decode()
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in html


def test_api_tokens_sit_under_for_developers(owner_client):
    html = owner_client.get(reverse("settings")).content.decode()
    assert html.index("For developers") < html.index("Create a token")
    assert html.index("Your data") < html.index("For developers")
