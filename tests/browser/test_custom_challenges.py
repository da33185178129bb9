"""Your own challenges on a phone: from a search that finds nothing, to a flagged challenge
that leads with its reason, to editing it kindly and deleting it; and the journal's days."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rejection.challenges.models import Challenge
from tests.browser.conftest import PHONE, open_page, shot
from tests.browser.test_accessibility import audit
from tests.browser.test_share import sign_in
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.browser


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def test_write_it_as_your_own_edit_it_and_delete_it(browser, live_server, deck) -> None:
    make_user("maker", "Europe/London")
    page = open_page(browser, PHONE)
    base = live_server.url
    sign_in(page, base, "maker")
    page.goto(f"{base}/deck/?q=surprise+a+stranger+with+a+hug")
    write = page.get_by_role("link", name=re.compile("as your own"))
    expect(write).to_be_visible()
    write.click()
    expect(page.get_by_label("Title")).to_have_value("surprise a stranger with a hug")
    page.get_by_label("Category").select_option(label="Strangers")
    page.get_by_role("button", name="Save challenge").click()

    # Flagged: the reason comes first, "Edit it" is the one big button, no "Log this ask".
    expect(page.get_by_text("This one stays just for you, because:")).to_be_visible()
    expect(page.get_by_role("link", name="Log this ask")).to_have_count(0)
    assert audit(page, page.url) == []
    assert not scrolls_sideways(page)
    shot(page, "phone-flagged-challenge")
    page.get_by_role("link", name="Edit it").click()
    page.get_by_label("Title").fill("Ask a stranger for a high five")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("link", name="Log this ask")).to_be_visible()
    challenge = Challenge.objects.get(author__username="maker")
    assert challenge.title == "Ask a stranger for a high five"
    assert challenge.safety_status == "clear"

    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_url(re.compile(r"/deck/$"))
    assert not Challenge.objects.filter(author__username="maker").exists()
    page.context.close()


def test_the_journal_groups_asks_by_day_on_a_phone(browser, live_server, deck) -> None:
    user = make_user("diarist", "Europe/London")
    log_ask(user, {"ask": "Ask for a window seat", "outcome": "rejected",
                   "anxiety_before": 7, "anxiety_after": 3})  # fmt: skip
    log_ask(user, {"ask": "Ask for a free refill", "outcome": "accepted"})
    page = open_page(browser, PHONE)
    sign_in(page, live_server.url, "diarist")
    page.goto(f"{live_server.url}/journal/")
    expect(page.get_by_role("heading", name="Today", level=3)).to_be_visible()
    expect(page.locator(".jrow")).to_have_count(2)
    expect(page.locator(".jrow__nerves").first).to_contain_text("Nerves 7 before, 3 after")
    assert not scrolls_sideways(page)
    assert audit(page, page.url) == []
    shot(page, "phone-journal-days")
    page.context.close()
