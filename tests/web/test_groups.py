"""The group pages: owner, member, stranger, blocked person and anonymous."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from rejection.community.models import Block, Notification
from rejection.groups.contracts import BoardChoices, JoinGroup, NewGroup
from rejection.groups.models import Group, Membership
from rejection.groups.services import change_board_choices, create_group, join_group
from rejection.progress.models import Enrollment
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    return {
        "owner": make_user("coach", "Europe/London"),
        "member": make_user("mia", "America/New_York"),
        "stranger": make_user("sam", "Asia/Tokyo"),
        "blocked": make_user("bob", "UTC"),
    }


@pytest.fixture
def group(people: dict[str, Any]) -> Group:
    made = create_group(
        people["owner"], NewGroup(name="Tuesday class", description="SECRET-GROUP-ABOUT"), TODAY
    )
    join_group(people["member"], JoinGroup(code=made.code), TODAY)
    return made


def _as(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_making_a_group_on_the_page(people: dict[str, Any]) -> None:
    client = _as(people["owner"])
    assert client.get(reverse("group_new")).status_code == 200
    response = client.post(
        reverse("group_new"),
        {"name": "Sales team", "program": "custom", "length_days": "14", "follow": "on"},
    )
    made = Group.objects.get(name="Sales team")
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert made.length_days == 14 and made.start_date == TODAY
    assert Enrollment.objects.get(user=people["owner"], active=True).length_days == 14
    page = client.get(made.get_absolute_url()).content.decode()
    assert made.code in page and f"/groups/join/{made.code}/" in page
    listed = client.get(reverse("groups")).content.decode()
    assert "Sales team" in listed and "you run it" in listed


def test_own_length_without_a_length_is_named(people: dict[str, Any]) -> None:
    response = _as(people["owner"]).post(
        reverse("group_new"), {"name": "Team", "program": "custom"}
    )
    assert response.status_code == 400
    assert "Choose how many days" in response.content.decode()
    assert not Group.objects.exists()


def test_joining_by_the_link(people: dict[str, Any], group: Group) -> None:
    stranger = people["stranger"]
    client = _as(stranger)
    page = client.get(group.join_url())
    assert page.status_code == 200 and "Join Tuesday class" in page.content.decode()
    response = client.post(group.join_url(), {"follow": "on"})
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert Enrollment.objects.get(user=stranger, active=True).start_date == TODAY
    # Already in: the link leads to the group.
    assert client.get(group.join_url())["Location"] == group.get_absolute_url()
    board = client.get(group.get_absolute_url()).content.decode()
    assert "coach" in board and "mia" in board and "sam" in board


def test_joining_by_typing_the_code(people: dict[str, Any], group: Group) -> None:
    client = _as(people["stranger"])
    found = client.get(reverse("group_join_code"), {"code": group.code.lower()})
    assert found.status_code == 302 and found["Location"] == group.join_url()
    spaced = f" {group.code[:4]} {group.code[4:7]}-{group.code[7:]} "
    found = client.get(reverse("group_join_code"), {"code": spaced})
    assert found["Location"] == group.join_url()
    bad = client.get(reverse("group_join_code"), {"code": "nope"})
    assert bad.status_code == 400 and "letters and digits" in bad.content.decode()
    assert client.get(reverse("group_join", args=["ABCDEFGHJK"])).status_code == 404


def test_anonymous_is_sent_to_log_in_and_back(group: Group) -> None:
    response = Client().get(group.join_url())
    assert response.status_code == 302 and "login" in response["Location"]
    assert group.join_url() in response["Location"].replace("%2F", "/")


def test_outsiders_get_404_like_a_missing_group(people: dict[str, Any], group: Group) -> None:
    missing = group.pk + 1000
    for who in ("stranger", "blocked"):
        client = _as(people[who])
        for name in ("group_detail", "group_leave", "group_close"):
            for pk in (group.pk, missing):
                response = client.get(reverse(name, args=[pk]))
                assert response.status_code == 404, (who, name, pk)
                assert "SECRET-GROUP-ABOUT" not in response.content.decode()
        for name in ("group_choices", "group_code", "group_close", "group_leave"):
            assert client.post(reverse(name, args=[group.pk])).status_code == 404
        remove = reverse("group_remove", args=[group.pk, "mia"])
        assert client.post(remove).status_code == 404
        assert "Tuesday class" not in client.get(reverse("groups")).content.decode()
    assert Membership.objects.filter(group=group, removed_at__isnull=True).count() == 2


def test_the_owners_tools_are_not_a_members(people: dict[str, Any], group: Group) -> None:
    client = _as(people["member"])
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Close the group" not in page and "Leave the group" in page
    assert client.get(reverse("group_close", args=[group.pk])).status_code == 404
    assert client.post(reverse("group_code", args=[group.pk])).status_code == 404
    assert client.post(reverse("group_remove", args=[group.pk, "coach"])).status_code == 404
    assert Group.objects.get(pk=group.pk).code == group.code


def test_board_choices_on_the_page(people: dict[str, Any], group: Group) -> None:
    log_ask(people["member"], {"ask": "Asked for extra sauce", "outcome": "rejected"})
    owner_view = _as(people["owner"])
    assert "Asked for extra sauce" not in owner_view.get(group.get_absolute_url()).content.decode()
    member = _as(people["member"])
    saved = member.post(
        reverse("group_choices", args=[group.pk]),
        {"show_days": "on", "show_asks": "on", "show_nos": "on", "show_titles": "on"},
    )
    assert saved.status_code == 302
    page = owner_view.get(group.get_absolute_url()).content.decode()
    assert "Asked for extra sauce" in page and "Nos" in page
    member.post(reverse("group_choices", args=[group.pk]), {})
    page = owner_view.get(group.get_absolute_url()).content.decode()
    assert "Asked for extra sauce" not in page and "Keeps their week to themself" in page


def test_a_blocked_person_is_not_on_my_board(people: dict[str, Any], group: Group) -> None:
    join_group(people["blocked"], JoinGroup(code=group.code), TODAY)
    change_board_choices(people["blocked"], group.pk, BoardChoices(show_titles=True))
    log_ask(people["blocked"], {"ask": "BOB-ASK", "outcome": "rejected"})
    Block.objects.create(blocker=people["member"], blocked=people["blocked"])
    assert "BOB-ASK" not in _as(people["member"]).get(group.get_absolute_url()).content.decode()
    assert "BOB-ASK" in _as(people["owner"]).get(group.get_absolute_url()).content.decode()


def test_leave_remove_reset_and_close(people: dict[str, Any], group: Group) -> None:
    owner, member = _as(people["owner"]), _as(people["member"])
    assert (
        "closes it rather than leaving"
        in owner.get(reverse("group_leave", args=[group.pk])).content.decode()
    )
    assert member.post(reverse("group_leave", args=[group.pk])).status_code == 302
    assert member.get(group.get_absolute_url()).status_code == 404
    member.post(group.join_url(), {})
    assert owner.post(reverse("group_remove", args=[group.pk, "mia"])).status_code == 302
    assert member.get(group.get_absolute_url()).status_code == 404
    assert member.get(group.join_url()).status_code == 404  # as for a wrong code
    assert member.post(group.join_url(), {}).status_code == 404
    old = group.code
    assert owner.post(reverse("group_code", args=[group.pk])).status_code == 302
    assert _as(people["stranger"]).get(reverse("group_join", args=[old])).status_code == 404
    assert owner.get(reverse("group_close", args=[group.pk])).status_code == 200
    assert owner.post(reverse("group_close", args=[group.pk])).status_code == 302
    assert owner.get(group.get_absolute_url()).status_code == 404
    texts = list(Notification.objects.filter(kind="group").values_list("text", flat=True))
    assert any("mia joined Tuesday class" in text for text in texts)


def test_progress_links_to_groups(people: dict[str, Any]) -> None:
    page = _as(people["owner"]).get(reverse("progress")).content.decode()
    assert reverse("groups") in page


def test_trying_links_is_rate_limited_with_a_page(
    people: dict[str, Any], group: Group, settings: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.COMMUNITY_RATES = {"group_code": (2, 3600)}
    client = _as(people["stranger"])
    for code in ("ABCDEFGHJK", "ABCDEFGHJM"):
        assert client.get(reverse("group_join", args=[code])).status_code == 404
    response = client.get(group.join_url())
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert "short pause" in response.content.decode()
