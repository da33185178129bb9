"""Landing, progress, the base layout, sign-up and the static files it links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from rejection.accounts.models import Profile
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db


def test_landing_says_what_it_is_and_is_not(client):
    html = client.get(reverse("landing")).content.decode()
    for text in (
        "not therapy",
        "exposure therapy",
        "findahelpline.com",
        "Accept the first no",
        "Never film people without their consent",
        "cost a worker their job",
        reverse("account_signup"),
        reverse("account_login"),
    ):
        assert text in html


def test_landing_links_members_to_today(owner_client):
    html = owner_client.get(reverse("landing")).content.decode()
    assert "Go to Today" in html


def test_layout_is_accessible_and_csp_ready(owner_client, small_deck):
    html = owner_client.get(reverse("today")).content.decode()
    assert '<meta name="viewport"' in html and 'href="#main"' in html and 'id="main"' in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "manifest.webmanifest" in html
    assert 'aria-current="page"' in html and html.count('aria-current="page"') == 1
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline scripts"
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    assert "style=" not in html


@pytest.mark.parametrize(
    "name",
    ["landing", "today", "log_attempt", "journal", "deck", "progress", "settings", "programs"],
)
def test_no_inline_styles_or_scripts_anywhere(owner_client, small_deck, name):
    html = owner_client.get(reverse(name)).content.decode()
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert re.search(r"<h1[ >]", html)


def test_static_files_exist():
    for path in (
        "css/app.css",
        "js/app.js",
        "icons/icon.svg",
        "icons/maskable.svg",
        "django_htmx/htmx-2.min.js",
    ):
        assert finders.find(path), path
    manifest = json.loads(Path(finders.find("manifest.webmanifest")).read_text())
    assert manifest["start_url"] == "/today/" and manifest["display"] == "standalone"
    assert all(
        icon["type"] == "image/svg+xml" and finders.find(icon["src"]) for icon in manifest["icons"]
    )


def test_progress_empty_state(owner_client):
    html = owner_client.get(reverse("progress")).content.decode()
    assert "once you log your first ask" in html


def test_progress_figures_and_sentences(owner_client, owner, small_deck):
    make_attempt(owner, "rejected", predicted_rejection=80, anxiety_before=8, anxiety_after=4)
    make_attempt(owner, "accepted", predicted_rejection=80, anxiety_before=6, anxiety_after=2)
    make_attempt(owner, "avoided", days_ago=1)
    html = owner_client.get(reverse("progress")).content.decode()
    assert "You expected a no 80% of the time; you got one 50% of the time." in html
    assert "7.0 out of 10 before asking and 3.0 after" in html
    assert "w-80" in html and "w-50" in html
    assert "11" in html  # points


def test_signup_uses_our_layout_and_saves_profile(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'class="stack js-detect-tz"' in page and 'name="timezone"' in page
    assert "/static/css/app.css" in page
    response = client.post(
        reverse("account_signup"),
        {
            "username": "newbie",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
            "display_name": "New",
            "timezone": "Australia/Sydney",
            "age_confirmed": "on",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user__username="newbie")
    assert profile.timezone == "Australia/Sydney" and profile.display_name == "New"


def test_signup_time_zone_is_validated(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "username": "newbie",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
            "timezone": "Nowhere/Land",
            "age_confirmed": "on",
        },
    )
    assert response.status_code == 200
    assert 'id="id_timezone_error"' in response.content.decode()
    assert not Profile.objects.filter(user__username="newbie").exists()


def test_login_page_uses_our_layout(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert "/static/css/app.css" in html and 'href="#main"' in html and "<label" in html


def test_not_found_page(owner_client):
    response = owner_client.get("/journal/987654/")
    assert response.status_code == 404


def test_signup_time_zone_is_labelled_and_explained(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    assert "Time zone" in page
    assert "Your day starts at midnight here." in page
    assert '<select name="timezone" class="js-zone-select"' in page
