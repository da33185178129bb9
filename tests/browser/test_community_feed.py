"""A friend sees my shared ask in the People tab, cheers it and comments; I reply. At phone
width (390 px), with screenshots at 390 and 1280 px, light and dark, and axe on every page
of the feed, Discover and the shared ask page (0 violations, both themes)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from rejection.community.models import Comment, Notification
from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE, open_page, sign_in
from tests.browser.test_accessibility import audit
from tests.browser.test_axe import axe, axe_here
from tests.browser.test_axe import open_page as open_axe_page
from tests.community.world import MARK_FEAR, MARK_NOTE, befriend, shared_ask
from tests.conftest import make_user

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _shots(page: Any, name: str) -> None:
    """Save the page at 390 and 1280 px, light and dark, under artifacts/screenshots/community."""
    folder = ARTIFACTS / "community"
    folder.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        page.emulate_media(color_scheme=theme)
        for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(folder / f"{name}-{width}-{theme}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="light")


def test_a_friend_cheers_and_comments_and_i_reply(
    browser: Any, live_server: Any, deck: Any
) -> None:
    me = make_user("maya", "Europe/London")
    pal = make_user("sam", "Europe/London")
    befriend(me, pal)
    ask = shared_ask(me, "Asked the bakery for yesterday's bread for free", share_feared=True)
    base = live_server.url

    friend = open_page(browser, PHONE)
    sign_in(friend, base, "sam", PASSWORD)
    friend.get_by_role("link", name="People").click()
    friend.wait_for_url(re.compile(r"/feed/$"))
    card = friend.locator(f"#ask-{ask.pk}")
    card.locator(".ask-card__title a").wait_for()
    assert MARK_FEAR in card.inner_text() and MARK_NOTE not in friend.content()
    _shots(friend, "feed-friend")
    card.get_by_role("button", name=re.compile(r"^Brave")).click()  # HTMX swaps the buttons
    friend.locator(f"#cheers-{ask.pk} button[aria-pressed=true]").wait_for()
    assert "1" in friend.locator(f"#cheers-{ask.pk} button[aria-pressed=true]").inner_text()
    card.locator(".ask-card__title a").click()
    friend.wait_for_url(re.compile(rf"/asks/{ask.pk}/$"))
    friend.get_by_label("Add a comment").fill("That's so brave.\nI'd never have dared!")
    friend.get_by_role("button", name="Post comment").click()
    friend.wait_for_url(re.compile(rf"/asks/{ask.pk}/#comment-\d+$"))
    friend.get_by_text("I'd never have dared!").wait_for()

    mine = open_page(browser, PHONE)
    sign_in(mine, base, "maya", PASSWORD)
    # The bell says a cheer and a comment came; its list leads to the ask.
    mine.get_by_role("link", name="Notifications, 2 unread").click()
    mine.get_by_text("sam commented on your ask").wait_for()
    mine.goto(f"{base}/asks/{ask.pk}/")
    mine.get_by_text("That's so brave.").wait_for()
    mine.locator("summary", has_text="Reply").first.click()
    top = Comment.objects.get(author=pal)
    mine.locator(f"#reply-{top.pk}-body").fill("Thank you! They said no, and I survived.")
    mine.get_by_role("button", name="Reply", exact=True).click()
    mine.wait_for_url(re.compile(rf"/asks/{ask.pk}/#comment-\d+$"))
    mine.locator(".comments__replies").get_by_text("and I survived").wait_for()
    assert Comment.objects.get(author=me).parent_id == top.pk
    _shots(mine, "ask-with-comments")

    kinds = set(Notification.objects.filter(recipient=me).values_list("kind", flat=True))
    assert kinds == {"cheer", "comment"}
    assert Notification.objects.filter(recipient=pal, kind="reply").count() == 1

    # A comment the list refuses: the kind reason under the field, the text kept.
    friend.goto(f"{base}/asks/{ask.pk}/")
    friend.get_by_label("Add a comment").fill("you absolute idiot, just ask again")
    friend.get_by_role("button", name="Post comment").click()
    friend.get_by_text("name-calling").wait_for()
    assert friend.get_by_label("Add a comment").input_value().startswith("you absolute idiot")
    _shots(friend, "comment-refused")

    newcomer = open_page(browser, PHONE)
    make_user("newbie", "Europe/London")
    sign_in(newcomer, base, "newbie", PASSWORD)
    newcomer.goto(f"{base}/feed/")
    newcomer.get_by_text("Nothing here yet").wait_for()
    _shots(newcomer, "feed-empty")


def test_community_pages_have_no_axe_violations(browser: Any, live_server: Any, deck: Any) -> None:
    me = make_user("reader", "Europe/London")
    pal = make_user("pal", "Europe/London")
    befriend(me, pal)
    ask = shared_ask(pal, "Asked a stranger to take our photo", share_learned=True)
    shared_ask(me, "Asked for a window seat", share_anxiety=True)
    top = Comment.objects.create(attempt=ask, author=me, body="Well asked!")
    Comment.objects.create(attempt=ask, author=pal, body="Thanks!", parent=top)
    page = open_axe_page(browser)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "reader")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/today/")
    paths = [
        "/feed/",
        "/discover/",
        f"/asks/{ask.pk}/",
        f"/comments/{top.pk}/edit/",
        f"/comments/{top.pk}/delete/",
    ]
    problems = [p for path in paths for p in axe(page, base + path, "community" + path)]
    problems += [p for path in paths for p in audit(page, base + path)]  # taps, sideways
    page.goto(f"{base}/asks/{ask.pk}/")
    page.get_by_label("Add a comment").fill("what a loser")
    page.get_by_role("button", name="Post comment").click()
    page.get_by_text("name-calling").wait_for()
    problems += axe_here(page, "refused comment")
    assert not problems, "\n".join(problems)
