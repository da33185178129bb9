"""HTMX: a fragment for a targeted request, the whole page for a boosted one."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from rejection.core.htmx import wants_partial
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db

BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


@pytest.mark.parametrize(
    ("headers", "partial"),
    [({}, False), ({"HX-Request": "true"}, True), (BOOSTED, False)],
)
def test_wants_partial(headers, partial):
    request = RequestFactory().get("/", headers=headers)
    request.htmx = HtmxDetails(request)
    assert wants_partial(request) is partial


def test_boosted_deck_request_gets_the_full_page(client, small_deck):
    response = client.get(reverse("deck"), {"category": "strangers"}, headers=BOOSTED)
    assert response.status_code == 200
    assert response.templates[0].name == "web/deck.html"
    assert "<html" in response.content.decode()


def test_boosted_journal_request_gets_the_full_page(owner_client, owner, small_deck):
    make_attempt(owner, "pending", ask="Waiting on an answer")
    response = owner_client.get(reverse("journal"), headers=BOOSTED)
    assert response.status_code == 200
    assert response.templates[0].name == "web/journal.html"
    assert "<html" in response.content.decode()
    assert [a.ask for a in response.context["pending"]] == ["Waiting on an answer"]
