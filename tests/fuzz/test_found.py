"""What the fuzzer found, kept as plain tests: an import naming things by a list or an
object (where a string or a number belongs) is a 422 naming the field, never a 500."""

from __future__ import annotations

import pytest

from rejection.journal.models import Attempt
from tests.api.conftest import API, assert_error
from tests.conftest import bearer, make_user

PROFILE = {"username": "me", "display_name": "", "timezone": "UTC", "streak_mode": "classic"}
FORMAT = {"format": "rejection-therapy-export", "version": 1, "profile": PROFILE}
ATTEMPT = {
    "uuid": "3f0c2b56-9a8e-4c1e-b9a1-0d6f2f1b7a10",
    "outcome": "rejected",
    "ask": "Ask for a discount",
    "occurred_at": "2026-03-10T09:15:00+00:00",
    "local_date": "2026-03-10",
}


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"attempts": [{**ATTEMPT, "challenge": {"custom": {}}}]}, "attempts[0].challenge"),
        ({"attempts": [{**ATTEMPT, "challenge": {"custom": [1]}}]}, "attempts[0].challenge"),
        ({"enrollments": [{"program": ["a"], "length_days": 7}]}, "enrollments[0].program"),
        ({"enrollments": [{"program": {}, "length_days": 7}]}, "enrollments[0].program"),
        ({"profile": {**PROFILE, "display_name": {}}}, "profile.display_name"),
        ({"profile": {**PROFILE, "timezone": ["UTC"]}}, "profile.timezone"),
        ({"profile": {**PROFILE, "streak_mode": 1}}, "profile.streak_mode"),
    ],
)
def test_import_of_wrongly_typed_references_is_refused_by_field(client, db, document, field):
    user = make_user("importer")
    response = client.post(
        API + "/import",
        {**FORMAT, **document},
        content_type="application/json",
        headers=bearer(user),
    )
    fields = assert_error(response, 422, "invalid")
    assert any(name.startswith(field) for name in fields), fields
    assert not Attempt.objects.filter(user=user).exists()


def small_deck_category() -> str:
    from rejection.challenges.models import Category

    return Category.objects.order_by("pk").values_list("slug", flat=True)[0]


def test_a_real_custom_challenge_reference_still_imports(client, small_deck):
    user = make_user("importer")
    category = small_deck_category()
    challenge = {
        "id": 7,
        "title": "Ask for a high five",
        "category": {"slug": category},
        "difficulty": 3,
    }
    document = {
        **FORMAT,
        "custom_challenges": [challenge],
        "attempts": [{**ATTEMPT, "challenge": {"custom": 7}}],
    }
    response = client.post(
        API + "/import", document, content_type="application/json", headers=bearer(user)
    )
    assert response.status_code == 200, response.content
    assert Attempt.objects.get(user=user).challenge.title == challenge["title"]


@pytest.mark.django_db
def test_a_nul_anywhere_in_an_import_is_named_and_nothing_is_saved(owner) -> None:
    from django.test import Client

    from tests.conftest import bearer

    document = {
        "format": "rejection-therapy-export",
        "version": 1,
        "enrollments": [{"program": "cla\x00ssic", "start_date": "2026-01-01", "length_days": 30}],
    }
    response = Client(headers=bearer(owner)).post(
        "/api/v1/import", document, content_type="application/json"
    )
    assert response.status_code == 422
    assert "enrollments[0].program" in response.json()["error"]["fields"]
