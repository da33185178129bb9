"""The group board and my groups cost the same few queries for 3 members as for 30.

Every member logs asks this week, half of them show their ask titles, and one member
blocked the viewer: the board page, `GET /groups/{id}/board`, `GET /groups/{id}` and
`GET /groups` are counted with tests/budget.py for both sizes; the counts must be equal
and within QUERY_BUDGET.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from rejection.community.models import Block
from rejection.groups.contracts import BoardChoices, JoinGroup, NewGroup
from rejection.groups.services import change_board_choices, create_group, join_group
from tests.budget import QUERY_BUDGET, queries
from tests.conftest import bearer, make_user
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _group_of(size: int) -> tuple[Any, int]:
    owner = make_user(f"coach{size}", "Europe/London")
    group = create_group(owner, NewGroup(name=f"Class of {size}"), dt.date(2026, 3, 11))
    for n in range(size - 1):
        person = make_user(f"m{size}x{n}", ("UTC", "Asia/Tokyo", "America/New_York")[n % 3])
        join_group(person, JoinGroup(code=group.code), dt.date(2026, 3, 11))
        if n % 2:
            change_board_choices(person, group.pk, BoardChoices(show_titles=True, show_nos=True))
        for outcome in ("rejected", "accepted"):
            log_ask(person, {"ask": f"Asked {n}", "outcome": outcome})
        if n == 0:
            Block.objects.create(blocker=person, blocked=owner)
    return owner, group.pk


def _costs(owner: Any, group_id: int) -> dict[str, tuple[int, int, str]]:
    page = Client()
    page.force_login(owner)
    api = Client(headers=bearer(owner))
    urls = {
        "page": (page, f"/groups/{group_id}/"),
        "page, last week": (page, f"/groups/{group_id}/?week=2026-W10"),
        "my groups page": (page, "/groups/"),
        "board": (api, f"/api/v1/groups/{group_id}/board"),
        "group": (api, f"/api/v1/groups/{group_id}"),
        "my groups": (api, "/api/v1/groups"),
    }
    costs = {}
    for name, (client, url) in urls.items():
        client.get(url)  # warm: the token's last-used stamp, the session
        cache.clear()
        with queries() as counted:
            response = client.get(url)
        costs[name] = (len(counted), response.status_code, counted.explain())
    return costs


def test_the_board_costs_the_same_for_3_and_30_members() -> None:
    small = _costs(*_group_of(3))
    large = _costs(*_group_of(30))
    for name in small:
        count, status, explained = large[name]
        assert status == 200 and small[name][1] == 200, name
        assert count == small[name][0], f"{name}: {small[name][0]} vs {count}\n{explained}"
        assert count <= QUERY_BUDGET, f"{name}: {count}\n{explained}"
    print({name: cost[0] for name, cost in large.items()})
