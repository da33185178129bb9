"""Today's cached page and JSON never go stale, and never reach anyone else.

The page (`/today/`) and `GET /api/v1/today` are kept until anything they show changes
(practice.reads.cached_read): each write below, a new local day, a new time zone and an
edit to the deck must show at the next view. The page is kept with a placeholder for the
CSRF token, so each response carries the requesting browser's own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from rejection.challenges.models import Challenge
from rejection.community.models import Notification
from rejection.journal.models import Attempt
from rejection.progress.services import take_rest_day
from rejection.web.cached_html import CSRF_PLACEHOLDER
from tests.conftest import bearer, make_user
from tests.writes import delete_ask, edit_ask, log_ask, start, update_profile

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC)  # 13:00 in London, the owner's zone
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def faces(user: Any) -> tuple[Client, Client]:
    page, api = Client(), Client(headers=bearer(user))
    page.force_login(user)
    return page, api


def seen(page: Client, api: Client) -> tuple[str, dict[str, Any]]:
    """Today as the page and the API show it; each asked twice, so a kept copy is what shows."""
    page.get("/today/")
    api.get("/api/v1/today")
    html = page.get("/today/").content.decode()
    assert CSRF_PLACEHOLDER not in html
    return html, api.get("/api/v1/today").json()


def test_each_write_shows_at_once(owner, small_deck) -> None:
    page, api = faces(owner)
    with time_machine.travel(NOON, tick=False):
        html, body = seen(page, api)
        assert "Done today" not in html and body["asks_today"] == 0

        logged = log_ask(owner, {"ask": "Ask for a discount", "outcome": "rejected"})
        html, body = seen(page, api)
        assert "Done today" in html and "done-card--rejected" in html
        assert body["asks_today"] == 1 and body["done_today"] and body["points"] > 0

        attempt = Attempt.objects.get(pk=logged.attempt.pk)
        edit_ask(owner, attempt, {"outcome": "accepted"})
        html, body = seen(page, api)
        assert "done-card--accepted" in html and "done-card--rejected" not in html

        delete_ask(owner, Attempt.objects.get(pk=attempt.pk))
        html, body = seen(page, api)
        assert "Done today" not in html and body["asks_today"] == 0 and body["points"] == 0


def test_a_card_swap_a_rest_day_and_a_program_show_at_once(owner, small_deck) -> None:
    page, api = faces(owner)
    with time_machine.travel(NOON, tick=False):
        html, body = seen(page, api)
        card = body["challenge"]["id"]
        assert "3 left today" in html and body["rerolls_left"] == 3

        page.post("/today/reroll/")  # the page's form, not HTMX: it answers with a redirect
        html, body = seen(page, api)
        assert body["challenge"]["id"] != card and body["rerolls_left"] == 2
        assert "2 left today" in html
        assert Challenge.objects.get(pk=body["challenge"]["id"]).title in html

        take_rest_day(owner, dt.date(2026, 6, 10))
        html, body = seen(page, api)
        assert "Today is a rest day." in html and body["rest_today"] and body["freezes_left"] == 1

        start(owner, "classic-30", dt.date(2026, 6, 10))
        html, body = seen(page, api)
        assert "Day 1 <span" in html and body["day_number"] == 1
        assert body["program"]["slug"] == "classic-30"


def test_midnight_in_the_persons_zone_is_a_new_today(owner, small_deck) -> None:
    page, api = faces(owner)
    start(owner, "classic-30", dt.date(2026, 6, 10))
    before_midnight = dt.datetime(2026, 6, 10, 22, 59, tzinfo=dt.UTC)  # 23:59 in London
    with time_machine.travel(before_midnight, tick=False):
        html, body = seen(page, api)
        assert "Day 1 <span" in html and body["date"] == "2026-06-10"
    with time_machine.travel(before_midnight + dt.timedelta(minutes=2), tick=False):
        html, body = seen(page, api)  # 00:01 in London, still 23:01 in UTC
        assert "Day 2 <span" in html and body["date"] == "2026-06-11"
        assert body["rerolls_left"] == 3


def test_a_new_time_zone_and_a_new_streak_mode_show_at_once(owner, small_deck) -> None:
    page, api = faces(owner)
    late = dt.datetime(2026, 6, 10, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 11th in London
    with time_machine.travel(late, tick=False):
        log_ask(owner, {"ask": "Ask for a discount", "outcome": "rejected"})
        html, body = seen(page, api)
        assert body["date"] == "2026-06-11" and 'data-tz="Europe/London"' in html
        update_profile(owner, timezone="America/New_York")  # 19:30 on the 10th there
        html, body = seen(page, api)
        assert body["date"] == "2026-06-10" and 'data-tz="America/New_York"' in html


def test_an_edited_card_shows_at_once(owner, small_deck) -> None:
    page, api = faces(owner)
    with time_machine.travel(NOON, tick=False):
        html, body = seen(page, api)
        challenge = Challenge.objects.get(pk=body["challenge"]["id"])
        challenge.title = "Ask a stranger for their favourite word"
        challenge.save(update_fields=["title"])
        html, body = seen(page, api)
        assert "Ask a stranger for their favourite word" in html
        assert body["challenge"]["title"] == "Ask a stranger for their favourite word"


def test_a_dismissed_intro_and_a_message_are_their_own_pages(owner, small_deck) -> None:
    page, api = faces(owner)
    with time_machine.travel(NOON, tick=False):
        assert "How Today works" in seen(page, api)[0]
        page.post("/today/intro/")
        assert "How Today works" not in seen(page, api)[0]
        # A message shows once, on a page made for it, and the kept page comes back after.
        page.post("/today/rest/")
        with_message = page.get("/today/").content.decode()
        assert "Rest day taken" in with_message and "Today is a rest day." in with_message
        after = page.get("/today/").content.decode()
        assert "Rest day taken" not in after and "Today is a rest day." in after


def test_the_frame_follows_the_bell_and_the_theme(owner, small_deck) -> None:
    page, api = faces(owner)
    with time_machine.travel(NOON, tick=False):
        assert "unread" not in seen(page, api)[0]
        Notification.objects.create(recipient=owner, kind="cheer", text="Someone cheered")
        assert "Notifications, 1 unread" in seen(page, api)[0]
        page.cookies["theme"] = "dark"
        assert 'data-theme="dark"' in seen(page, api)[0]


def test_nobody_sees_another_persons_today(owner, small_deck) -> None:
    other = make_user("other", "Europe/London")
    mine, _ = faces(owner)
    theirs, _ = faces(other)
    with time_machine.travel(NOON, tick=False):
        log_ask(owner, {"ask": "Ask the owner's own question", "outcome": "rejected"})
        for _ in range(2):
            assert "Ask the owner&#x27;s own question" in mine.get("/today/").content.decode()
            html = theirs.get("/today/").content.decode()
            assert "owner&#x27;s own question" not in html
            assert f'data-owner="{other.pk}"' in html and f'data-owner="{owner.pk}"' not in html


def test_each_browser_gets_its_own_csrf_token_in_the_kept_page(owner, small_deck) -> None:
    with time_machine.travel(NOON, tick=False):
        first = Client(enforce_csrf_checks=True)
        first.force_login(owner)
        first.get("/today/")  # built and kept with the first browser's session
        second = Client(enforce_csrf_checks=True)
        second.force_login(owner)
        html = second.get("/today/").content.decode()  # kept: the same user, day and version
        secret = second.cookies["csrftoken"].value
        tokens = TOKEN.findall(html)
        assert len(tokens) >= 3  # the start form, the reroll and the rest day
        assert all(_unmask_cipher_token(token) == secret for token in tokens)
        assert len(set(tokens)) == 1  # one fresh mask per response, as for the header's
        assert secret != first.cookies["csrftoken"].value
        # And the form works from the kept page.
        assert second.post("/today/reroll/", {"csrfmiddlewaretoken": tokens[0]}).status_code == 302


def test_the_kept_json_is_the_callers_own_card_as_the_api_shows_it(owner, small_deck) -> None:
    from rejection.progress.models import DailyPick
    from tests.writes import write_challenge

    category = Challenge.objects.deck().first().category.slug
    mine = write_challenge(
        owner, {"category": category, "title": "Ask the baker for a warm loaf", "difficulty": 3}
    )
    page, api = faces(owner)
    with time_machine.travel(NOON, tick=False):
        DailyPick.objects.create(user=owner, local_date=dt.date(2026, 6, 10), challenge=mine)
        _, kept = seen(page, api)
    card = kept["challenge"]
    assert card["id"] == mine.pk and card["is_custom"]
    # Its author sees the screen's answer on it, as on GET /challenges/{id}.
    assert card["safety_status"] == "clear" and card["share_status"] == "private"
