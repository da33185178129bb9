"""Every main page, at phone width: labelled controls, one h1, a language, no sideways
scrolling, tap targets of 44 px, and text contrast of at least 4.5:1 (WCAG AA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import PHONE, open_page, shot
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/today/",
    "/log/",
    "/journal/",
    "/deck/",
    "/progress/",
    "/progress/week/",
    "/settings/",
    "/settings/data/",
    "/settings/delete/",
    "/settings/reminders/",
    "/programs/",
    "/intake/",
    "/ladder/",
    "/offline/",
    "/feed/",
    "/discover/",
    "/friends/",
    "/people/reader/",
    "/groups/",
    "/groups/new/",
    "/groups/join/",
    "/notifications/",
]
ANONYMOUS_PAGES = [
    "/",
    "/deck/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]

AUDIT = (Path(__file__).parent / "audit.js").read_text()


def audit(page, url: str) -> list[str]:
    page.goto(url)
    return [f"{url}: {problem}" for problem in page.evaluate(AUDIT)]


def audit_here(page) -> list[str]:
    """Audit the page as it is now (one reached by a form post, say)."""
    return [f"{page.url}: {problem}" for problem in page.evaluate(AUDIT)]


def test_member_pages_pass_the_audit(browser, live_server, deck, client) -> None:
    user = make_user("reader", "Europe/London")
    log_ask(user, {"ask": "Asked for a free coffee", "outcome": "rejected", "anxiety_before": 6})
    page = open_page(browser, PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "reader")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    problems = [p for path in PAGES for p in audit(page, live_server.url + path)]
    attempt = user.attempts.get()
    problems += audit(page, f"{live_server.url}/journal/{attempt.pk}/")
    problems += audit(page, f"{live_server.url}/journal/{attempt.pk}/edit/")
    problems += audit(page, f"{live_server.url}/journal/{attempt.pk}/share/")
    page.goto(f"{live_server.url}/progress/week/")
    shot(page, "phone-week-summary")
    assert problems == []
    page.context.close()


def test_public_pages_pass_the_audit(browser, live_server, deck) -> None:
    page = open_page(browser, PHONE)
    problems = [p for path in ANONYMOUS_PAGES for p in audit(page, live_server.url + path)]
    assert problems == []
    page.context.close()


def test_the_audit_catches_what_it_looks_for(browser) -> None:
    page = open_page(browser, PHONE)
    page.set_content(
        "<html><body><main><h1>A</h1><h1>B</h1><p style='color:#bbb'>faint</p>"
        "<input name=x><button style='height:20px'>b</button>"
        "<div style='width:900px'>wide</div></main></body></html>"
    )
    problems = " | ".join(page.evaluate(AUDIT))
    for expected in [
        "no lang",
        "exactly one h1",
        "sideways",
        "unlabelled INPUT x",
        "contrast",
        "small tap",
    ]:
        assert expected in problems
    page.context.close()
