"""The journal's filter form: drawn without Django's widget templates, yet the same markup."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse

from rejection.web.forms import JournalFilterForm, QuickSelect

pytestmark = pytest.mark.django_db


def _squeeze(html: str) -> str:
    """Drop the whitespace between tags, which browsers ignore in a select."""
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {"id": "id_pick"}),
        ("", {"id": "id_pick"}),
        ("b", {"id": "id_pick"}),
        ("not-a-choice", {"aria-invalid": "true", "aria-describedby": "id_pick_error"}),
        ("a", {"required": True, "disabled": False, "data-x": '"<&>'}),
    ],
)
def test_quick_select_draws_what_django_draws(value, attrs):
    choices = [("", "Any"), ("a", "A & <b>"), ("b", 'The "B"')]
    django_html = forms.Select(choices=choices).render("pick", value, attrs)
    quick_html = QuickSelect(choices=choices).render("pick", value, attrs)
    assert _squeeze(quick_html) == _squeeze(django_html)


def _field_markup(html: str, name: str) -> str:
    start = html.index(f'<label for="id_{name}">')
    return _squeeze(html[start : html.index("</div>", start)])


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"outcome": "rejected", "category": "food-drink", "q": '<b>"x"', "from": "2026-03-01"},
        {"outcome": "bogus", "category": "nowhere", "from": "2026-03-09", "to": "2026-03-01"},
        {"q": "x" * 101, "from": "not-a-day"},
    ],
)
def test_page_fields_match_the_shared_field_partial(owner_client, small_deck, query):
    """Each field reads as web/_field.html and Django's widgets would draw it."""
    from django.template.loader import render_to_string

    html = owner_client.get(reverse("journal"), query).content.decode()
    form = JournalFilterForm(query or None)
    form.is_valid()
    for name in ("q", "outcome", "category", "from", "to"):
        expected = render_to_string("web/_field.html", {"field": form[name], "quiet": True})
        expected = expected[expected.index("<label") : expected.rindex("</div>")]
        assert _field_markup(html, name) == _squeeze(expected), name


def test_a_new_category_is_offered_at_once(owner_client, small_deck):
    from rejection.challenges.models import Category

    owner_client.get(reverse("journal"))  # the choices are now kept
    Category.objects.create(slug="late-night", name="Late at night", position=99)
    html = owner_client.get(reverse("journal")).content.decode()
    assert '<option value="late-night">Late at night</option>' in html
    renamed = Category.objects.get(slug="late-night")
    renamed.name = "After dark"
    renamed.save()
    html = owner_client.get(reverse("journal"), {"category": "late-night"}).content.decode()
    assert '<option value="late-night" selected>After dark</option>' in html
    renamed.delete()
    assert "late-night" not in owner_client.get(reverse("journal")).content.decode()
