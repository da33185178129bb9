"""A group in a real browser at phone width: an owner makes a group, two people join with
the invite link (one by typing the code), all log an ask, and the board shows each of them
as they allowed: one shows the words of her asks, one keeps his week to himself."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from rejection.groups.models import Group, Membership
from rejection.progress.models import Enrollment
from tests.browser.conftest import PHONE, open_page, shot, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture
def midweek() -> Iterator[None]:
    """The board shows each person's asks by their own local week, so between Monday 00:00 in
    London and Monday 00:00 in New York the owner and a New York joiner are in different
    weeks. The server's clock runs from the next Wednesday noon (UTC) instead, a few days
    ahead so the browser's cookies stay fresh: the journey then means the same at any hour."""
    now = dt.datetime.now(dt.UTC)
    ahead = (2 - now.weekday()) % 7 or 7
    moment = (now + dt.timedelta(days=ahead)).replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(moment, tick=True):
        yield


def log_an_ask(page: Any, base: str, words: str, outcome: str) -> None:
    page.goto(f"{base}/log/")
    page.get_by_label(re.compile("What did you ask")).fill(words)
    page.locator("label", has_text=outcome).click()
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    page.wait_for_url(re.compile(r"/journal/\d+/celebrate/$"))


def test_an_owner_and_a_joiner_see_each_other_on_the_board(
    browser, live_server, deck, midweek
) -> None:
    base = live_server.url
    make_user("coach", "Europe/London")
    make_user("mia", "America/New_York")
    make_user("raj", "Asia/Kolkata")

    owner = open_page(browser, PHONE)
    sign_in(owner, base, "coach", PASSWORD)
    owner.goto(f"{base}/progress/")
    owner.get_by_role("link", name=re.compile("Groups")).click()
    owner.wait_for_url(re.compile(r"/groups/$"))
    shot(owner, "groups-01-empty")
    owner.get_by_role("link", name=re.compile("New group")).click()
    owner.get_by_label("Name").fill("Tuesday class")
    owner.get_by_label("What it is for").fill("One ask a day, together, for a month.")
    shot(owner, "groups-02-new")
    owner.get_by_role("button", name="Make the group").click()
    owner.wait_for_url(re.compile(r"/groups/\d+/$"))
    expect(owner.get_by_role("heading", level=1)).to_have_text("Tuesday class")
    link = owner.get_by_label("Invite link").input_value()
    group = Group.objects.get(name="Tuesday class")
    assert link.endswith(f"/groups/join/{group.code}/")
    shot(owner, "groups-03-made")

    joiner = open_page(browser, PHONE, tz="America/New_York")
    sign_in(joiner, base, "mia", PASSWORD)
    joiner.goto(link)
    expect(joiner.get_by_role("heading", level=1)).to_have_text("Join Tuesday class")
    shot(joiner, "groups-04-join")
    joiner.get_by_role("button", name=re.compile("Join the group")).click()
    joiner.wait_for_url(re.compile(rf"/groups/{group.pk}/$"))
    assert Membership.objects.filter(group=group).count() == 2
    enrollment = Enrollment.objects.get(user__username="mia", active=True)
    # Day 1 is the owner's day (London); in New York it may still be the day before (between
    # midnight in London and midnight in New York), and then Mia starts today, a day early.
    mia_today = dt.datetime.now(ZoneInfo("America/New_York")).date()
    assert enrollment.start_date == min(group.start_date, mia_today)

    third = open_page(browser, PHONE, tz="Asia/Kolkata")
    sign_in(third, base, "raj", PASSWORD)
    third.goto(f"{base}/groups/")
    third.get_by_label("Invite code").fill(group.code.lower())
    third.get_by_role("button", name=re.compile("Find the group")).click()
    third.get_by_role("button", name=re.compile("Join the group")).click()
    third.wait_for_url(re.compile(rf"/groups/{group.pk}/$"))
    for label in ("Days I practised", "How many asks I made"):
        third.get_by_label(label).uncheck()
    third.get_by_role("button", name="Save").click()
    expect(third.locator(".message")).to_contain_text("Saved")
    log_an_ask(third, base, "Asked for a table by the window", "They said no")

    log_an_ask(owner, base, "Asked the baker for yesterday's bread", "They said no")
    log_an_ask(joiner, base, "Asked for a window seat", "They said yes")
    # Mia shows the words of her asks too.
    joiner.goto(f"{base}/groups/{group.pk}/")
    joiner.get_by_label("The words of my asks this week").check()
    joiner.get_by_role("button", name="Save").click()
    expect(joiner.locator(".message")).to_contain_text("Saved")

    owner.goto(f"{base}/groups/{group.pk}/")
    rows = owner.locator(".board__row")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="raj")).to_contain_text("Keeps their week to themself")
    expect(rows.filter(has_text="raj")).not_to_contain_text("table by the window")
    mine = rows.filter(has_text="coach")
    expect(mine.locator("dd").first).to_have_text("1")
    hers = rows.filter(has_text="mia")
    expect(hers).to_contain_text("Asked for a window seat")
    expect(hers.locator("div", has_text="Asks").locator("dd")).to_have_text("1")
    expect(mine).not_to_contain_text("Asked the baker")  # coach kept his words to himself
    shot(owner, "groups-05-board-owner")

    joiner.goto(f"{base}/groups/{group.pk}/")
    expect(joiner.locator(".board__row")).to_have_count(3)
    shot(joiner, "groups-06-board-member")
