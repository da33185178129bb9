"""Every URL of the site and the API, for anonymous, the owner, another user and staff.

The routes come from the URL configuration and the OpenAPI document (tests/access_matrix.py):
a route missing from the tables fails test_every_route_is_in_the_matrix. Each response to
anyone but the owner is searched for the owner's private strings and token.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from rejection.journal.models import Attempt, Visibility
from tests import access_matrix as m
from tests.conftest import make_user
from tests.writes import log_ask, start, take_intake, write_challenge

pytestmark = pytest.mark.django_db
# URL x actor cells requested; docs/security.md quotes this number.
MATRIX_CELLS = 691


@pytest.fixture(autouse=True)
def _midday() -> Any:
    import time_machine

    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=True):
        yield


def _life(user: Any, *, markers: dict[str, str] | None = None) -> dict[str, Any]:
    """Give a user a program, a private and a pending ask, a public ask, a custom challenge,
    a starred ask, an intake, a ladder and a token; return them by name."""
    from rejection.accounts.services import create_token
    from rejection.core.time import local_today

    words = markers or {key: f"{user.username}-{key}" for key in m.MARKERS}
    when = timezone.now() - dt.timedelta(hours=2)
    start(user, "classic-30", local_today(user.profile.timezone))
    challenge = write_challenge(
        user,
        {"title": words["challenge"], "script": words["challenge"], "category": "strangers"}
        | {"difficulty": 2, "where": "Anywhere"},
    )
    attempt = log_ask(
        user,
        {
            "ask": words["ask"],
            "outcome": "rejected",
            "occurred_at": when,
            "feared_outcome": words["feared_outcome"],
            "what_happened": words["what_happened"],
            "learned": words["learned"],
            "tags": [words["tag"]],
            "starred": True,
            "challenge_id": challenge.pk,
        },
    ).attempt
    pending = log_ask(
        user, {"ask": words["ask"] + "-pending", "outcome": "pending", "occurred_at": when}
    ).attempt
    public = log_ask(
        user, {"ask": f"{user.username} public ask", "outcome": "accepted", "occurred_at": when}
    ).attempt
    Attempt.objects.filter(pk=public.pk).update(visibility=Visibility.PUBLIC)
    take_intake(user, {"strangers": 6, "service": 4}, ["strangers"], words["goals"])
    from rejection.community.models import Comment

    comment = Comment.objects.create(attempt=attempt, author=user, body=words["comment"])
    token, raw = create_token(user, "matrix")
    from rejection.reminders.models import PushSubscription

    subscription = PushSubscription.objects.create(
        user=user, endpoint=f"https://push.example.com/{user.username}", p256dh="k", auth="a"
    )
    from rejection.groups.contracts import NewGroup
    from rejection.groups.services import create_group

    group = create_group(
        user, NewGroup(name=f"{user.username}'s class", follow=False), attempt.local_date
    )
    return {
        "group": group,
        "subscription": subscription,
        "user": user,
        "attempt": attempt,
        "pending": pending,
        "public": public,
        "challenge": challenge,
        "comment": comment,
        "token": token,
        "raw": raw,
        "week": "{}-W{:02d}".format(*attempt.local_date.isocalendar()[:2]),
    }


@pytest.fixture
def world(small_deck: Any) -> dict[str, Any]:
    owner = _life(make_user("owner", "Europe/London"), markers=m.MARKERS)
    friend = _life(make_user("friend", "America/New_York"))
    _life(make_user("stranger", "Asia/Tokyo"))
    staff = _life(make_user("staff", "UTC", is_staff=True, is_superuser=True))
    secrets = [*m.MARKERS.values(), owner["raw"], owner["token"].digest]
    # The prefix repeats the shared "rt_" start; its own part is what must not leak.
    secrets.append(owner["token"].prefix)
    return {
        "owner": owner,
        "actors": {"anonymous": None, "owner": owner, "other": friend, "staff": staff},
        "secrets": secrets,
    }


def _page_url(name: str, about: str | None, owner: dict[str, Any]) -> str:
    kwargs: dict[str, Any] = {}
    if about in ("attempt", "pending", "challenge", "token", "comment"):
        kwargs["pk"] = owner[about].pk
    elif about == "week":
        kwargs["week"] = owner["week"]
    elif about == "position":
        kwargs["position"] = 1
    elif about == "person":
        kwargs["username"] = owner["user"].username
    elif about == "group":
        kwargs["pk"] = owner["group"].pk
    elif about == "group_code":
        kwargs["code"] = owner["group"].code
    elif about == "group_member":
        kwargs.update(pk=owner["group"].pk, username=owner["user"].username)
    if name == "attempt_card":
        kwargs["size"] = "square"
    if name == "report":
        kwargs["target"] = "ask"
    return reverse(name, kwargs=kwargs)


def _api_url(path: str, about: str | None, owner: dict[str, Any]) -> str:
    if about is None:
        # Any other id in the path names nothing of the owner's: the first one will do.
        return re.sub(r"\{[a-z_]+\}", "1", path.replace("{slug}", "classic-30"))
    if about == "person":
        return path.replace("{username}", owner["user"].username)
    if about == "group_member":
        path = path.replace("{username}", owner["user"].username)
        about = "group"
    name = {
        "attempt": "attempt_id",
        "challenge": "challenge_id",
        "token": "token_id",
        "subscription": "subscription_id",
        "group": "group_id",
        "comment": "comment_id",
    }[about]
    return path.replace("{" + name + "}", str(owner[about].pk))


def _leaks(response: Any, secrets: list[str]) -> list[str]:
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", "replace") + str(response.headers)
    return [secret for secret in secrets if secret in text]


def _sign_in(client: Any, actor: dict[str, Any] | None) -> dict[str, str]:
    client.logout()
    if actor is None:
        return {}
    client.force_login(actor["user"])
    return {"Authorization": f"Bearer {actor['raw']}"}


def test_every_route_is_in_the_matrix() -> None:
    assert m.uncovered() == [], "Add these routes to tests/access_matrix.py"


@pytest.mark.parametrize("who", m.ACTORS)
def test_pages_answer_each_actor_as_expected(client: Any, world: dict, who: str) -> None:
    owner, actor = world["owner"], world["actors"][who]
    _sign_in(client, actor)
    problems = []
    for name, (statuses, about) in m.PAGES.items():
        url = _page_url(name, about, owner)
        response = client.get(url)
        if response.status_code not in statuses[who]:
            problems.append(f"GET {url} as {who}: {response.status_code}, not {statuses[who]}")
        if who != "owner" and (leaked := _leaks(response, world["secrets"])):
            problems.append(f"GET {url} as {who} shows {leaked}")
        if name == "account_logout" or client.session.get("_auth_user_id") is None:
            _sign_in(client, actor)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("who", m.ACTORS)
def test_api_answers_each_actor_as_expected(client: Any, world: dict, who: str) -> None:
    owner, actor = world["owner"], world["actors"][who]
    headers = (
        _sign_in(client, None) if actor is None else {"Authorization": f"Bearer {actor['raw']}"}
    )
    problems = []
    for path, about in m.API_GET.items():
        statuses = m.API_MEMBER_GET if about is None else m.API_OWNED_GET
        url = _api_url(path, about, owner)
        cache.clear()
        response = client.get(url, headers=headers)
        if response.status_code not in statuses[who]:
            problems.append(f"GET {url} as {who}: {response.status_code}, not {statuses[who]}")
        if who != "owner" and (leaked := _leaks(response, world["secrets"])):
            problems.append(f"GET {url} as {who} shows {leaked}")
    for name, statuses in m.API_EXTRA.items():
        url = {"api-v1:openapi-json": "/api/v1/openapi.json", "api-v1:api-root": "/api/v1/"}
        response = client.get(url.get(name, "/api/v1/no-such-thing"), headers=headers)
        expected = statuses[who] if statuses else {404}
        if response.status_code not in expected or _leaks(response, world["secrets"]):
            problems.append(f"GET {name} as {who}: {response.status_code}")
    assert problems == [], "\n".join(problems)


def _snapshot(owner: dict[str, Any]) -> tuple:
    from rejection.accounts.models import ApiToken
    from rejection.challenges.models import Challenge

    attempt = Attempt.objects.filter(pk=owner["attempt"].pk).values().first()
    pending = Attempt.objects.filter(pk=owner["pending"].pk).values().first()
    challenge = Challenge.objects.filter(pk=owner["challenge"].pk).values().first()
    token = ApiToken.objects.filter(pk=owner["token"].pk).values("digest").first()
    from rejection.reminders.models import PushSubscription

    subscription = PushSubscription.objects.filter(pk=owner["subscription"].pk).exists()
    from rejection.groups.models import Group, Membership

    group = Group.objects.filter(pk=owner["group"].pk).values().first()
    members = list(Membership.objects.filter(group_id=owner["group"].pk).values())
    from rejection.community.models import Cheer, Comment

    talk = list(Comment.objects.values_list("attempt_id", "author_id", "body", "edited_at"))
    cheers = Cheer.objects.count()
    return attempt, pending, challenge, token, subscription, group, members, talk, cheers


PAGE_WRITES = {
    "attempt_edit": ("attempt", {"ask": "changed", "outcome": "accepted"}),
    "attempt_resolve": ("pending", {"outcome": "accepted"}),
    "attempt_finish": ("attempt", {"outcome": "accepted"}),
    "attempt_delete": ("attempt", {}),
    "attempt_star": ("attempt", {}),
    "attempt_share": ("attempt", {}),
    "token_revoke": ("token", {}),
    "challenge_edit": ("challenge", {"title": "changed", "category": "strangers", "difficulty": 3}),
    "challenge_delete": ("challenge", {}),
    "group_choices": ("group", {"show_nos": "on"}),
    "group_leave": ("group", {}),
    "group_close": ("group", {}),
    "group_code": ("group", {}),
    "group_remove": ("group_member", {}),
    "ask_cheer": ("attempt", {"kind": "brave"}),
    "ask_comment": ("attempt", {"body": "changed"}),
    "comment_edit": ("comment", {"body": "changed"}),
    "comment_delete": ("comment", {}),
    "report": ("attempt", {"reason": "spam"}),  # a private ask: no one else can report it
}
# A body each owned API write would accept from its owner (so a refusal is about access).
API_WRITE_BODIES = {
    ("PATCH", "/api/v1/challenges/{challenge_id}"): b'{"title": "changed"}',
    ("PATCH", "/api/v1/groups/{group_id}/choices"): b'{"show_nos": true}',
    ("POST", "/api/v1/attempts/{attempt_id}/cheers"): b'{"kind": "brave"}',
    ("POST", "/api/v1/attempts/{attempt_id}/comments"): b'{"body": "changed"}',
    ("PATCH", "/api/v1/comments/{comment_id}"): b'{"body": "changed"}',
}


@pytest.mark.parametrize("who", ["anonymous", "other", "staff"])
def test_no_one_else_can_change_the_owners_things(client: Any, world: dict, who: str) -> None:
    owner, actor = world["owner"], world["actors"][who]
    before = _snapshot(owner)
    problems = []
    for name, (about, data) in PAGE_WRITES.items():
        headers = _sign_in(client, actor)
        response = client.post(_page_url(name, about, owner), data)
        allowed = {302} if actor is None else {404, 405}
        if response.status_code not in allowed:
            problems.append(f"POST {name} as {who}: {response.status_code}")
    for (method, path), about in m.API_OWNED_WRITES.items():
        headers = _sign_in(client, actor)
        cache.clear()
        response = client.generic(
            method,
            _api_url(path, about, owner),
            API_WRITE_BODIES.get((method, path), b'{"ask": "changed"}'),
            "application/json",
            headers=headers,
        )
        expected = 401 if actor is None else 404
        if response.status_code != expected or _leaks(response, world["secrets"]):
            problems.append(f"{method} {path} as {who}: {response.status_code}")
    assert problems == [], "\n".join(problems)
    assert _snapshot(owner) == before


def test_anonymous_cannot_write_through_the_api(client: Any, world: dict) -> None:
    problems = []
    for method, path in sorted(m.API_SELF_WRITES):
        cache.clear()
        response = client.generic(
            method, _api_url(path, None, world["owner"]), b"{}", "application/json"
        )
        if response.status_code != 401:
            problems.append(f"{method} {path}: {response.status_code}")
    assert problems == [], "\n".join(problems)


# Searches for the owner's words, as any signed-in user may type them.
SEARCHES = [
    "/journal/?q=SECRET-OWNER",
    "/journal/?q=secretownertag",
    "/deck/?q=SECRET-OWNER-CHALLENGE",
    "/api/v1/attempts?q=SECRET-OWNER",
    "/api/v1/challenges?q=SECRET-OWNER-CHALLENGE",
]


@pytest.mark.parametrize("who", ["anonymous", "other", "staff"])
def test_searches_never_find_the_owners_words(client: Any, world: dict, who: str) -> None:
    headers = _sign_in(client, world["actors"][who])
    problems = []
    for url in SEARCHES:
        cache.clear()
        response = client.get(url, headers=headers if url.startswith("/api/") else {})
        leaked = _leaks(response, world["secrets"])
        if response.status_code >= 500 or leaked:
            problems.append(f"GET {url} as {who}: {response.status_code} {leaked}")
    assert problems == [], "\n".join(problems)


def test_the_owner_does_see_their_own_words(client: Any, world: dict) -> None:
    """The leak checks above mean something: the same words are there for the owner."""
    owner = world["owner"]
    headers = _sign_in(client, owner)
    pages = [
        reverse("attempt_detail", args=[owner["attempt"].pk]),
        reverse("data_export_json"),
        f"/api/v1/attempts/{owner['attempt'].pk}",
        "/api/v1/export",
    ]
    for url in pages:
        body = client.get(url, headers=headers).content.decode()
        assert m.MARKERS["learned"] in body, url
        assert m.MARKERS["tag"] in body, url
    settings_page = client.get(reverse("settings")).content.decode()
    assert owner["token"].prefix in settings_page


def test_a_public_ask_is_seen_without_its_private_neighbours(client: Any, world: dict) -> None:
    public = world["owner"]["public"]
    for url in (
        reverse("attempt_card", args=[public.pk, "square"]),
        f"/api/v1/attempts/{public.pk}/caption",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(response, world["secrets"]) == []


def test_matrix_size_is_recorded() -> None:
    """Print the number of URL x actor cells (docs/security.md quotes it)."""
    pages = len(m.PAGES) * len(m.ACTORS)
    api = (len(m.API_GET) + len(m.API_EXTRA)) * len(m.ACTORS)
    writes = (len(PAGE_WRITES) + len(m.API_OWNED_WRITES)) * 3 + len(m.API_SELF_WRITES)
    searches = len(SEARCHES) * 3
    total = pages + api + writes + searches
    print(f"access matrix: {pages} page + {api} API + {writes} write + {searches} search cells")
    print(f"access matrix: {total} cells in all")
    assert total == MATRIX_CELLS, "Update MATRIX_CELLS and docs/security.md"
    docs = Path(__file__).resolve().parents[1] / "docs" / "security.md"
    assert f"**{total} URL \u00d7 actor cells**" in docs.read_text()
