"""The journal: list, filters, HTMX partial, detail, edit, resolve and delete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rejection.journal.models import Attempt
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db


def test_empty_journal_is_friendly(owner_client, small_deck):
    html = owner_client.get(reverse("journal")).content.decode()
    assert "Nothing here yet" in html
    assert "like this example" in html and "oc--rejected" in html


def test_newest_first_and_only_mine(owner_client, owner, friend, small_deck):
    make_attempt(owner, ask="Older ask", days_ago=3)
    make_attempt(owner, ask="Newer ask", days_ago=1)
    make_attempt(friend, ask="Friend's ask")
    html = owner_client.get(reverse("journal")).content.decode()
    assert html.index("Newer ask") < html.index("Older ask")
    assert "Friend" not in html


def test_filters(owner_client, owner, small_deck):
    from rejection.challenges.models import Challenge

    food = Challenge.objects.get(slug="food-drink-2")
    make_attempt(owner, "accepted", ask="Free refill", challenge_id=food.pk, days_ago=10)
    make_attempt(owner, "rejected", ask="Borrow a pen", days_ago=2, learned="People are kind")
    make_attempt(owner, "avoided", ask="Sing in the street", days_ago=1)

    def titles(query):
        response = owner_client.get(reverse("journal"), query)
        return [attempt.title for attempt in response.context["page"]]

    assert titles({"outcome": "rejected"}) == ["Borrow a pen"]
    assert titles({"category": "food-drink"}) == ["Free refill"]
    assert titles({"q": "kind"}) == ["Borrow a pen"]
    today = dt.date(2026, 3, 10)
    assert titles({"from": (today - dt.timedelta(days=3)).isoformat()}) == [
        "Sing in the street",
        "Borrow a pen",
    ]
    assert titles({"to": (today - dt.timedelta(days=5)).isoformat()}) == ["Free refill"]
    response = owner_client.get(reverse("journal"), {"from": "2026-02-10", "to": "2026-01-01"})
    assert "to" in response.context["form"].errors


def test_htmx_returns_only_the_list(owner_client, owner, small_deck):
    make_attempt(owner, ask="Only ask")
    response = owner_client.get(reverse("journal"), {"q": "Only"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="journal-list"')
    assert "<html" not in html and "Only ask" in html
    full = owner_client.get(reverse("journal"), {"q": "Only"}).content.decode()
    assert "<html" in full and 'id="journal-list"' in full


def test_pagination(owner_client, owner, small_deck):
    for number in range(25):
        make_attempt(owner, ask=f"Ask number {number}", days_ago=number)
    first = owner_client.get(reverse("journal"))
    assert len(first.context["page"]) == 20
    assert "page=2" in first.content.decode()
    second = owner_client.get(reverse("journal"), {"page": 2})
    assert len(second.context["page"]) == 5
    assert "Ask number 24" in second.content.decode()


def test_pending_section_and_quick_resolve(owner_client, owner, small_deck):
    pending = make_attempt(owner, "pending", ask="E-mail a hero")
    html = owner_client.get(reverse("journal")).content.decode()
    assert "Pending answers" in html
    assert reverse("attempt_resolve", args=[pending.pk]) in html
    response = owner_client.post(
        reverse("attempt_resolve", args=[pending.pk]),
        {"outcome": "rejected", "next": reverse("journal")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("journal")
    pending.refresh_from_db()
    assert pending.outcome == "rejected" and pending.points == 10 and pending.resolved_at
    owner.profile.refresh_from_db()
    assert owner.profile.points == 10
    assert "Pending answers" not in owner_client.get(reverse("journal")).content.decode()


def test_resolve_refuses_bad_outcome_and_outside_redirect(owner_client, owner, small_deck):
    pending = make_attempt(owner, "pending")
    url = reverse("attempt_resolve", args=[pending.pk])
    response = owner_client.post(url, {"outcome": "pending"})
    assert response["Location"] == pending.get_absolute_url()
    pending.refresh_from_db()
    assert pending.outcome == "pending"
    response = owner_client.post(url, {"outcome": "accepted", "next": "https://evil.example/"})
    assert response["Location"] == pending.get_absolute_url()
    assert owner_client.get(url).status_code == 405


def test_edit_resolves_pending_by_choosing_outcome(owner_client, owner, small_deck):
    pending = make_attempt(owner, "pending", ask="Ask a magazine to print my letter")
    form = owner_client.get(reverse("attempt_edit", args=[pending.pk])).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data["occurred_at"] = form["occurred_at"].value().strftime("%Y-%m-%dT%H:%M")
    data.update(
        outcome="partial", learned="They offered the web page instead.", tags="press, letters"
    )
    response = owner_client.post(reverse("attempt_edit", args=[pending.pk]), data)
    assert response.status_code == 302
    before = pending.occurred_at
    pending.refresh_from_db()
    assert pending.outcome == "partial" and pending.resolved_at is not None
    assert pending.tags == ["press", "letters"]
    assert pending.learned.startswith("They offered")
    assert pending.occurred_at == before  # an unchanged time is not re-sent


def test_edit_validation_saves_nothing(owner_client, attempt):
    url = reverse("attempt_edit", args=[attempt.pk])
    response = owner_client.post(
        url,
        {"ask": "Changed", "outcome": "accepted", "anxiety_after": "12", "visibility": "private"},
    )
    assert response.status_code == 400
    assert "anxiety_after" in response.context["form"].errors
    attempt.refresh_from_db()
    assert attempt.ask == "Ask for a discount" and attempt.outcome == "rejected"


def test_delete_needs_confirmation(owner_client, owner, attempt):
    url = reverse("attempt_delete", args=[attempt.pk])
    page = owner_client.get(url)
    assert page.status_code == 200 and "Yes, delete it" in page.content.decode()
    assert Attempt.objects.filter(pk=attempt.pk).exists()
    response = owner_client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("journal")
    assert not Attempt.objects.filter(pk=attempt.pk).exists()
    owner.profile.refresh_from_db()
    assert owner.profile.points == 0
    assert owner_client.get(url).status_code == 404


def test_detail_shows_everything(owner_client, owner, small_deck):
    attempt = make_attempt(
        owner,
        "rejected",
        ask="Ask for a discount",
        anxiety_before=8,
        anxiety_after=3,
        predicted_rejection=90,
        feared_outcome="Laughter",
        what_happened="A polite no",
        learned="It was fine",
        tags=["shops", "money"],
    )
    html = owner_client.get(attempt.get_absolute_url()).content.decode()
    for text in (
        "8 of 10",
        "3 of 10",
        "90%",
        "Laughter",
        "A polite no",
        "It was fine",
        "shops",
        "Only me",
    ):
        assert text in html


def test_asks_are_grouped_by_day_with_outcome_and_nerves(owner_client, owner, small_deck):
    make_attempt(owner, "rejected", ask="Borrow a pen", anxiety_before=7, anxiety_after=3)
    make_attempt(owner, "accepted", ask="Free refill", days_ago=1, anxiety_before=5)
    make_attempt(owner, "no_response", ask="Email a hero", days_ago=1)
    make_attempt(owner, "partial", ask="Half a discount", days_ago=5)
    html = owner_client.get(reverse("journal")).content.decode()
    assert html.count('class="jday__title"') == 3
    today, yesterday = html.index(">Today</h3>"), html.index(">Yesterday</h3>")
    assert today < html.index("Borrow a pen") < yesterday < html.index("Free refill")
    assert "Thursday 5 March</h3>" in html
    # Every outcome has its own colour class, always beside its word.
    for outcome, word in (("rejected", "No"), ("accepted", "Yes"),
                          ("no_response", "No response"), ("partial", "Partly")):  # fmt: skip
        assert f'<span class="oc oc--{outcome}">{word}</span>' in html
    words = '<span class="visually-hidden">Nerves 7 before, 3 after, out of 10</span>'
    assert words in html and "7 \u2192 3" in html
    assert '<span class="visually-hidden">Nerves 5 out of 10 before</span>' in html


def test_each_outcome_has_a_distinct_colour():
    import re
    from pathlib import Path

    outcomes = ("rejected", "no_response", "partial", "accepted", "pending", "avoided")
    css = (Path(__file__).parents[2] / "src/rejection/web/static/css/outcomes.css").read_text()
    colours = {
        outcome: re.search(rf"\.oc--{outcome} {{ --oc: var\(--o-{outcome}, (#\w+)\)", css).group(1)
        for outcome in outcomes
    }
    assert len(set(colours.values())) == len(outcomes)
