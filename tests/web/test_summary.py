"""The weekly summary page, starring a highlight, and the milestone celebration."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rejection.journal.models import Attempt
from rejection.progress.models import Badge
from rejection.web.views.attempts import JUST_EARNED
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db

# The page tests run at noon UTC on Tuesday 10 March 2026: ISO week 2026-W11.
THIS_WEEK = "2026-W11"


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_current_week_for_the_owner(owner_client, owner):
    make_attempt(owner, "rejected", anxiety_before=6)
    make_attempt(owner, "accepted", days_ago=7, anxiety_before=8)
    response = owner_client.get(reverse("week_summary"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and "This week" in html
    assert "Your nerves before asking eased this week." in html
    assert "On average 6.0 out of 10 this week, 8.0 the week before." in html
    assert reverse("week_summary_for", args=["2026-W10"]) in html
    assert "Next week" not in html


def test_a_past_week_links_both_ways(owner_client, owner):
    make_attempt(owner, "rejected", days_ago=7)
    response = owner_client.get(reverse("week_summary_for", args=["2026-W10"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your week" in html and "<title>Week of 2 Mar \u2013 8 Mar ·" in html
    assert '<span class="muted">23 Feb \u2013 1 Mar</span>' in html  # the week before
    assert '<span class="muted">9 Mar \u2013 15 Mar</span>' in html  # and after
    # Weeks are dates on the page; the ISO name lives only in the links.
    assert not re.search(r"\d{4}-W\d\d", re.sub(r'href="[^"]*"', "", html))
    assert reverse("week_summary_for", args=["2026-W09"]) in html
    assert reverse("week_summary_for", args=[THIS_WEEK]) in html


@pytest.mark.parametrize("week", ["2026-W54", "2026-W12", "2026-11", "nope", "1999-W01"])
def test_a_bad_or_future_week_is_404(owner_client, week):
    assert owner_client.get(reverse("week_summary_for", args=[week])).status_code == 404


def test_each_user_sees_only_their_own_week(login, owner, friend):
    make_attempt(owner, "rejected")
    html = login(friend).get(reverse("week_summary")).content.decode()
    assert "A quiet week so far." in html
    assert "Ask for a discount" not in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (reverse("week_summary"), reverse("week_summary_for", args=[THIS_WEEK])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_star_toggle_keeps_a_highlight(owner_client, owner, attempt):
    detail = owner_client.get(attempt.get_absolute_url()).content.decode()
    assert "Star as this week's highlight" in detail
    assert reverse("attempt_star", args=[attempt.pk]) in detail
    response = owner_client.post(reverse("attempt_star", args=[attempt.pk]))
    assert response.status_code == 302 and response["Location"] == attempt.get_absolute_url()
    assert "Starred as this week's highlight." in _messages(response)
    attempt.refresh_from_db()
    assert attempt.starred
    page = owner_client.get(reverse("week_summary")).content.decode()
    assert "Highlight of the week" in page and attempt.get_absolute_url() in page
    assert "remove the star" in owner_client.get(attempt.get_absolute_url()).content.decode()
    owner_client.post(reverse("attempt_star", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert not attempt.starred


def test_star_is_post_only_and_yours_only(login, client, friend, attempt):
    url = reverse("attempt_star", args=[attempt.pk])
    assert client.post(url).status_code == 302  # anonymous: to the login page
    friend_client = login(friend)
    assert friend_client.get(url).status_code == 405
    assert friend_client.post(url).status_code == 404
    assert friend_client.post(reverse("attempt_star", args=[999999])).status_code == 404
    attempt.refresh_from_db()
    assert not attempt.starred


def test_logging_a_first_no_through_the_page_is_celebrated(owner_client, owner, small_deck):
    response = owner_client.post(
        reverse("log_attempt"),
        {"ask": "Asked for a free coffee", "outcome": "rejected", "visibility": "private"},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    # On the ask's celebration, in place, with its icon.
    assert "New milestone: First no</strong><br>You asked, and heard no." in html
    assert 'class="party__earned"' in html
    assert Badge.objects.filter(user=owner, code="first_no").count() == 1
    again = owner_client.post(
        reverse("log_attempt"),
        {"ask": "Asked for a discount", "outcome": "rejected", "visibility": "private"},
        follow=True,
    )
    assert "New milestone" not in again.content.decode()


def test_an_ask_that_earns_nothing_leaves_the_session_unwritten(owner_client, owner, small_deck):
    url = reverse("log_attempt")
    first = owner_client.post(
        url, {"ask": "Asked for a free coffee", "outcome": "rejected", "visibility": "private"}
    )
    assert JUST_EARNED in owner_client.session  # First no: kept for its celebration
    with CaptureQueriesContext(connection) as queries:
        second = owner_client.post(
            url, {"ask": "Asked for a discount", "outcome": "rejected", "visibility": "private"}
        )
    assert second.status_code == 302
    session_writes = [q["sql"] for q in queries if _writes_session(q["sql"])]
    # The first ask's milestone was never shown (its page not opened): it is dropped, so the
    # second ask's page cannot show it; nothing else touches the session.
    assert len(session_writes) == 1 and JUST_EARNED not in owner_client.session
    assert "New milestone" not in owner_client.get(second["Location"]).content.decode()
    assert "New milestone" not in owner_client.get(first["Location"]).content.decode()
    with CaptureQueriesContext(connection) as queries:
        owner_client.post(
            url, {"ask": "Asked for a window seat", "outcome": "rejected", "visibility": "private"}
        )
    assert not [q["sql"] for q in queries if _writes_session(q["sql"])]


def _writes_session(sql: str) -> bool:
    return "django_session" in sql and not sql.lstrip().upper().startswith("SELECT")


def test_resolving_a_pending_ask_is_celebrated(owner_client, owner):
    pending = make_attempt(owner, "pending")
    response = owner_client.post(
        reverse("attempt_resolve", args=[pending.pk]), {"outcome": "accepted"}
    )
    assert "New milestone: First yes. You asked, and they said yes. People often do." in (
        _messages(response)
    )


def test_editing_into_a_no_is_celebrated(owner_client, owner):
    yes = make_attempt(owner, "accepted")
    edit = owner_client.get(reverse("attempt_edit", args=[yes.pk]))
    assert edit.status_code == 200
    response = owner_client.post(
        reverse("attempt_edit", args=[yes.pk]),
        {"ask": yes.ask, "outcome": "rejected", "visibility": "private"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert any(text.startswith("New milestone: First no.") for text in _messages(response))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_flat_query_count(owner_client, owner):
    url = reverse("week_summary")
    # The page is kept until a write: each count below is the first view after one, once
    # the deck's stamp exists (made at the first view of all).
    owner_client.get(url)
    make_attempt(owner, "rejected", anxiety_before=5)
    few = _count(owner_client, url)
    for number in range(1, 40):
        attempt = make_attempt(owner, ["rejected", "accepted"][number % 2], days_ago=number % 10)
        if number % 4 == 0:
            Attempt.objects.filter(pk=attempt.pk).update(starred=True)
    assert _count(owner_client, url) == few


def test_the_kept_page_follows_each_write_a_star_and_a_new_week(owner_client, owner, _midday):
    """The page is kept until a change (web.views.summary): each must show at the next view."""
    import datetime as dt

    url = reverse("week_summary")

    def page() -> str:
        owner_client.get(url)
        return owner_client.get(url).content.decode()  # the kept copy

    assert "Ask for a bigger table" not in page()
    attempt = make_attempt(owner, "rejected", ask="Ask for a bigger table")
    owner_client.post(reverse("attempt_star", args=[attempt.pk]))
    assert "Ask for a bigger table" in page()
    owner_client.post(reverse("attempt_star", args=[attempt.pk]))  # the star taken back
    assert "Ask for a bigger table" not in page()
    assert reverse("week_summary_for", args=["2026-W10"]) in page()  # the week before
    _midday.shift(dt.timedelta(days=7))  # next Tuesday: a new week, with no write since
    assert reverse("week_summary_for", args=[THIS_WEEK]) in page()  # now the week before
