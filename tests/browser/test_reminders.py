"""Push reminders in Chromium: nothing is asked on page load; a tap subscribes and stores it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, open_page, shot, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser

# Headless Chromium has no push service of its own to register with (it would reach
# Google's); this stands in for PushManager.subscribe with what a browser returns,
# so the page's own path (permission, service worker, subscribe, POST) runs for real.
FAKE_PUSH_SERVICE = """
window.__subscribeCalls = 0;
PushManager.prototype.getSubscription = async function () { return null; };
PushManager.prototype.subscribe = async function (options) {
  window.__subscribeCalls += 1;
  window.__serverKeyLength = new Uint8Array(options.applicationServerKey).length;
  return {
    toJSON: () => ({
      endpoint: "https://push.example.com/send/chromium-test",
      expirationTime: null,
      keys: {
        p256dh:
          "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1Xbjha" +
          "zAkj7I99e8QcYP7DkM",
        auth: "tBHItJI5svbpez7KI4CCXg",
      },
    }),
  };
};
"""


def test_turning_push_on_stores_the_subscription(browser: Any, live_server: Any, deck: Any) -> None:
    from rejection.reminders.models import PushSubscription

    user = make_user("pusher", "Europe/London")
    page = open_page(browser, PHONE)
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    sign_in(page, live_server.url, "pusher", "correct horse battery")
    page.goto(f"{live_server.url}/settings/reminders/")
    # Nothing is subscribed on page load.
    assert not PushSubscription.objects.filter(user=user).exists()
    button = page.get_by_role("button", name="Turn on reminders on this device")
    button.click()
    status = page.locator(".js-push-status")
    expect(status).not_to_have_text("")
    real = status.text_content() == "Turned on. Reminders will arrive on this device."
    print(f"\nChromium's own push service: {'reached' if real else status.text_content()}")
    if not real:
        page.add_init_script(FAKE_PUSH_SERVICE)
        page.reload()
        button.click()
    expect(page.locator(".js-push-status")).to_have_text(
        "Turned on. Reminders will arrive on this device."
    )
    stored = PushSubscription.objects.get(user=user)
    assert stored.endpoint.startswith("https://")
    if not real:
        assert page.evaluate("window.__subscribeCalls") == 1
        assert page.evaluate("window.__serverKeyLength") == 65  # the VAPID public point
    shot(page, "reminders-push-on")


def test_a_traveller_switches_zone_in_one_tap(browser: Any, live_server: Any, deck: Any) -> None:
    from rejection.accounts.models import Profile

    user = make_user("flyer", "America/New_York")
    page = open_page(browser, PHONE, tz="Asia/Tokyo")
    sign_in(page, live_server.url, "flyer", "correct horse battery")
    prompt = page.get_by_role("complementary", name="Travelling?")
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text("This device is in Asia/Tokyo")
    prompt.get_by_role("button", name="Switch to this time zone").click()
    page.wait_for_url("**/today/")
    assert Profile.objects.get(user=user).timezone == "Asia/Tokyo"
    expect(page.get_by_role("complementary", name="Travelling?")).to_be_hidden()
