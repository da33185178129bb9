"""The Progress charts at phone width, with about 40 days of history: every chart drawn,
tables open without sideways scrolling, and the page passes the accessibility audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rejection.challenges.models import Challenge
from rejection.progress.services import take_rest_day
from tests.browser.conftest import DESKTOP, PHONE, open_page, shot
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.browser

AUDIT = (Path(__file__).parent / "audit.js").read_text()
OUTCOMES = ["rejected", "accepted", "no_response", "rejected", "partial", "avoided", "rejected"]


def seed_history(username: str) -> None:
    """Log about 40 days of asks whose nerves settle over time, with two rest days."""
    user = make_user(username, "Europe/London")
    cards = list(Challenge.objects.deck().order_by("category__position", "difficulty")[:60])
    now = timezone.now()
    for day in range(42, 0, -1):
        if day % 6 == 0:
            continue  # a day off now and then
        for extra in range(1 + (day % 4 == 0) + (day % 9 == 0)):
            n = day * 3 + extra
            data = {
                "outcome": OUTCOMES[n % len(OUTCOMES)],
                "occurred_at": now - dt.timedelta(days=day, hours=extra),
                "anxiety_before": min(10, 3 + day // 7 + n % 2),
                "anxiety_after": max(0, 1 + day // 10 - n % 2),
                "predicted_rejection": 60 + (n * 7) % 40,
            }
            if n % 5 == 0:
                data["ask"] = "Asked a stranger to wave at my mum on a video call"
            else:
                data["challenge_id"] = cards[n % len(cards)].pk
            log_ask(user, data)
    today = timezone.localdate(now, timezone=dt.UTC)
    take_rest_day(user, today - dt.timedelta(days=12))
    take_rest_day(user, today - dt.timedelta(days=36))


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def test_progress_charts_on_a_phone(browser, live_server, deck) -> None:
    seed_history("charted")
    page = open_page(browser, PHONE)
    log_in(page, live_server.url, "charted")
    page.goto(f"{live_server.url}/progress/")
    charts = page.locator("svg.chart[role=img]")
    expect(charts).to_have_count(6)
    for index in range(6):
        box = charts.nth(index).bounding_box()
        assert box and 280 <= box["width"] <= 390 and box["height"] > 40, box
    expect(
        page.locator("p.chart-sentence", has_text="Your nerves before an ask went")
    ).to_be_visible()
    assert not scrolls_sideways(page)
    shot(page, "phone-progress-charts")

    assert page.evaluate(AUDIT) == []
    for summary in page.locator("summary", has_text="Show as a table").all():
        summary.click()
    expect(page.locator("details.chart-table[open]")).to_have_count(6)
    assert not scrolls_sideways(page)
    shot(page, "phone-progress-charts-tables")
    assert page.evaluate(AUDIT) == []
    page.context.close()


def test_progress_charts_on_a_desktop(browser, live_server, deck) -> None:
    seed_history("wide")
    page = open_page(browser, DESKTOP)
    log_in(page, live_server.url, "wide")
    page.goto(f"{live_server.url}/progress/")
    expect(page.locator("svg.chart[role=img]")).to_have_count(6)
    assert not scrolls_sideways(page)
    shot(page, "desktop-progress-charts")
    page.context.close()
