"""The friends page, people's pages, the invite link, sign-up's 16-or-over box, the public
profile in Settings and the sharing choices on the log form."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from rejection.community import blocks, friends
from rejection.community.models import FriendRequest, Friendship
from rejection.journal.models import Attempt
from tests.budget import queries
from tests.conftest import make_user
from tests.writes import log_ask

PASSWORD = "a long passphrase 42"


@pytest.fixture(autouse=True)
def _clear_cache(db: Any) -> None:
    cache.clear()


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    people = {name: make_user(name) for name in ("owner", "friend", "stranger", "blocked")}
    friends._befriend(people["owner"], people["friend"])
    blocks.block(people["owner"], "blocked")
    return people


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_friends_page_lists_friends_requests_and_the_invite_link(cast):
    owner = cast["owner"]
    friends.send_request(cast["stranger"], "owner")
    page = signed_in(owner).get(reverse("friends"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/people/friend/"' in html
    assert "Asking to be friends" in html and "@stranger" in html
    assert reverse("friend_invite", args=[friends.invite_link(owner).token]) in html
    assert "@blocked · blocked" in html


def test_send_accept_and_decline_from_the_page(cast):
    owner, stranger = cast["owner"], cast["stranger"]
    response = signed_in(stranger).post(reverse("friend_request"), {"username": "owner"})
    assert response.status_code == 302
    request = FriendRequest.objects.get()
    # Someone else's request cannot be answered by a stranger to it.
    assert (
        signed_in(cast["friend"]).post(reverse("friend_accept", args=[request.pk])).status_code
        == 404
    )
    assert signed_in(owner).post(reverse("friend_accept", args=[request.pk])).status_code == 302
    assert Friendship.objects.filter(user=stranger, friend=owner).exists()


def test_an_unknown_or_blocked_username_reads_the_same_on_the_page(cast):
    client = signed_in(cast["owner"])
    unknown = client.post(reverse("friend_request"), {"username": "nobody"})
    blocked = client.post(reverse("friend_request"), {"username": "blocked"})
    assert unknown.status_code == blocked.status_code == 400
    assert "No one by that username." in blocked.content.decode()


def test_friend_requests_from_the_page_are_limited_with_retry_after(cast, settings):
    settings.COMMUNITY_RATES = {"friend_request": (1, 3600)}
    client = signed_in(cast["stranger"])
    client.post(reverse("friend_request"), {"username": "owner"})
    response = client.post(reverse("friend_request"), {"username": "friend"})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1


def _main(response: Any) -> str:
    """The page's own part (the header holds a fresh CSRF token each time)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_person_page_for_each_viewer(cast):
    owner = cast["owner"]
    log_ask(owner, {"ask": "SHARED-ASK-w1", "outcome": "rejected", "visibility": "friends"})
    log_ask(owner, {"ask": "PRIVATE-ASK-w1", "outcome": "rejected"})
    url = reverse("person", args=["owner"])
    for who in ("owner", "friend"):
        html = signed_in(cast[who]).get(url).content.decode()
        assert "SHARED-ASK-w1" in html and "PRIVATE-ASK-w1" not in html
    nobody = reverse("person", args=["nobody"])
    for client in (signed_in(cast["stranger"]), signed_in(cast["blocked"]), Client()):
        missing = client.get(nobody)
        response = client.get(url)
        assert response.status_code == missing.status_code == 404
        assert _main(response) == _main(missing)
        assert "SHARED-ASK-w1" not in response.content.decode()


def test_block_from_a_person_page_hides_them(cast):
    owner, friend = cast["owner"], cast["friend"]
    response = signed_in(owner).post(reverse("person_block", args=["friend"]))
    assert response.status_code == 302
    assert not Friendship.objects.filter(user=owner).exists()
    assert signed_in(friend).get(reverse("person", args=["owner"])).status_code == 404
    signed_in(owner).post(reverse("person_unblock", args=["friend"]))
    assert signed_in(friend).get(reverse("person", args=["owner"])).status_code == 404  # no friend


def test_mute_unmute_and_unfriend_from_the_page(cast):
    client = signed_in(cast["owner"])
    assert client.post(reverse("person_mute", args=["friend"])).status_code == 302
    assert "@friend · muted" in client.get(reverse("settings")).content.decode()
    assert client.post(reverse("person_unmute", args=["friend"])).status_code == 302
    assert client.post(reverse("person_unfriend", args=["friend"])).status_code == 302
    assert client.post(reverse("person_unfriend", args=["friend"])).status_code == 404


def test_invite_link_signed_in_signed_out_reset_and_blocked(cast):
    owner, stranger = cast["owner"], cast["stranger"]
    token = friends.invite_link(owner).token
    url = reverse("friend_invite", args=[token])
    # Signed out: through sign-up, and back here.
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_signup"))
    assert "next=" in anonymous["Location"]
    client = signed_in(stranger)
    page = client.get(url).content.decode()
    assert "owner invited you" in page
    assert client.post(url).status_code == 302
    assert Friendship.objects.filter(user=stranger, friend=owner).exists()
    # The owner's own link says so; a blocked person and a reset link get the 404.
    assert "your own invite link" in signed_in(owner).get(url).content.decode()
    assert signed_in(cast["blocked"]).get(url).status_code == 404
    signed_in(owner).post(reverse("friend_invite_reset"))
    assert client.get(url).status_code == 404
    assert Client().get(reverse("friend_invite", args=["x" * 70])).status_code in (302, 404)


def test_sign_up_needs_16_or_over(client, db):
    form = {"username": "young", "password1": PASSWORD, "password2": PASSWORD, "timezone": "UTC"}
    refused = client.post(reverse("account_signup"), form)
    assert refused.status_code == 200
    assert "You need to be 16 or over to sign up." in refused.content.decode()
    assert not get_user_model().objects.filter(username="young").exists()
    done = client.post(reverse("account_signup"), {**form, "age_confirmed": "on"})
    assert done.status_code == 302
    assert get_user_model().objects.get(username="young").profile.age_confirmed_at is not None


def test_sign_up_names_and_usernames_pass_the_kindness_check(client, db):
    """Friends see both; a refused one is named under its field and nothing is saved."""
    form = {
        "username": "spaz",
        "display_name": "you are a moron",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "timezone": "UTC",
        "age_confirmed": "on",
    }
    refused = client.post(reverse("account_signup"), form)
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert set(errors) >= {"username", "display_name"}, errors
    assert not get_user_model().objects.filter(username="spaz").exists()
    kind = {**form, "username": "sam", "display_name": "Sam"}
    assert client.post(reverse("account_signup"), kind).status_code == 302


def test_public_profile_needs_18_or_over_and_kind_words(cast):
    owner = cast["owner"]
    client = signed_in(owner)
    url = reverse("settings_public_profile")
    refused = client.post(url, {"bio": "Hello", "public_profile": "on"})
    assert refused.status_code == 400
    assert "18 or over" in refused.content.decode()
    unkind = client.post(url, {"bio": "Steal a chocolate bar from the corner shop"})
    assert unkind.status_code == 400
    done = client.post(url, {"bio": "Hello", "adult_confirmed": "on", "public_profile": "on"})
    assert done.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.public_profile and owner.profile.adult_confirmed_at and owner.profile.bio
    html = signed_in(cast["stranger"]).get(reverse("person", args=["owner"])).content.decode()
    assert "Hello" in html


def test_the_log_form_shares_only_when_chosen(cast):
    owner = cast["owner"]
    client = signed_in(owner)
    page = client.get(reverse("log_attempt")).content.decode()
    assert "Who sees this" in page and "Show what I feared" in page
    form = {"ask": "Ask for a window seat", "outcome": "rejected", "visibility": "friends"}
    response = client.post(reverse("log_attempt"), {**form, "share_learned": "on"})
    assert response.status_code == 302
    attempt = Attempt.objects.get(user=owner)
    assert attempt.visibility == "friends" and attempt.share_learned and not attempt.share_feared
    public = client.post(reverse("log_attempt"), {**form, "visibility": "public"})
    assert public.status_code == 400
    assert "public profile" in public.content.decode()
    edit = client.post(
        reverse("attempt_edit", args=[attempt.pk]),
        {"ask": attempt.ask, "outcome": "rejected", "visibility": "private"},
    )
    assert edit.status_code == 302
    attempt.refresh_from_db()
    assert attempt.visibility == "private" and not attempt.share_learned


def test_friends_page_and_profile_cost_the_same_with_many_friends(cast):
    owner = cast["owner"]
    client = signed_in(owner)
    urls = [reverse("friends"), reverse("person", args=["owner"]), reverse("settings")]
    friend_view = signed_in(cast["friend"])

    def costs() -> list[int]:
        counts = []
        for url in urls:
            with queries() as q:
                assert client.get(url).status_code == 200
            counts.append(len(q))
        with queries() as q:
            assert friend_view.get(reverse("person", args=["owner"])).status_code == 200
        counts.append(len(q))
        return counts

    costs()  # the first visit makes the invite link
    few = costs()
    for number in range(40):
        other = make_user(f"pal{number}")
        friends._befriend(owner, other)
        friends.send_request(make_user(f"asker{number}"), "owner")
        log_ask(owner, {"ask": f"Shared {number}", "outcome": "rejected", "visibility": "friends"})
        cache.clear()
    many = costs()
    assert few == many, (few, many)
    assert max(many) <= 10, many


def test_a_public_profile_is_open_to_anonymous_visitors_with_public_asks_only(cast):
    from rejection.accounts.contracts import ProfileChanges
    from rejection.community.profiles import change_profile

    owner = cast["owner"]
    change_profile(owner, ProfileChanges(adult_confirmed=True, public_profile=True, bio="BIO-w2"))
    log_ask(owner, {"ask": "PUBLIC-ASK-w2", "outcome": "rejected", "visibility": "public"})
    log_ask(owner, {"ask": "FRIENDS-ASK-w2", "outcome": "rejected", "visibility": "friends"})
    html = Client().get(reverse("person", args=["owner"])).content.decode()
    assert "PUBLIC-ASK-w2" in html and "FRIENDS-ASK-w2" not in html and "BIO-w2" in html
    assert "Ask to be friends" not in html  # no buttons for the signed out
    friend_html = signed_in(cast["friend"]).get(reverse("person", args=["owner"])).content
    assert b"FRIENDS-ASK-w2" in friend_html and b"PUBLIC-ASK-w2" in friend_html


def test_an_invite_link_does_not_undo_a_decline(cast):
    owner, stranger = cast["owner"], cast["stranger"]
    friends.send_request(stranger, "owner")
    friends.decline_request(owner, FriendRequest.objects.get().pk)
    url = reverse("friend_invite", args=[friends.invite_link(owner).token])
    assert signed_in(stranger).post(url).status_code == 302
    assert not Friendship.objects.filter(user=stranger, friend=owner).exists()
    assert FriendRequest.objects.get().declined_at is not None
