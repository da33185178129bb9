"""The share page on a phone: previews of both cards, the caption, downloads and Web Share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, open_page, shot
from tests.browser.test_accessibility import audit
from tests.conftest import make_user
from tests.writes import log_ask, start

pytestmark = pytest.mark.browser

CARDS = Path(__file__).resolve().parents[2] / "artifacts" / "cards"
# Stands in for a phone's share sheet: records what the page hands to it.
FAKE_SHARE = """
navigator.canShare = (data) => Boolean(data && data.files && data.files.length);
navigator.share = (data) => { window.sharedData = data; return Promise.resolve(); };
"""


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")


def sample_attempt(username: str):
    user = make_user(username, "Europe/London")
    result = log_ask(
        user,
        {
            "ask": "Ask a builder on the corner site if I can try on his hard hat for a photo",
            "outcome": "rejected",
            "feared_outcome": "He shouts at me",
            "visibility": "private",
        },
    )
    start(user, "classic-30", result.attempt.local_date)
    return result.attempt


def test_share_page_on_a_phone(browser, live_server, deck) -> None:
    attempt = sample_attempt("sharer")
    page = open_page(browser, PHONE)
    page.add_init_script(FAKE_SHARE)
    base = live_server.url
    sign_in(page, base, "sharer")
    page.goto(f"{base}/journal/{attempt.pk}/")
    page.get_by_role("link", name="Share", exact=True).click()
    page.wait_for_url(re.compile(rf"/journal/{attempt.pk}/share/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Share this ask")
    caption = page.get_by_label("Caption to post with your card")
    expect(caption).to_have_value(re.compile(r"^Rejection Therapy day 01: asking a builder"))

    for size in ("story", "square"):
        image = page.get_by_role("img", name=re.compile(f"^{size.title()} card: Day 1"))
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth") == 1080
        expect(page.get_by_role("link", name=f"Download the {size} card")).to_be_visible()
        # Keep both cards of the sample ask for people to look at.
        CARDS.mkdir(parents=True, exist_ok=True)
        png = page.request.get(f"{base}/journal/{attempt.pk}/card/{size}.png")
        assert png.ok and png.headers["content-type"] == "image/png"
        (CARDS / f"{size}.png").write_bytes(png.body())

    # Editing the hashtags changes the caption that is shared.
    page.get_by_label("Hashtags").fill("#rejectiontherapy #hardhat")
    page.get_by_role("button", name="Update the caption").click()
    expect(caption).to_have_value(re.compile(r"#rejectiontherapy #hardhat$"))
    share = page.get_by_role("button", name="Share the story card")
    expect(share).to_be_visible()
    expect(page.get_by_role("button", name="Copy caption")).to_be_visible()
    assert audit(page, page.url) == []
    shot(page, "phone-share")

    share.click()
    page.wait_for_function("() => window.sharedData")
    shared = page.evaluate(
        "() => ({text: sharedData.text, type: sharedData.files[0].type,"
        " name: sharedData.files[0].name, size: sharedData.files[0].size})"
    )
    assert shared["type"] == "image/png" and shared["size"] > 1000
    assert shared["name"] == "rejection-therapy-day-01-story.png"
    assert shared["text"].endswith("#rejectiontherapy #hardhat")
    assert "He shouts" not in shared["text"]
    page.context.close()


def test_without_javascript_the_downloads_are_there(browser, live_server, deck) -> None:
    attempt = sample_attempt("nojs-sharer")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, "nojs-sharer")
    page.goto(f"{live_server.url}/journal/{attempt.pk}/share/")
    for size in ("story", "square"):
        link = page.get_by_role("link", name=f"Download the {size} card")
        expect(link).to_be_visible()
        assert link.get_attribute("download") == f"rejection-therapy-day-01-{size}.png"
    expect(page.get_by_role("button", name=re.compile("^Share"))).to_have_count(0)
    context.close()


def test_picking_a_look_shows_it_at_once(browser, live_server, deck) -> None:
    user = make_user("looks")
    attempt = log_ask(user, {"ask": "Ask for a window seat", "outcome": "rejected"}).attempt
    page = open_page(browser, PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "looks")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/journal/{attempt.pk}/share/")
    expect(page.get_by_role("button", name="Show this look")).to_be_hidden()
    page.get_by_label("Night").check()
    page.wait_for_url("**theme=night**")
    story = page.get_by_role("img", name=re.compile("^Story card: Ask for a window seat"))
    expect(story).to_have_attribute("src", re.compile(r"theme=night$"))
    page.context.close()
