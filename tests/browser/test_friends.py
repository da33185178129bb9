"""Two people become friends in real browsers at phone width: one asks by username, the
other accepts; a friends-only ask shows on its owner's page with only what was ticked;
a block hides it all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, open_page, shot, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_send_accept_share_and_block(browser, live_server, deck) -> None:
    base = live_server.url
    make_user("asha", "Europe/London")
    make_user("ben", "Europe/London")
    asha = open_page(browser, PHONE)
    ben = open_page(browser, PHONE)
    sign_in(asha, base, "asha", PASSWORD)
    sign_in(ben, base, "ben", PASSWORD)

    # Asha asks Ben by username.
    asha.goto(f"{base}/friends/")
    expect(asha.get_by_role("textbox", name="Your invite link")).to_have_value(
        re.compile(r"/friends/invite/")
    )
    asha.get_by_label("Their username").fill("Ben")
    asha.get_by_role("button", name="Send a request").click()
    expect(asha.locator(".messages")).to_contain_text("Request sent to ben")
    expect(asha.get_by_role("heading", name="Waiting for an answer")).to_be_visible()
    shot(asha, "friends-phone-light")

    # Ben accepts.
    ben.goto(f"{base}/friends/")
    expect(ben.get_by_role("heading", name="Asking to be friends")).to_be_visible()
    ben.get_by_role("button", name="Accept asha").click()
    expect(ben.locator(".messages")).to_contain_text("You and asha are friends now.")
    expect(ben.get_by_role("link", name="asha")).to_be_visible()

    # Asha logs an ask for friends, showing what she learned but not what she feared.
    asha.goto(f"{base}/log/")
    asha.get_by_label("What did you ask for?").fill("Ask the baker for a day-old loaf")
    asha.locator("label.tile--rejected").click()
    asha.locator("summary", has_text="Add notes").click()
    asha.get_by_role("textbox", name="What I feared would happen").fill("A FEAR NOT TICKED")
    asha.get_by_role("textbox", name="What I learned").fill("Bakers are kind")
    sharing = asha.locator("details.sharing")
    sharing.locator("summary").click()
    expect(sharing.get_by_label("Only me")).to_be_checked()
    sharing.get_by_label("My friends").check()
    sharing.get_by_label("Show what I learned").check()
    shot(asha, "log-sharing-phone-light")
    sharing.get_by_role("button", name="Save").click()
    asha.wait_for_url(re.compile(r"/celebrate/$"))

    # Ben sees it on Asha's page, with only what she ticked.
    ben.goto(f"{base}/people/asha/")
    expect(ben.get_by_text("Ask the baker for a day-old loaf")).to_be_visible()
    expect(ben.get_by_text("Bakers are kind")).to_be_visible()
    expect(ben.get_by_text("A FEAR NOT TICKED")).to_have_count(0)
    shot(ben, "person-phone-light")
    ben.emulate_media(color_scheme="dark")
    ben.reload()
    shot(ben, "person-phone-dark")
    ben.goto(f"{base}/friends/")
    shot(ben, "friends-phone-dark")
    ben.emulate_media(color_scheme="light")

    # Asha blocks Ben from his page: her page is gone for him, as if she did not exist.
    asha.goto(f"{base}/people/ben/")
    asha.locator("summary", has_text="More").click()
    asha.get_by_role("button", name="Block").click()
    expect(asha.locator(".messages")).to_contain_text("Blocked ben")
    response = ben.goto(f"{base}/people/asha/")
    assert response is not None and response.status == 404
    expect(ben.get_by_text("Ask the baker for a day-old loaf")).to_have_count(0)
    ben.goto(f"{base}/friends/")
    expect(ben.get_by_role("link", name="asha")).to_have_count(0)
    asha.goto(f"{base}/settings/")
    shot(asha, "settings-phone-light")


def test_an_invite_link_through_sign_up_at_desktop_width(browser, live_server, deck) -> None:
    from rejection.community.friends import invite_link

    base = live_server.url
    owner = make_user("cara", "Europe/London")
    token = invite_link(owner).token
    page = open_page(browser, DESKTOP)
    page.goto(f"{base}/friends/invite/{token}/")
    page.wait_for_url(re.compile(r"/accounts/signup/"))
    page.get_by_label("Username").fill("dev")
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label(re.compile(r"Password \(again\)")).fill("a long and unusual passphrase")
    page.get_by_label("I am 16 or over").check()
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_url(re.compile(r"/friends/invite/"))
    expect(page.get_by_role("heading", name="cara invited you")).to_be_visible()
    shot(page, "invite-desktop-light")
    page.get_by_role("button", name="Be friends").click()
    page.wait_for_url(re.compile(r"/people/cara/$"))
    expect(page.locator(".messages")).to_contain_text("You and cara are friends now.")
    page.goto(f"{base}/friends/")
    expect(page.get_by_role("link", name="cara")).to_be_visible()
    shot(page, "friends-desktop-light")
    page.emulate_media(color_scheme="dark")
    page.goto(f"{base}/settings/")
    expect(page.get_by_role("heading", name="Friends and your page")).to_be_visible()
    shot(page, "settings-desktop-dark")
