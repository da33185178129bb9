"""Offline: pages kept on the phone, and asks logged with no connection sent once, later.

"Offline" here is real: the test kills the granian server the browser talks to, so every
request the service worker makes fails as it would in a lift or a basement, then starts
the server again on the same port (the worker belongs to that origin).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import PHONE, open_page, shot, sign_in
from tests.browser.test_accessibility import audit_here

PASSWORD = "a-long-test-password-1234"  # the durability server's user, "durable"


def _serve_with_static(serve: Any) -> Any:
    """The durability server with static files collected under hashed names, as in
    production: the worker must name the files the manifest knows."""
    return serve("sqlite", static=True)


def _worker_ready(page: Any) -> None:
    """Wait for the service worker to be active, then reload so it controls the page."""
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def _kept_pages(page: Any) -> list[str]:
    return page.evaluate("caches.open('rt-pages').then(c => c.keys()).then(k => k.map(r => r.url))")


def _worker_settled(page: Any) -> None:
    """Wait until the worker has written every copy it is keeping (it answers on a port)."""
    page.evaluate(
        """() => new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(true);
            navigator.serviceWorker.controller.postMessage({type: "settled"}, [channel.port2]);
        })"""
    )


def _log_offline(page: Any, base: str, path: str, ask: str, outcome: str, when: str = "") -> None:
    page.goto(base + path)
    page.get_by_text(re.compile("You're offline")).wait_for()
    tile = page.locator(f"label.tile--{outcome}")
    try:
        tile.wait_for(timeout=5000)
    except PlaywrightTimeout as missing:
        kept = _kept_pages(page)
        raise AssertionError(f"{path} was not served from the kept pages: {kept}") from missing
    if ask:
        page.get_by_label(re.compile("What did you ask")).fill(ask)
    page.locator(f"label.tile--{outcome}").click()
    if when:
        page.get_by_text("Add notes").click()
        page.get_by_label("When").fill(when)
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    page.wait_for_url(re.compile(r"/offline/\?kept=1$"))
    page.get_by_text(re.compile("your ask is saved here")).wait_for()


def test_asks_logged_offline_are_kept_and_sent_once_back_online(browser: Any, serve: Any) -> None:
    server = _serve_with_static(serve)
    status, _, _ = server.request("POST", "/api/v1/programs/classic-30/start")
    assert status == 201
    base = f"http://127.0.0.1:{server.port}"
    page = open_page(browser, PHONE, tz="Europe/London")
    sign_in(page, base, "durable", PASSWORD)

    # Online: the worker installs and takes over; Today is kept, and so are the log form
    # and the log form for today's card, which Today links to.
    _worker_ready(page)
    card_link = page.get_by_role("link", name=re.compile("Log it in one step")).get_attribute(
        "href"
    )
    assert card_link and card_link.startswith("/log/?challenge=")
    page.wait_for_function(
        "paths => caches.open('rt-pages').then(c => c.keys())"
        ".then(k => paths.every(p => k.some(r => r.url.endsWith(p))))",
        arg=["/today/", "/log/", card_link],
    )
    _worker_settled(page)
    assert all(
        any(url.endswith(path) for url in _kept_pages(page))
        for path in ("/today/", "/log/", card_link)
    )

    server.kill()

    # Today, as it was, says it is a copy.
    page.goto(base + "/today/")
    page.get_by_text(re.compile("You're offline. This page is as it was")).wait_for()
    shot(page, "phone-offline-today")
    assert audit_here(page) == []
    # What needs the server says so and changes nothing: a card swap (HTMX), a rest day (a form).
    page.get_by_role("button", name=re.compile("Another card")).click()
    page.get_by_text(re.compile("No connection, so that did not happen")).wait_for()
    page.get_by_role("button", name="Take a rest day").click()
    page.get_by_text(re.compile("That needs a connection, so nothing was changed")).wait_for()

    # Two asks from the same kept log form, then one from today's card.
    _log_offline(page, base, "/log/", "Asked the bus driver to wait <b>one</b> minute", "rejected")
    _log_offline(page, base, "/log/", "Asked a stranger to swap seats", "accepted")
    _log_offline(page, base, card_link, "", "no_response")
    # And one the server will refuse: a time still to come (a phone clock gone wrong).
    _log_offline(page, base, "/log/", "Asked next year", "rejected", when="2099-01-01T10:00")
    assert page.locator("#kept-count").inner_text() == "4 asks are waiting to be sent."
    kept = page.locator("#kept-asks").inner_text()
    assert "Asked the bus driver to wait <b>one</b> minute" in kept  # as typed, not as HTML
    shot(page, "phone-offline-kept")
    assert audit_here(page) == []

    # A page never opened before: the offline page, saying why.
    page.goto(base + "/deck/")
    page.get_by_text(re.compile("has not been opened on this phone before")).wait_for()
    shot(page, "phone-offline-not-kept")

    server.start(same_port=True)

    # Back online, the first page sends them, reloads, and says so beside the one refused;
    # no rest day was taken.
    page.goto(base + "/today/")
    report = page.locator(".offline-report")
    report.get_by_text(re.compile("Sent the 3 asks you logged while offline. One could")).wait_for()
    # Each sent ask keeps its own line: the no, the yes, the silence, and the first-no milestone.
    assert report.locator(".offline-report__sent").count() == 3
    assert report.get_by_text(re.compile("A no! That's the win")).count() == 1
    assert report.get_by_text(re.compile("Silence counts as a no")).count() == 1
    assert report.locator(".offline-report__milestone").count() >= 1
    refused = report.locator(".offline-report__refused")
    assert "Asked next year" in refused.inner_text() and "still to come" in refused.inner_text()
    shot(page, "phone-offline-sent")
    # It leads to the refused one, kept on the phone with its reason.
    refused.get_by_role("link", name="See it and fix it").click()
    page.locator(".kept-asks__target").get_by_text(re.compile("still to come")).wait_for()
    page.get_by_role("button", name="Remove from this phone").click()
    attempts = server.all_attempts()
    assert sorted(a["outcome"] for a in attempts) == ["accepted", "no_response", "rejected"]
    asks = {a["ask"] for a in attempts}
    assert "Asked the bus driver to wait <b>one</b> minute" in asks
    assert any(a["challenge_id"] for a in attempts)
    # Each was logged at the moment it was kept, in the user's zone: today.
    today = server.request("GET", "/api/v1/today")[2]["date"]
    assert {a["local_date"] for a in attempts} == {today}

    assert server.request("GET", "/api/v1/export")[2]["rest_days"] == []
    # Nothing is waiting, and loading pages again sends nothing twice.
    page.goto(base + "/offline/")
    page.get_by_text("Nothing is waiting to be sent.").wait_for()
    page.goto(base + "/today/")
    assert len(server.all_attempts()) == 3


def test_signing_out_forgets_the_kept_pages(browser: Any, serve: Any) -> None:
    server = _serve_with_static(serve)
    base = f"http://127.0.0.1:{server.port}"
    page = open_page(browser, PHONE)
    # The worker's copies of the log form are held back until after the sign-out: a copy
    # that arrives late must not bring the last account's pages back.
    held: list[Any] = []
    page.context.route(re.compile(r"/log/"), lambda route: held.append(route))
    sign_in(page, base, "durable", PASSWORD)
    _worker_ready(page)
    page.wait_for_function("caches.open('rt-pages').then(c => c.keys()).then(k => k.length > 0)")
    for _ in range(100):  # the worker asks for them once Today is kept
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the worker did not ask to keep the log form"
    page.goto(base + "/accounts/logout/")
    page.get_by_role("button", name=re.compile("Sign out|Log out", re.I)).click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    for route in held:
        route.fulfill(status=200, content_type="text/html", body="<body >the last account's form")
    _worker_settled(page)
    kept = page.evaluate(
        "caches.has('rt-pages').then(has => has ? caches.open('rt-pages').then(c => c.keys())"
        " .then(k => k.map(r => r.url)) : [])"
    )
    assert kept == []


def test_chromium_finds_the_app_installable(browser: Any, live_server: Any, tmp_path: Any) -> None:
    """No installability errors: manifest, icons, start URL, scope, a worker.

    A persistent profile, because Chromium never offers to install from an incognito one,
    which every ordinary Playwright context is.
    """
    from tests.browser.conftest import ARGS, CHROMIUM

    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS, viewport=PHONE
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=10_000)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["manifest"]["startUrl"] == live_server.url + "/today/"
    finally:
        context.close()
