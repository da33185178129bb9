"""Text that reaches other people at once is refused outright when a rule of the screen stops it.

`refuse_unsafe(field, *texts)` raises a 422 naming the field, with the warm reason and the
category; only a rule refuses (a text only the classifier doubts goes through). Wired today
for the display name (API, settings page) and for the words of an ask shared with friends or
in public (API, log page, edit page, CLI); a private ask is the person's own and never refused.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from rejection.challenges.safety import REASONS, refuse_unsafe, screen_text
from rejection.core.errors import Refused
from rejection.journal.models import Attempt
from tests.conftest import bearer
from tests.writes import log_ask

pytestmark = pytest.mark.django_db

API = "/api/v1"
HATEFUL_NAME = "Go back to your own country"
UNSAFE_ASK = "Tell the waiter you're a food critic so he gives you a free dessert"


def test_refuse_unsafe_names_the_field_the_category_and_the_reason() -> None:
    with pytest.raises(Refused) as refused:
        refuse_unsafe("comment", "nice one", UNSAFE_ASK)
    error = refused.value
    assert (error.status, error.code, error.field) == (422, "unsafe_text", "comment")
    assert error.category == "deception"  # type: ignore[attr-defined]
    assert error.fields == {"comment": [REASONS["deception"]]}
    assert error.message == REASONS["deception"]


def test_refuse_unsafe_lets_kind_text_and_classifier_only_doubts_through() -> None:
    refuse_unsafe("comment", "Ask a police officer what the best part of the job is")
    refuse_unsafe("comment", "", "   ")
    # Held texts (only the classifier doubts them) are not refused outright: whatever the
    # classifier thinks, a text no rule stops returns normally.
    for text in ("Ask for a free refill", "Dance in the square for a whole song"):
        assert not screen_text(text).codes or screen_text(text).held
        refuse_unsafe("comment", text)


def _api(client: Any, user: Any, method: str, path: str, body: Any) -> Any:
    return getattr(client, method)(
        API + path, data=json.dumps(body), content_type="application/json", headers=bearer(user)
    )


def test_api_refuses_an_unsafe_display_name_with_422_naming_it(client: Any, owner: Any) -> None:
    response = _api(client, owner, "patch", "/me", {"display_name": HATEFUL_NAME})
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "unsafe_text" and error["category"] == "hate"
    assert error["fields"] == {"display_name": [REASONS["hate"]]}
    owner.profile.refresh_from_db()
    assert owner.profile.display_name == ""
    fine = _api(client, owner, "patch", "/me", {"display_name": "Sam the Brave"})
    assert fine.status_code == 200 and fine.json()["display_name"] == "Sam the Brave"


def test_other_errors_carry_no_category(client: Any, owner: Any) -> None:
    response = _api(client, owner, "patch", "/me", {"timezone": "Mars/Olympus"})
    assert response.status_code == 422
    assert "category" not in response.json()["error"]


def test_settings_page_shows_the_reason_under_the_display_name(
    owner_client: Any, owner: Any
) -> None:
    response = owner_client.post(
        reverse("settings"),
        {"display_name": HATEFUL_NAME, "timezone": "Europe/Paris", "streak_mode": "classic"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["display_name"] == [REASONS["hate"]]
    owner.profile.refresh_from_db()
    assert (owner.profile.display_name, owner.profile.timezone) == ("", "Europe/London")


def test_api_refuses_unsafe_words_of_a_shared_ask(client: Any, owner: Any) -> None:
    # Public asks need a public profile first (community); friends is the plain case.
    body = {"ask": UNSAFE_ASK, "outcome": "rejected", "visibility": "friends"}
    response = _api(client, owner, "post", "/attempts", body)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["category"] == "deception"
    assert error["fields"] == {"ask": [REASONS["deception"]]}
    assert not Attempt.objects.filter(user=owner).exists()


def test_a_private_ask_is_never_refused(client: Any, owner: Any) -> None:
    body = {"ask": UNSAFE_ASK, "outcome": "rejected", "visibility": "private"}
    assert _api(client, owner, "post", "/attempts", body).status_code == 201


def test_sharing_a_private_unsafe_ask_later_is_refused(client: Any, owner: Any) -> None:
    attempt = log_ask(owner, {"ask": UNSAFE_ASK, "outcome": "rejected"}).attempt
    response = _api(client, owner, "patch", f"/attempts/{attempt.pk}", {"visibility": "friends"})
    assert response.status_code == 422, response.content
    assert response.json()["error"]["fields"] == {"ask": [REASONS["deception"]]}
    attempt.refresh_from_db()
    assert attempt.visibility == "private"
    kind = {"ask": "Ask for a free refill", "visibility": "friends"}
    assert _api(client, owner, "patch", f"/attempts/{attempt.pk}", kind).status_code == 200


def test_log_page_shows_the_reason_under_the_ask(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(
        reverse("log_attempt"),
        {"ask": UNSAFE_ASK, "outcome": "rejected", "visibility": "friends"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ask"] == [REASONS["deception"]]
    assert not Attempt.objects.filter(user=owner).exists()


def test_edit_page_refuses_sharing_unsafe_words(owner_client: Any, owner: Any) -> None:
    attempt = log_ask(owner, {"ask": UNSAFE_ASK, "outcome": "rejected"}).attempt
    page = reverse("attempt_edit", args=[attempt.pk])
    response = owner_client.post(
        page, {"ask": UNSAFE_ASK, "outcome": "rejected", "visibility": "friends"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ask"] == [REASONS["deception"]]
    attempt.refresh_from_db()
    assert attempt.visibility == "private"


def test_cli_refuses_unsafe_words_of_a_shared_ask_naming_the_field(owner: Any) -> None:
    with pytest.raises(CommandError, match=r"^ask: It relies on pretending"):
        call_command("log", "owner", outcome="rejected", ask=UNSAFE_ASK, visibility="friends")
    assert not Attempt.objects.filter(user=owner).exists()
    call_command("log", "owner", outcome="rejected", ask=UNSAFE_ASK)  # private: kept
    assert Attempt.objects.filter(user=owner).count() == 1
