"""The main journey in a real browser: sign up, start a program, see Today, log a no,
and watch the streak become 1 — at phone width and on a desktop, with and without JS."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from rejection.journal.models import Attempt
from tests.browser.conftest import DESKTOP, PHONE, open_page, shot
from tests.conftest import make_user

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual passphrase"


def sign_up(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)")).fill(PASSWORD)
    page.get_by_label("I am 16 or over").check()
    # The browser filled in its own time zone.
    expect(page.get_by_label(re.compile("^Time ?zone", re.I))).to_have_value("Europe/London")
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    # New accounts are offered the fear intake first; it can wait.
    page.wait_for_url(re.compile(r"/intake/$"))
    page.get_by_role("button", name=re.compile("Skip for now", re.I)).click()
    page.wait_for_url(re.compile(r"/(today|ladder)/$"))
    page.goto(f"{base}/today/")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_sign_up_start_log_a_no_and_see_the_streak(browser, live_server, deck, size) -> None:
    page = open_page(browser, PHONE if size == "phone" else DESKTOP)
    base = live_server.url
    page.goto(base + "/")
    shot(page, f"{size}-01-landing")
    sign_up(page, base, f"asker-{size}")
    shot(page, f"{size}-02-today-new")

    page.get_by_role("link", name=re.compile("Classic 30")).first.click()
    page.wait_for_url(re.compile(r"/programs/$"))
    shot(page, f"{size}-02b-programs")
    page.get_by_role("button", name="Start Classic 30").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Day 1")
    shot(page, f"{size}-03-today-day-1")

    page.get_by_role("link", name=re.compile("Log it in one step")).click()
    page.wait_for_url(re.compile(r"/log/\?challenge=\d+"))
    shot(page, f"{size}-04-log")
    page.locator("label", has_text="They said no").click()
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    page.wait_for_url(re.compile(r"/journal/\d+/celebrate/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("A no")
    page.get_by_role("link", name="Back to Today").click()
    streak = page.locator(".figures div", has_text="Streak").locator("dd")
    expect(streak).to_contain_text("1")
    shot(page, f"{size}-05-today-after-a-no")

    attempt = Attempt.objects.get(user__username=f"asker-{size}")
    assert attempt.outcome == "rejected" and attempt.challenge_id is not None
    pages = [
        ("/journal/", "06-journal"),
        ("/progress/", "07-progress"),
        ("/deck/", "08-deck"),
        ("/settings/", "09-settings"),
    ]
    for path, name in pages:
        page.goto(base + path)
        shot(page, f"{size}-{name}")
    page.context.close()


def test_logging_works_without_javascript(browser, live_server, deck) -> None:
    make_user("nojs", "Europe/London")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(re.compile("Username")).fill("nojs")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.I)).click()
    page.goto(f"{live_server.url}/log/")
    page.get_by_label(re.compile("What did you ask")).fill(
        "Asked the bakery for a doughnut shaped like rings"
    )
    page.locator("label", has_text="They said yes").click()
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    page.wait_for_url(re.compile(r"/celebrate/$"))
    assert Attempt.objects.get(user__username="nojs").outcome == "accepted"
    shot(page, "phone-10-logged-without-js")
    context.close()


def test_the_keyboard_reaches_the_page_first(browser, live_server, deck) -> None:
    page = open_page(browser, PHONE)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert "Skip" in focused
    page.context.close()
