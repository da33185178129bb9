"""The service worker and the offline page, as the server sends them.

What they do in a browser with no connection is tests/browser/test_offline.py.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

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


def test_a_sent_ask_with_its_owner_field_is_saved_once(owner, owner_client) -> None:
    """What the page sends later is the form as it was: the extra field changes nothing."""
    data = {
        "ask": "Asked for a window seat",
        "outcome": "rejected",
        "idempotency_key": "kept-offline-1",
        "offline_owner": str(owner.pk),
        "visibility": "private",
    }
    first = owner_client.post(reverse("log_attempt"), data)
    again = owner_client.post(reverse("log_attempt"), data)
    assert first.status_code == again.status_code == 302
    assert owner.attempts.count() == 1
