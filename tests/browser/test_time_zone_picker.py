"""Settings: the time zone is a list of IANA zones with a search box, and the device's zone
is picked for someone still on the UTC default (the browser here says Asia/Tokyo)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, open_page, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_search_narrows_the_list_and_the_device_zone_is_preselected(
    browser, live_server, deck
) -> None:
    user = make_user("traveller", "UTC")
    page = open_page(browser, PHONE, tz="Asia/Tokyo")
    sign_in(page, live_server.url, "traveller", "correct horse battery")
    page.goto(f"{live_server.url}/settings/")
    zone = page.get_by_label("Time zone", exact=True)
    expect(zone).to_have_value("Asia/Tokyo")
    expect(page.get_by_text("This is your device's time zone.")).to_be_visible()
    page.get_by_label("Search time zones").fill("buenos")
    names = zone.locator("option").evaluate_all("(options) => options.map((o) => o.value)")
    assert "America/Argentina/Buenos_Aires" in names and "Europe/London" not in names
    assert zone.input_value() == "America/Argentina/Buenos_Aires"
    page.get_by_label("Search time zones").fill("")
    zone.select_option("Europe/Lisbon")
    page.get_by_role("region", name="You", exact=True).get_by_role(
        "button", name="Save", exact=True
    ).click()
    page.wait_for_url("**/settings/")
    user.profile.refresh_from_db()
    assert user.profile.timezone == "Europe/Lisbon"
