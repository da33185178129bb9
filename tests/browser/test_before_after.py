"""The before-and-after log in a real browser: nerves and a prediction before the ask, the
outcome and nerves after it, in at most four taps plus the two controls; and screenshots
of Today, the celebration and the milestones at phone and desktop width, light and dark."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from rejection.accounts.days import user_today
from rejection.challenges.deck import DECK_PATH
from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt
from tests.browser.conftest import DESKTOP, PHONE, open_page, settle, shot
from tests.browser.test_accessibility import audit_here
from tests.conftest import make_user
from tests.writes import start

pytestmark = pytest.mark.browser


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("Username")).fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.I)).click()
    page.wait_for_url(re.compile(r"/(today|intake)/$"))


def _longest_deck_title() -> str:
    deck = json.loads(DECK_PATH.read_text(encoding="utf-8"))
    return max((card["title"] for card in deck["challenges"]), key=len)


def _chip(page: Any, group: str, value: str) -> Any:
    return page.get_by_role("group", name=group).get_by_role("radio", name=value, exact=True)


def _shots(page: Any, name: str) -> None:
    """Screenshots in both colour schemes, after the page passes the accessibility audit."""
    assert audit_here(page) == [], name
    settle(page)  # the celebration's animation has run its course
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        shot(page, f"{name}-{scheme}")
    page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_about_to_ask_then_how_did_it_go(browser, live_server, deck, size) -> None:
    username = f"before-after-{size}"
    user = make_user(username, "Europe/London")
    viewport = PHONE if size == "phone" else DESKTOP
    # In a program, as most people are: its header is on the page too. Whichever card the
    # day brings, it carries the deck's longest title, so the screen must fit any card.
    start(user, "classic-30", user_today(user))
    Challenge.objects.update(title=_longest_deck_title())
    page = open_page(browser, viewport)
    base = live_server.url
    _sign_in(page, base, username)
    page.goto(f"{base}/today/")
    expect(page.get_by_role("heading", name="How Today works")).to_be_visible()
    _shots(page, f"{size}-20-today-first")
    taps = 0

    # The two controls: nerves now and the chance of a no.
    _chip(page, "Nerves now", "7").click()
    _chip(page, "Chance they say no", "80%").click()
    page.get_by_role("button", name="I'm about to ask").click()
    taps += 1
    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    _shots(page, f"{size}-21-today-asking")
    started = Attempt.objects.get(user__username=username)
    assert started.outcome == "in_progress" and started.predicted_before

    # One screen, no scrolling: the save button is in view above the tab bar.
    save = page.get_by_role("button", name="Save how it went")
    box = save.bounding_box()
    tabs = page.locator("nav.tabs").bounding_box()
    assert box is not None and tabs is not None
    # On a phone the tab bar sits at the bottom of the screen; on a desktop, at the top.
    bottom = tabs["y"] if tabs["y"] > viewport["height"] / 2 else viewport["height"]
    assert box["y"] + box["height"] <= bottom, (box, tabs)

    page.locator("label.tile--rejected").click()
    taps += 1
    _chip(page, "Nerves now", "3").click()
    taps += 1
    save.click()
    taps += 1
    assert taps <= 4

    page.wait_for_url(re.compile(r"/journal/\d+/celebrate/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("A no")
    expect(page.get_by_text(re.compile("Your nerves went 7 → 3"))).to_be_visible()
    expect(page.get_by_text(re.compile("put the chance of a no at 80%"))).to_be_visible()
    expect(page.get_by_text(re.compile("Next milestone"))).to_be_visible()
    _shots(page, f"{size}-22-celebration")
    # The confetti stays still for those who ask their phone for less motion.
    burst = page.locator(".party__burst")
    assert burst.evaluate("e => getComputedStyle(e).display") == "block"
    page.emulate_media(reduced_motion="reduce")
    assert burst.evaluate("e => getComputedStyle(e).display") == "none"
    page.emulate_media(reduced_motion="no-preference")

    attempt = Attempt.objects.get(user__username=username)
    assert (attempt.anxiety_before, attempt.predicted_rejection, attempt.anxiety_after) == (
        7,
        80,
        3,
    )
    assert attempt.outcome == "rejected" and attempt.predicted_before is True

    page.get_by_role("link", name="Back to Today").click()
    done = page.locator(".done-card")
    expect(done).to_contain_text("+10 points")
    expect(done).to_contain_text(re.compile(r"logged at \d\d:\d\d"))
    _shots(page, f"{size}-23-today-done")

    page.goto(f"{base}/progress/milestones/")
    expect(page.get_by_role("heading", name="Still to come")).to_be_visible()
    _shots(page, f"{size}-24-milestones")
    page.goto(f"{base}/log/")
    _shots(page, f"{size}-25-log")
    page.context.close()


def test_an_avoided_ask_gets_kindness_not_a_reward(browser, live_server, deck) -> None:
    make_user("gentle", "Europe/London")
    page = open_page(browser, PHONE)
    _sign_in(page, live_server.url, "gentle")
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("button", name="I'm about to ask").click()
    page.locator("label.tile--avoided").click()
    page.get_by_role("button", name="Save how it went").click()
    page.wait_for_url(re.compile(r"/celebrate/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("that's all right")
    assert page.locator(".party__burst").count() == 0
    assert page.locator(".party__figures").count() == 0
    _shots(page, "phone-26-celebration-avoided")
    page.context.close()
