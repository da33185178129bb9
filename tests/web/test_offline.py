"""The service worker and the offline page, as the server sends them.

What they do in a browser with no connection is tests/browser/test_offline.py.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rejection.web.views import offline

pytestmark = pytest.mark.django_db


def test_the_worker_is_served_from_the_root_and_never_cached_stale(client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    source = response.content.decode()
    assert "{%" not in source and "{{" not in source
    assert 'importScripts("/static/js/queue.js")' in source
    assert re.search(r'const VERSION = "[0-9a-f]{12}";', source)
    assert '"/offline/", "/static/css/app.css"' in source
    assert 'const LOG_URL = "/log/";' in source


def test_the_worker_names_a_new_version_when_what_it_keeps_changes(monkeypatch) -> None:
    offline._worker_source.cache_clear()
    before = re.search(r'VERSION = "(\w+)"', offline._worker_source())
    monkeypatch.setattr(offline, "SHELL_STATIC", (*offline.SHELL_STATIC, "css/charts.css"))
    offline._worker_source.cache_clear()
    after = re.search(r'VERSION = "(\w+)"', offline._worker_source())
    offline._worker_source.cache_clear()
    assert before and after and before.group(1) != after.group(1)


def test_the_offline_page_is_for_everyone_and_explains_each_case(owner_client) -> None:
    for visitor in (Client(), owner_client):
        response = visitor.get(reverse("offline"))
        assert response.status_code == 200
        page = response.content.decode()
        for reason in ("kept", "unsent", "not-kept", "idle"):
            assert f'data-reason="{reason}"' in page
        assert 'id="kept-asks"' in page


def test_pages_say_whose_they_are_only_when_signed_in(owner, owner_client) -> None:
    anonymous = Client().get(reverse("landing")).content.decode()
    assert "data-owner" not in anonymous
    assert 'data-service-worker="/sw.js"' in anonymous
    signed_in = owner_client.get(reverse("today")).content.decode()
    assert f'data-owner="{owner.pk}"' in signed_in
    assert "js/offline.js" in signed_in and "js/queue.js" in signed_in


def test_the_log_form_carries_its_owner_and_zone_for_an_ask_kept_offline(
    owner, owner_client
) -> None:
    owner.profile.timezone = "Pacific/Auckland"
    owner.profile.save()
    page = owner_client.get(reverse("log_attempt")).content.decode()
    assert f'name="offline_owner" value="{owner.pk}"' in page
    assert 'data-tz="Pacific/Auckland"' in page
    # Pages that link to the log form ask the worker to keep it.
    assert re.search(r'href="/log/"[^>]*data-keep-offline', page)


KEPT = {"HTTP_X_KEPT_OFFLINE": "1"}


def _kept_ask(owner, **changes):
    return {
        "ask": "Asked for a window seat",
        "outcome": "rejected",
        "idempotency_key": "kept-offline-1",
        "offline_owner": str(owner.pk),
        "visibility": "private",
        **changes,
    }


def test_a_form_sent_as_typed_with_its_owner_field_is_saved_once(owner, owner_client) -> None:
    """Without the header it is an ordinary form post: the extra field changes nothing."""
    first = owner_client.post(reverse("log_attempt"), _kept_ask(owner))
    again = owner_client.post(reverse("log_attempt"), _kept_ask(owner))
    assert first.status_code == again.status_code == 302
    assert owner.attempts.count() == 1


def test_an_ask_sent_from_the_phone_later_answers_with_its_own_line(owner, owner_client) -> None:
    response = owner_client.post(reverse("log_attempt"), _kept_ask(owner), **KEPT)
    assert response.status_code == 200
    attempt = owner.attempts.get()
    assert attempt.ask == "Asked for a window seat"
    # Its own line and the first-no milestone go back to the page that sent it, which
    # shows each sent ask's line beside the others (offline.js).
    body = response.json()
    assert body["line"].startswith("A no! That's the win.")
    assert body["milestones"] == [
        "New milestone: First no. You asked, and heard no. That's the whole point."
    ]
    assert body["url"] == attempt.get_absolute_url()


def test_a_kept_ask_refused_by_the_service_names_the_field(owner, owner_client) -> None:
    """A time still to come: 400 with the field and its reason, for the page to show."""
    later = (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = owner_client.post(
        reverse("log_attempt"), _kept_ask(owner, occurred_at=later), **KEPT
    )
    assert response.status_code == 400
    assert "still to come" in response.json()["errors"]["occurred_at"][0]
    assert owner.attempts.count() == 0


def test_sending_it_twice_or_changed_saves_once_and_says_nothing_more(owner, owner_client) -> None:
    owner_client.post(reverse("log_attempt"), _kept_ask(owner), **KEPT)
    owner_client.get(reverse("today"))  # its lines shown
    again = owner_client.post(reverse("log_attempt"), _kept_ask(owner), **KEPT)
    changed = owner_client.post(reverse("log_attempt"), _kept_ask(owner, ask="Other"), **KEPT)
    assert again.status_code == changed.status_code == 204
    assert owner.attempts.count() == 1
    today = owner_client.get(reverse("today")).content.decode()
    assert "Already saved" not in today and "already saved" not in today


def test_a_kept_ask_the_form_refuses_stays_on_the_phone(owner, owner_client) -> None:
    """400 with the field named: offline.js keeps it and marks it, nothing is saved."""
    response = owner_client.post(
        reverse("log_attempt"), _kept_ask(owner, anxiety_before="11"), **KEPT
    )
    assert response.status_code == 400
    assert "anxiety_before" in response.json()["errors"]
    assert owner.attempts.count() == 0


def test_a_kept_ask_sent_when_signed_out_is_sent_to_log_in(owner) -> None:
    response = Client().post(reverse("log_attempt"), _kept_ask(owner), **KEPT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert owner.attempts.count() == 0
