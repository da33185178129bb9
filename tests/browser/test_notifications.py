"""The bell and the notifications page, and reporting a comment, in a real browser: axe finds
0 violations in both themes at 390 px, and screenshots at 390 and 1280 px, light and dark,
go to artifacts/screenshots/notifications/ for people to look at."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE, sign_in
from tests.browser.test_axe import RUN, THEMES, open_page
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.browser
FOLDER = ARTIFACTS / "notifications"


def _world() -> dict[str, Any]:
    from django.utils import timezone

    from rejection.community.models import Comment, Friendship
    from rejection.community.notifications import notify
    from rejection.journal.models import Attempt

    asker = make_user("asker", "Europe/London")
    friend = make_user("maya", "Europe/London")
    Friendship.objects.create(user=asker, friend=friend)
    Friendship.objects.create(user=friend, friend=asker)
    moment = timezone.now() - dt.timedelta(hours=2)
    ask = log_ask(
        asker,
        {"ask": "Asked for a table by the window", "outcome": "rejected", "occurred_at": moment},
    ).attempt
    Attempt.objects.filter(pk=ask.pk).update(visibility="friends")
    comment = Comment.objects.create(attempt=ask, author=friend, body="So brave, well done!")
    for text, kind in (
        ("maya sent you a friend request", "friend_request"),
        ("maya cheered your ask: Brave", "cheer"),
        ("maya commented on your ask: “So brave, well done!”", "comment"),
    ):
        notify(asker, kind, text, "/journal/", actor=friend)
    notify(asker, "moderation", "A note from the moderators: thank you for keeping it kind.")
    return {"asker": asker, "friend": friend, "comment": comment}


def _look(page: Any, name: str) -> list[str]:
    problems = []
    FOLDER.mkdir(parents=True, exist_ok=True)
    for theme, rules in THEMES.items():
        page.emulate_media(color_scheme=theme)
        problems += [f"{name} [{theme}]: {v}" for v in page.evaluate(RUN, rules)]
        for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(FOLDER / f"{name}-{width}-{theme}.png"), full_page=True)
        page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="light")
    return problems


def test_the_bell_the_list_and_a_report(browser: Any, live_server: Any, deck: Any) -> None:
    people = _world()
    page = open_page(browser)
    base = live_server.url
    sign_in(page, base, "asker", "correct horse battery")
    bell = page.get_by_role("link", name="Notifications, 4 unread")
    assert bell.is_visible()
    problems = _look(page, "today-bell")
    bell.click()
    page.wait_for_url("**/notifications/")
    assert page.get_by_text("maya cheered your ask: Brave").is_visible()
    problems += _look(page, "notifications")
    # Read now: the bell has no count on the next page.
    page.goto(f"{base}/today/")
    assert page.get_by_role("link", name="Notifications", exact=True).is_visible()
    # Maya's comment, reported by the asker.
    page.goto(f"{base}/report/comment/{people['comment'].pk}/")
    problems += _look(page, "report")
    page.get_by_label("Spam").check()
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("They won't be told it was you.").wait_for()  # is_visible() would not wait
    problems += _look(page, "report-done")
    assert not problems, "\n".join(problems)
