"""Browsing the deck and writing a custom challenge."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rejection.challenges.models import Challenge

pytestmark = pytest.mark.django_db


def test_deck_lists_and_paginates(client, small_deck):
    response = client.get(reverse("deck"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 24
    assert len(response.context["page"]) == 20
    assert len(client.get(reverse("deck"), {"page": 2}).context["page"]) == 4


def test_deck_filters(client, small_deck):
    def cards(query):
        return list(client.get(reverse("deck"), query).context["page"])

    assert {c.category.slug for c in cards({"category": "strangers"})} == {"strangers"}
    assert all(3 <= c.difficulty <= 4 for c in cards({"min": 3, "max": 4}))
    assert [c.title for c in cards({"q": "Strangers ask 5"})] == ["Strangers ask 5"]
    response = client.get(reverse("deck"), {"min": 8, "max": 2})
    assert "max" in response.context["form"].errors


def test_deck_htmx_partial(client, small_deck):
    response = client.get(
        reverse("deck"), {"category": "strangers"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="deck-list"') and "<html" not in html


def test_create_custom_challenge(owner_client, owner, small_deck):
    response = owner_client.post(
        reverse("challenge_new"),
        {
            "title": "Ask for a tour of the kitchen",
            "category": "food-drink",
            "difficulty": "6",
            "tags": "food, #bold",
            "safety": "Only when it is quiet.",
            "answer_later": "",
        },
    )
    custom = Challenge.objects.get(author=owner)
    assert response.status_code == 302 and response["Location"] == custom.get_absolute_url()
    assert custom.tags == ["food", "bold"] and custom.difficulty == 6
    assert "Only you can see it" in owner_client.get(custom.get_absolute_url()).content.decode()


def test_custom_challenge_validation_saves_nothing(owner_client, small_deck):
    before = Challenge.objects.count()
    response = owner_client.post(
        reverse("challenge_new"), {"title": "", "category": "nope", "difficulty": "11"}
    )
    assert response.status_code == 400
    assert {"title", "category", "difficulty"} <= set(response.context["form"].errors)
    assert Challenge.objects.count() == before


def test_custom_challenge_service_errors_reach_fields(owner_client, small_deck):
    long_tag = "x" * 41
    response = owner_client.post(
        reverse("challenge_new"),
        {"title": "Ok", "category": "strangers", "difficulty": "2", "tags": long_tag},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["tags"] == ["Keep each tag to 40 characters."]
    assert not Challenge.objects.filter(title="Ok").exists()


def test_the_category_lists_are_grouped_by_the_intakes_areas(client, owner_client, small_deck):
    """One vocabulary: the deck's categories sit under the intake's areas they belong to."""
    from rejection.coach.areas import AREAS, area_of

    for page in (client.get(reverse("deck")), owner_client.get(reverse("challenge_new"))):
        html = page.content.decode()
        assert '<optgroup label="' in html
        field = page.context["form"].fields["category"]
        for label, options in field.choices[1:]:
            assert label in AREAS.values()
            assert {AREAS[area_of(slug)] for slug, _ in options} == {label}


def test_each_challenge_names_its_intake_area(client, small_deck):
    from rejection.challenges.models import Challenge

    card = Challenge.objects.get(slug="food-drink-2")
    html = client.get(card.get_absolute_url()).content.decode()
    assert f'{card.category.name} <span class="muted">(Service staff)</span>' in html
    listing = client.get(reverse("deck"), {"category": "food-drink"}).content.decode()
    assert f"{card.category.name} (Service staff)" in listing
