"""The feed, Discover and the shared ask page, for the owner, a friend, a stranger, a blocked
person and anonymous; cheers with and without JavaScript, comments and their refusals."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from rejection.community.models import Cheer, Comment
from tests.community.world import MARK_FEAR, MARK_PRIVATE, community

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    cache.clear()
    return community()


def _unmasked(response: Any) -> str:
    """The page without its CSRF token, which is masked afresh for every response."""
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def _as(client: Any, user: Any) -> Any:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("friend", 200), ("stranger", 404), ("blocked", 404), (None, 302)],
)
def test_the_ask_page_answers_only_those_it_is_shared_with(
    client: Any, world: dict, who: str | None, status: int
) -> None:
    _as(client, world[who] if who else None)
    response = client.get(reverse("shared_ask", args=[world["ask"].pk]))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert world["ask"].ask in body and MARK_FEAR not in body


@pytest.mark.parametrize("who", ["friend", "stranger", "blocked"])
def test_a_private_ask_is_as_absent_as_a_missing_one(client: Any, world: dict, who: str) -> None:
    _as(client, world[who])
    private = client.get(reverse("shared_ask", args=[world["private"].pk]))
    missing = client.get(reverse("shared_ask", args=[999_999]))
    assert private.status_code == missing.status_code == 404
    assert _unmasked(private) == _unmasked(missing)
    assert MARK_PRIVATE not in private.content.decode()


def test_the_feed_shows_a_friends_ask_with_its_person_and_counts(client: Any, world: dict) -> None:
    Cheer.objects.create(attempt=world["ask"], user=world["blocked"], kind="brave")
    body = _as(client, world["friend"]).get(reverse("feed")).content.decode()
    assert world["ask"].ask in body
    assert 'href="/people/owner/"' in body
    assert f'href="/asks/{world["ask"].pk}/#comments"' in body
    assert MARK_PRIVATE not in body


def test_a_new_person_gets_a_friendly_way_to_add_a_friend(client: Any, world: dict) -> None:
    body = _as(client, world["stranger"]).get(reverse("feed")).content.decode()
    assert "Nothing here yet" in body and 'href="/friends/"' in body


@pytest.mark.parametrize("name", ["feed", "discover"])
def test_the_lists_are_for_signed_in_people(client: Any, world: dict, name: str) -> None:
    response = _as(client, None).get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_cheer_without_javascript_posts_and_comes_back(client: Any, world: dict) -> None:
    _as(client, world["friend"])
    url = reverse("ask_cheer", args=[world["ask"].pk])
    response = client.post(url, {"kind": "brave", "next": "/feed/"})
    assert response.status_code == 302 and response["Location"] == "/feed/"
    assert Cheer.objects.filter(user=world["friend"], kind="brave").count() == 1
    offsite = client.post(url, {"kind": "brave", "next": "https://evil.example/"})
    assert offsite["Location"] == f"/asks/{world['ask'].pk}/"
    assert not Cheer.objects.exists()  # the second tap took it back


def test_a_cheer_with_htmx_swaps_the_buttons(client: Any, world: dict) -> None:
    _as(client, world["friend"])
    response = client.post(
        reverse("ask_cheer", args=[world["ask"].pk]), {"kind": "keep_going"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div class="cheers"')
    assert 'aria-pressed="true"' in body and body.count('aria-pressed="false"') == 2


def test_strangers_and_blocked_people_cannot_cheer_or_comment(client: Any, world: dict) -> None:
    for who in ("stranger", "blocked"):
        _as(client, world[who])
        pk = world["ask"].pk
        assert client.post(reverse("ask_cheer", args=[pk]), {"kind": "brave"}).status_code == 404
        assert client.post(reverse("ask_comment", args=[pk]), {"body": "Hi"}).status_code == 404
    assert not Cheer.objects.exists() and not Comment.objects.exists()


def test_a_comment_is_plain_text_with_its_line_breaks(client: Any, world: dict) -> None:
    _as(client, world["friend"])
    pk = world["ask"].pk
    response = client.post(reverse("ask_comment", args=[pk]), {"body": "<b>Brave</b>\nTruly"})
    assert response.status_code == 302 and "#comment-" in response["Location"]
    body = client.get(reverse("shared_ask", args=[pk])).content.decode()
    assert "&lt;b&gt;Brave&lt;/b&gt;<br>Truly" in body


def test_a_refused_comment_says_why_and_keeps_what_they_typed(client: Any, world: dict) -> None:
    _as(client, world["friend"])
    typed = "Honestly you idiot, why that shop"
    response = client.post(reverse("ask_comment", args=[world["ask"].pk]), {"body": typed})
    body = response.content.decode()
    assert response.status_code == 422
    assert "name-calling" in body and typed in body
    assert not Comment.objects.exists()


def test_a_reply_on_the_page_attaches_to_the_comment(client: Any, world: dict) -> None:
    top = Comment.objects.create(attempt=world["ask"], author=world["friend"], body="Go you")
    _as(client, world["owner"])
    url = reverse("ask_comment", args=[world["ask"].pk])
    assert client.post(url, {"body": "Thanks!", "parent_id": top.pk}).status_code == 302
    assert Comment.objects.get(body="Thanks!").parent_id == top.pk


def test_too_many_comments_answer_429_with_retry_after(
    client: Any, world: dict, settings: Any
) -> None:
    settings.COMMUNITY_RATES = {"comment": (1, 600)}
    _as(client, world["friend"])
    url = reverse("ask_comment", args=[world["ask"].pk])
    client.post(url, {"body": "One"})
    response = client.post(url, {"body": "Two"})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1


def test_editing_and_deleting_through_the_pages(client: Any, world: dict) -> None:
    said = Comment.objects.create(attempt=world["ask"], author=world["friend"], body="Wel askd")
    _as(client, world["owner"])
    assert client.get(reverse("comment_edit", args=[said.pk])).status_code == 403
    _as(client, world["friend"])
    page = client.get(reverse("shared_ask", args=[world["ask"].pk])).content.decode()
    assert reverse("comment_edit", args=[said.pk]) in page
    assert f"/report/comment/{said.pk}/" not in page  # no report link on one's own comment
    response = client.post(reverse("comment_edit", args=[said.pk]), {"body": "Well asked"})
    assert response.status_code == 302
    said.refresh_from_db()
    assert said.body == "Well asked" and said.edited_at
    _as(client, world["owner"])  # the ask's owner may delete it
    page = client.get(reverse("shared_ask", args=[world["ask"].pk])).content.decode()
    assert f"/report/comment/{said.pk}/" in page
    assert client.get(reverse("comment_delete", args=[said.pk])).status_code == 200
    assert client.post(reverse("comment_delete", args=[said.pk])).status_code == 302
    assert not Comment.objects.exists()


def test_the_people_tab_is_in_the_bar(client: Any, world: dict) -> None:
    body = _as(client, world["friend"]).get(reverse("feed")).content.decode()
    assert 'href="/feed/" aria-current="page"' in body and "<span>People</span>" in body


def test_older_asks_come_by_cursor_as_a_page_or_an_htmx_swap(client: Any, world: dict) -> None:
    from tests.community.world import shared_ask

    for n in range(21):
        shared_ask(world["owner"], f"Older ask {n}", hours_ago=5 + n)
    _as(client, world["friend"])
    first = client.get(reverse("feed")).content.decode()
    cursor = re.search(r'href="\?cursor=([0-9a-f]+)"', first).group(1)  # type: ignore[union-attr]
    # 20 a page: the world's own ask (newest), then Older ask 0 to 18
    assert "Older ask 18" in first and "Older ask 19" not in first
    more = client.get(reverse("feed") + f"?cursor={cursor}", HTTP_HX_REQUEST="true")
    body = more.content.decode()
    assert "<html" not in body and "Older ask 19" in body and "Older ask 18" not in body
    plain = client.get(reverse("feed") + f"?cursor={cursor}").content.decode()
    assert "<html" in plain and "Older ask 20" in plain
    assert client.get(reverse("feed") + "?cursor=nonsense").status_code == 200
