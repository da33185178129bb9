"""Onboarding in a real browser at phone width: sign up, land on the intake, move a few
sliders, save, and climb the ladder that was built from it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rejection.coach.models import Intake, LadderStep
from tests.browser.conftest import PHONE, open_page, shot
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual passphrase"


def test_sign_up_take_the_intake_and_see_the_ladder(browser, live_server, deck) -> None:
    page = open_page(browser, PHONE)
    base = live_server.url
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Username").fill("climber")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)")).fill(PASSWORD)
    page.get_by_label("I am 16 or over").check()
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_url(re.compile(r"/intake/$"))
    # A short welcome first: what it is, how a day works, the safety rules.
    expect(page.get_by_role("heading", level=1)).to_have_text("One small ask a day")
    expect(page.get_by_role("heading", name="The rules we keep")).to_be_visible()
    assert audit(page, f"{base}/intake/") == []
    shot(page, "phone-welcome")
    page.get_by_role("link", name="Start the check-in").click()
    page.wait_for_url(re.compile(r"/intake/\?step=questions$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("How does asking feel?")
    assert audit(page, f"{base}/intake/?step=questions") == []

    # The three-focus limit holds as you tap: a fourth box is off until one is unticked.
    for name in ("Strangers", "Service staff", "Online"):
        page.get_by_role("checkbox", name=name).check()
    expect(page.locator("#focus-count")).to_contain_text("3 of 3 chosen")
    expect(page.get_by_role("checkbox", name="Looking silly")).to_be_disabled()
    for name in ("Strangers", "Service staff", "Online"):
        page.get_by_role("checkbox", name=name).uncheck()
    expect(page.get_by_role("checkbox", name="Looking silly")).to_be_enabled()

    page.get_by_role("slider", name="Strangers").fill("2")
    expect(page.locator("#rating-strangers-value")).to_have_text("2")  # the value follows
    page.get_by_role("slider", name="Public attention").fill("9")
    page.get_by_role("slider", name="Money and negotiation").fill("7")
    page.get_by_role("checkbox", name="Money and negotiation").check()
    page.get_by_label("What do you want from this?").fill("To ask for a raise calmly.")
    shot(page, "phone-intake")
    page.get_by_role("button", name="Save and see my ladder").click()
    page.wait_for_url(re.compile(r"/ladder/$"))

    rungs = page.locator("ol.ladder > li")
    count = rungs.count()
    assert 10 <= count <= 15
    expect(rungs.last).to_contain_text("/10")
    expect(page.get_by_text("Bottom: start here")).to_be_visible()
    shot(page, "phone-ladder")
    assert audit(page, f"{base}/ladder/") == []

    intake = Intake.objects.get(user__username="climber")
    assert intake.ratings["strangers"] == 2 and intake.focus == ["money"]

    # Move the easiest rung up one (HTMX swaps the ladder in place).
    steps = list(
        LadderStep.objects.filter(user__username="climber").values_list("challenge_id", flat=True)
    )
    rungs.last.get_by_role("button", name=re.compile("up$")).click()
    expect(page.get_by_role("status").first).to_contain_text("Moved step 1 up")
    moved = list(
        LadderStep.objects.filter(user__username="climber").values_list("challenge_id", flat=True)
    )
    assert moved[:2] == [steps[1], steps[0]]
    page.context.close()


def test_the_intake_can_be_skipped(browser, live_server, deck) -> None:
    page = open_page(browser, PHONE)
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("later")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)")).fill(PASSWORD)
    page.get_by_label("I am 16 or over").check()
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_url(re.compile(r"/intake/$"))
    page.get_by_role("button", name="Skip for now").click()
    page.wait_for_url(re.compile(r"/today/$"))
    assert Intake.objects.get(user__username="later").skipped
    page.context.close()
