"""Who may see which page: anonymous, owner, another user, staff."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rejection.accounts.services import create_token
from rejection.challenges.models import Challenge
from tests.writes import write_challenge

pytestmark = pytest.mark.django_db

MEMBER_PAGES = [
    "today",
    "programs",
    "log_attempt",
    "journal",
    "progress",
    "settings",
    "challenge_new",
]
PUBLIC_PAGES = ["landing", "deck"]


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_anonymous_is_sent_to_log_in(client, small_deck, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_anonymous_sees_public_pages(client, small_deck, name):
    assert client.get(reverse(name)).status_code == 200


def test_anonymous_attempt_pages_redirect(client, attempt):
    for name in ("attempt_detail", "attempt_edit", "attempt_delete"):
        response = client.get(reverse(name, args=[attempt.pk]))
        assert response.status_code == 302


@pytest.mark.parametrize("who", ["owner", "friend", "staff"])
@pytest.mark.parametrize("name", MEMBER_PAGES + PUBLIC_PAGES)
def test_signed_in_users_see_every_page(request, login, small_deck, who, name):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("who", ["friend", "stranger", "staff"])
@pytest.mark.parametrize("name", ["attempt_detail", "attempt_edit", "attempt_delete"])
def test_someone_elses_attempt_is_404(request, login, attempt, who, name):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    assert client.post(reverse(name, args=[attempt.pk]), {"outcome": "accepted"}).status_code == 404


@pytest.mark.parametrize("who", ["friend", "stranger"])
def test_someone_else_cannot_resolve_or_delete(request, login, owner, small_deck, who):
    from tests.web.conftest import make_attempt

    pending = make_attempt(owner, "pending")
    client = login(request.getfixturevalue(who))
    assert (
        client.post(
            reverse("attempt_resolve", args=[pending.pk]), {"outcome": "accepted"}
        ).status_code
        == 404
    )
    assert client.post(reverse("attempt_delete", args=[pending.pk])).status_code == 404
    pending.refresh_from_db()
    assert pending.outcome == "pending"


@pytest.mark.parametrize("name", ["attempt_detail", "attempt_edit", "attempt_delete"])
def test_owner_sees_own_attempt_pages(owner_client, attempt, name):
    response = owner_client.get(reverse(name, args=[attempt.pk]))
    assert response.status_code == 200
    assert "Ask for a discount" in response.content.decode()


def test_custom_challenge_is_private(client, login, owner, friend, small_deck):
    custom = write_challenge(
        owner, {"title": "Ask my boss for Friday off", "category": "strangers", "difficulty": 4}
    )
    url = custom.get_absolute_url()
    assert client.get(url).status_code == 404
    assert "Ask my boss" not in client.get(reverse("deck") + "?q=boss").content.decode()
    assert login(friend).get(url).status_code == 404
    assert login(friend).get(reverse("log_attempt") + f"?challenge={custom.pk}").status_code == 404
    owner_page = login(owner).get(url)
    assert owner_page.status_code == 200
    assert "Ask my boss for Friday off" in owner_page.content.decode()


def test_anonymous_sees_deck_detail(client, small_deck):
    challenge = Challenge.objects.deck().first()
    response = client.get(challenge.get_absolute_url())
    assert response.status_code == 200
    assert "Log this ask" in response.content.decode()


def test_someone_elses_token_cannot_be_revoked(login, owner, friend):
    token, _ = create_token(owner, "phone")
    client = login(friend)
    url = reverse("token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert owner.api_tokens.count() == 1


def test_staff_can_use_the_admin(login, staff, attempt):
    client = login(staff)
    for url in (
        "/admin/challenges/challenge/?category__id__exact=1&difficulty=2",
        "/admin/challenges/challenge/?q=ask",
        "/admin/journal/attempt/",
        f"/admin/journal/attempt/{attempt.pk}/change/",
        "/admin/accounts/profile/?q=owner",
        "/admin/accounts/apitoken/",
        "/admin/progress/program/",
        "/admin/progress/enrollment/",
        "/admin/progress/dailypick/",
        "/admin/journal/daytally/",
    ):
        assert client.get(url).status_code == 200, url


def test_owner_cannot_use_the_admin(owner_client):
    assert owner_client.get("/admin/journal/attempt/").status_code == 302
