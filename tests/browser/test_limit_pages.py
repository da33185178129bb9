"""The pages a flood or an oversized form meets (429, 413) read well on a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, open_page, shot, sign_in
from tests.browser.test_accessibility import audit_here
from tests.writes import start

pytestmark = pytest.mark.browser


def test_too_many_logins_page(browser, live_server, deck, settings) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    page = open_page(browser, PHONE)
    for _ in range(3):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", "nobody")
        page.fill("input[name=password]", "not the password")
        response_info = page.expect_response(lambda r: r.request.method == "POST")
        with response_info as info:
            page.locator("main form button[type=submit]").click()
        status = info.value.status
    assert status == 429
    assert info.value.headers.get("retry-after")
    assert "h1" in page.content()
    shot(page, "phone-429")
    assert audit_here(page) == []
    page.context.close()


def test_oversized_form_page(browser, live_server, deck, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4_000
    page = open_page(browser, PHONE)
    page.goto(f"{live_server.url}/accounts/signup/")
    page.evaluate(
        "() => { const f = document.querySelector('main form');"
        " const t = document.createElement('textarea'); t.name = 'filler';"
        " t.value = 'x'.repeat(10000); t.hidden = true; f.appendChild(t); }"
    )
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        # submit() skips the browser's own checks of the empty required fields
        page.evaluate("() => document.querySelector('main form').submit()")
    assert info.value.status == 413
    page.wait_for_load_state()
    assert "nothing was saved" in page.locator("main").inner_text()
    shot(page, "phone-413")
    assert audit_here(page) == []
    page.context.close()


def test_a_button_that_updates_part_of_a_page_says_when_it_fails(
    browser, live_server, deck
) -> None:
    """HTMX swaps nothing on an error answer; the page says what happened instead."""
    import re

    from rejection.core.time import local_today
    from tests.conftest import make_user

    user = make_user("swapper", "Europe/London")
    start(user, "classic-30", local_today("Europe/London"))
    page = open_page(browser, PHONE, service_worker=False)  # page.route answers below
    sign_in(page, live_server.url, "swapper", "correct horse battery")
    answers = iter([(429, {"Retry-After": "60"}), (500, {})])

    def fail(route) -> None:
        status, headers = next(answers)
        route.fulfill(status=status, headers=headers, body="")

    page.route("**/today/reroll/", fail)
    another = page.get_by_role("button", name=re.compile("Another card"))
    another.click()
    page.get_by_text(re.compile("a lot of tries in a short time")).wait_for()
    another.click()
    page.get_by_text(re.compile("Something went wrong on our side")).wait_for()
    # Said beside the button, where the eye is, and the second try's line replaced the first's.
    said = page.locator("form + .offline-notice")
    assert said.count() == 1 and "on our side" in said.inner_text()
    shot(page, "phone-partial-update-failed")
    assert audit_here(page) == []
    page.context.close()
