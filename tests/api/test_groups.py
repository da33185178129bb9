"""Groups through the API: owner, member, stranger, blocked person and anonymous."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from rejection.community.models import Block, Notification
from rejection.groups.models import Group, Membership
from rejection.journal.models import Attempt
from rejection.progress.models import Enrollment
from tests.api.conftest import assert_error
from tests.conftest import bearer, make_user, read_json
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
# Tuesday 10 March 2026, midday in London.
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    people = {
        "owner": make_user("coach", "Europe/London"),
        "member": make_user("mia", "America/New_York"),
        "stranger": make_user("sam", "Asia/Tokyo"),
        "blocked": make_user("bob", "UTC"),
    }
    return {name: (user, bearer(user)) for name, user in people.items()}


def _make(api: Any, headers: dict, **body: Any) -> dict:
    response = api.post("/groups", {"name": "Tuesday class", **body}, headers)
    assert response.status_code == 201, response.content
    return read_json(response)


def _group(api: Any, cast: dict) -> dict:
    group = _make(api, cast["owner"][1], description="We ask, together.")
    joined = api.post("/groups/join", {"code": group["code"]}, cast["member"][1])
    assert joined.status_code == 201, joined.content
    return group


def test_an_owner_makes_a_group_and_its_program_starts(api: Any, cast: dict) -> None:
    owner = cast["owner"][0]
    group = _make(api, cast["owner"][1])
    assert group["program"]["slug"] == "classic-30"
    assert group["length_days"] == 30 and group["day_number"] == 1
    assert group["start_date"] == "2026-03-10"
    assert group["is_owner"] is True and group["members"] == 1
    assert group["join_url"] == f"/groups/join/{group['code']}/"
    assert group["my_choices"] == {
        "show_days": True,
        "show_asks": True,
        "show_nos": False,
        "show_titles": False,
    }
    enrollment = Enrollment.objects.get(user=owner, active=True)
    assert enrollment.start_date == dt.date(2026, 3, 10) and enrollment.length_days == 30
    assert Notification.objects.filter(recipient=owner, kind="group").count() == 1


def test_own_length_needs_a_length(api: Any, cast: dict) -> None:
    headers = cast["owner"][1]
    assert_error(
        api.post("/groups", {"name": "Team", "program": "custom"}, headers),
        409,
        "length_needed",
        "length_days",
    )
    group = _make(api, headers, program="custom", length_days=12, follow=False)
    assert group["length_days"] == 12 and group["program"]["slug"] == "custom"
    assert not Enrollment.objects.filter(user=cast["owner"][0]).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 81}, "name"),
        ({"name": "A", "description": "d" * 501}, "description"),
        ({"name": "A", "program": "forever"}, "program"),
        ({"name": "A", "program": "custom", "length_days": 366}, "length_days"),
        ({"name": "A", "follow": "yes"}, "follow"),
        ({"name": "A", "colour": "red"}, "colour"),
    ],
)
def test_bad_groups_are_refused_naming_the_field(
    api: Any, cast: dict, body: dict, field: str
) -> None:
    assert_error(api.post("/groups", body, cast["owner"][1]), 422, "invalid", field)


def test_unkind_names_are_refused(api: Any, cast: dict) -> None:
    response = api.post("/groups", {"name": "Steal a car from a stranger"}, cast["owner"][1])
    assert response.status_code in (201, 422)  # the screen decides; never a 500
    if response.status_code == 422:
        assert "name" in read_json(response)["error"]["fields"]


def test_joining_with_the_code_shares_day_one(api: Any, cast: dict) -> None:
    member = cast["member"][0]
    group = _make(api, cast["owner"][1])
    with time_machine.travel(NOW + dt.timedelta(days=4), tick=False):
        response = api.post("/groups/join", {"code": group["code"].lower()}, cast["member"][1])
        assert response.status_code == 201
        body = read_json(response)
        assert body["members"] == 2 and body["is_owner"] is False and body["day_number"] == 5
        again = api.post("/groups/join", {"code": group["code"]}, cast["member"][1])
        assert again.status_code == 200
    enrollment = Enrollment.objects.get(user=member, active=True)
    assert enrollment.start_date == dt.date(2026, 3, 10)  # the group's Day 1, not the join day
    news = Notification.objects.filter(recipient=cast["owner"][0], kind="group").first()
    assert news is not None and "mia joined Tuesday class" in news.text
    assert Membership.objects.filter(group_id=group["id"]).count() == 2


@pytest.mark.parametrize("code", ["", "ABC", "0000000000", "ABCDEFGHJ!", "A" * 11])
def test_malformed_codes_are_422(api: Any, cast: dict, code: str) -> None:
    assert_error(
        api.post("/groups/join", {"code": code}, cast["member"][1]), 422, "invalid", "code"
    )


def test_a_wrong_code_is_404_naming_code(api: Any, cast: dict) -> None:
    _make(api, cast["owner"][1])
    response = api.post("/groups/join", {"code": "ABCDEFGHJK"}, cast["member"][1])
    assert_error(response, 404, "not_found", "code")


def test_strangers_and_anonymous_see_nothing(api: Any, cast: dict) -> None:
    group = _group(api, cast)
    gid = group["id"]
    missing = Group.objects.order_by("-id").first().pk + 100  # type: ignore[union-attr]
    for path in (f"/groups/{gid}", f"/groups/{gid}/board", f"/groups/{missing}"):
        assert_error(api.get(path, cast["stranger"][1]), 404, "not_found")
        assert api.get(path).status_code == 401
    stranger_writes = [
        ("patch", f"/groups/{gid}/choices", {"show_nos": True}),
        ("post", f"/groups/{gid}/leave", None),
        ("post", f"/groups/{gid}/code", None),
        ("post", f"/groups/{gid}/close", None),
        ("delete", f"/groups/{gid}/members/mia", None),
    ]
    for method, path, body in stranger_writes:
        args = (
            (path, body, cast["stranger"][1]) if method != "delete" else (path, cast["stranger"][1])
        )
        response = getattr(api, method)(*args)
        assert response.status_code == 404, (method, path, response.content)
        anonymous = getattr(api, method)(*((path, body) if method != "delete" else (path,)))
        assert anonymous.status_code == 401
    assert read_json(api.get("/groups", cast["stranger"][1]))["items"] == []
    assert Group.objects.get(pk=gid).code == group["code"]


def test_the_board_shows_what_each_member_chose(api: Any, cast: dict) -> None:
    owner, member = cast["owner"][0], cast["member"][0]
    group = _group(api, cast)
    log_ask(owner, {"ask": "Asked for a window seat", "outcome": "rejected"})
    log_ask(owner, {"ask": "Asked to skip the queue", "outcome": "avoided"})
    log_ask(member, {"ask": "PRIVATE-MIA-ASK", "outcome": "accepted"})
    log_ask(member, {"ask": "Asked for a discount", "outcome": "no_response"})
    board = read_json(api.get(f"/groups/{group['id']}/board", cast["member"][1]))
    assert board["week"] == "2026-W11" and board["is_current"] is True
    rows = {row["username"]: row for row in board["members"]}
    assert rows["coach"] | {} == {
        "username": "coach",
        "name": "coach",
        "is_owner": True,
        "is_me": False,
        "days": 1,
        "asks": 1,  # the avoided ask is not counted
        "nos": None,
        "titles": None,
    }
    assert rows["mia"]["is_me"] is True and rows["mia"]["asks"] == 2
    assert "PRIVATE-MIA-ASK" not in str(
        read_json(api.get(f"/groups/{group['id']}/board", cast["owner"][1]))
    )
    # Mia shows her nos and her titles; hides her days.
    changed = api.patch(
        f"/groups/{group['id']}/choices",
        {"show_nos": True, "show_titles": True, "show_days": False},
        cast["member"][1],
    )
    assert read_json(changed)["my_choices"]["show_titles"] is True
    seen = read_json(api.get(f"/groups/{group['id']}/board", cast["owner"][1]))
    mia = next(row for row in seen["members"] if row["username"] == "mia")
    assert mia["days"] is None and mia["nos"] == 1 and mia["asks"] == 2
    assert mia["titles"] == ["PRIVATE-MIA-ASK", "Asked for a discount"]
    # A hidden ask (moderation) never shows.
    Attempt.objects.filter(ask="PRIVATE-MIA-ASK").update(hidden_at=NOW)
    seen = read_json(api.get(f"/groups/{group['id']}/board", cast["owner"][1]))
    mia = next(row for row in seen["members"] if row["username"] == "mia")
    assert mia["titles"] == ["Asked for a discount"]


def test_board_weeks(api: Any, cast: dict) -> None:
    group = _group(api, cast)
    path = f"/groups/{group['id']}/board"
    assert api.get(path + "?week=2026-W11", cast["member"][1]).status_code == 200
    last = read_json(api.get(path + "?week=2026-W10", cast["member"][1]))
    assert last["next_week"] == "2026-W11" and last["is_current"] is False
    assert_error(api.get(path + "?week=2026-W12", cast["member"][1]), 404, "not_found", "week")
    assert_error(api.get(path + "?week=2026-W53", cast["member"][1]), 404, "not_found", "week")
    assert_error(api.get(path + "?week=2026-11", cast["member"][1]), 422, "invalid", "week")


def test_blocked_pairs_do_not_see_each_other_on_the_board(api: Any, cast: dict) -> None:
    group = _group(api, cast)
    blocked, blocked_headers = cast["blocked"]
    assert api.post("/groups/join", {"code": group["code"]}, blocked_headers).status_code == 201
    Block.objects.create(blocker=cast["member"][0], blocked=blocked)
    names = lambda headers: {  # noqa: E731
        row["username"]
        for row in read_json(api.get(f"/groups/{group['id']}/board", headers))["members"]
    }
    assert names(cast["member"][1]) == {"coach", "mia"}
    assert names(blocked_headers) == {"coach", "bob"}
    assert names(cast["owner"][1]) == {"coach", "mia", "bob"}


def test_someone_the_owner_blocked_cannot_join(api: Any, cast: dict) -> None:
    group = _make(api, cast["owner"][1])
    Block.objects.create(blocker=cast["owner"][0], blocked=cast["blocked"][0])
    response = api.post("/groups/join", {"code": group["code"]}, cast["blocked"][1])
    assert_error(response, 404, "not_found", "code")


def test_members_leave_and_keep_their_data(api: Any, cast: dict) -> None:
    member = cast["member"][0]
    group = _group(api, cast)
    log_ask(member, {"ask": "Asked for a hug", "outcome": "accepted"})
    assert_error(
        api.post(f"/groups/{group['id']}/leave", None, cast["owner"][1]), 409, "owner_stays"
    )
    assert api.post(f"/groups/{group['id']}/leave", None, cast["member"][1]).status_code == 204
    assert api.get(f"/groups/{group['id']}", cast["member"][1]).status_code == 404
    assert Attempt.objects.filter(user=member).count() == 1
    assert Enrollment.objects.filter(user=member, active=True).exists()
    # Leaving is not a ban: the code still works.
    assert api.post("/groups/join", {"code": group["code"]}, cast["member"][1]).status_code == 201


def test_the_owner_removes_a_member(api: Any, cast: dict) -> None:
    group = _group(api, cast)
    gid = group["id"]
    assert_error(api.delete(f"/groups/{gid}/members/coach", cast["member"][1]), 403, "owner_only")
    assert_error(
        api.delete(f"/groups/{gid}/members/sam", cast["owner"][1]), 404, "not_found", "username"
    )
    assert_error(api.delete(f"/groups/{gid}/members/coach", cast["owner"][1]), 409, "owner_stays")
    assert api.delete(f"/groups/{gid}/members/mia", cast["owner"][1]).status_code == 204
    assert api.get(f"/groups/{gid}", cast["member"][1]).status_code == 404
    told = Notification.objects.filter(recipient=cast["member"][0], kind="group").first()
    assert told is not None and "no longer in Tuesday class" in told.text
    again = api.post("/groups/join", {"code": group["code"]}, cast["member"][1])
    assert_error(again, 404, "not_found", "code")
    assert api.get(f"/groups/{gid}/members/mia").status_code in (401, 404, 405)


def test_reset_code_and_close(api: Any, cast: dict) -> None:
    group = _group(api, cast)
    gid = group["id"]
    assert_error(api.post(f"/groups/{gid}/code", None, cast["member"][1]), 403, "owner_only")
    fresh = read_json(api.post(f"/groups/{gid}/code", None, cast["owner"][1]))
    assert fresh["code"] != group["code"]
    old = api.post("/groups/join", {"code": group["code"]}, cast["stranger"][1])
    assert_error(old, 404, "not_found", "code")
    assert_error(api.post(f"/groups/{gid}/close", None, cast["member"][1]), 403, "owner_only")
    assert api.post(f"/groups/{gid}/close", None, cast["owner"][1]).status_code == 204
    for who in ("owner", "member"):
        assert api.get(f"/groups/{gid}", cast[who][1]).status_code == 404
        assert read_json(api.get("/groups", cast[who][1]))["items"] == []
    told = Notification.objects.filter(recipient=cast["member"][0], text__contains="has closed")
    assert told.count() == 1
    joined = api.post("/groups/join", {"code": fresh["code"]}, cast["stranger"][1])
    assert_error(joined, 404, "not_found", "code")


def test_a_group_goes_with_its_owners_account(api: Any, cast: dict) -> None:
    group = _group(api, cast)
    log_ask(cast["member"][0], {"ask": "Asked for a hug", "outcome": "accepted"})
    cast["owner"][0].delete()
    assert api.get(f"/groups/{group['id']}", cast["member"][1]).status_code == 404
    assert not Membership.objects.filter(group_id=group["id"]).exists()
    assert Attempt.objects.filter(user=cast["member"][0]).count() == 1


def test_list_my_groups_pages(api: Any, cast: dict) -> None:
    for number in range(3):
        _make(api, cast["owner"][1], name=f"Group {number}", follow=False)
    first = read_json(api.get("/groups?limit=2", cast["owner"][1]))
    assert [item["name"] for item in first["items"]] == ["Group 2", "Group 1"]
    rest = read_json(api.get(f"/groups?limit=2&cursor={first['next_cursor']}", cast["owner"][1]))
    assert [item["name"] for item in rest["items"]] == ["Group 0"]
    assert rest["next_cursor"] is None


def test_deleting_the_owners_account_closes_the_group_and_tells_members(
    api: Any, cast: dict
) -> None:
    group = _group(api, cast)
    response = api.call("DELETE", "/me", {"password": "correct horse battery"}, cast["owner"][1])
    assert response.status_code == 204
    assert api.get(f"/groups/{group['id']}", cast["member"][1]).status_code == 404
    told = Notification.objects.filter(recipient=cast["member"][0], text__contains="has closed")
    assert told.count() == 1
    assert not Group.objects.filter(pk=group["id"]).exists()


def test_trying_codes_is_rate_limited(api: Any, cast: dict, settings: Any) -> None:
    settings.COMMUNITY_RATES = {"group_code": (3, 3600)}
    group = _make(api, cast["owner"][1])
    for _ in range(3):
        api.post("/groups/join", {"code": "ABCDEFGHJK"}, cast["stranger"][1])
    response = api.post("/groups/join", {"code": group["code"]}, cast["stranger"][1])
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    # Someone else's tries are their own.
    assert api.post("/groups/join", {"code": group["code"]}, cast["member"][1]).status_code == 201
