"""At 390 px: three people report a comment, it is hidden, and a moderator restores it from
the admin's queue (screenshots of the queue in artifacts/screenshots/moderation/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE, open_page, sign_in
from tests.conftest import make_user
from tests.writes import log_ask

pytestmark = pytest.mark.browser
FOLDER = ARTIFACTS / "moderation"


def test_three_reports_hide_a_comment_until_a_moderator_restores_it(
    browser: Any, live_server: Any, deck: Any
) -> None:
    from django.utils import timezone

    from rejection.community.models import Comment, Friendship, ModerationAction
    from rejection.journal.models import Attempt

    asker = make_user("asker", "Europe/London")
    rude = make_user("rude", "Europe/London")
    reporters = [make_user(name, "Europe/London") for name in ("ana", "ben", "cleo")]
    for person in (rude, *reporters):
        Friendship.objects.create(user=asker, friend=person)
        Friendship.objects.create(user=person, friend=asker)
    moment = timezone.now() - dt.timedelta(hours=1)
    ask = log_ask(
        asker, {"ask": "Asked for a refund", "outcome": "rejected", "occurred_at": moment}
    )
    Attempt.objects.filter(pk=ask.attempt.pk).update(visibility="friends")
    comment = Comment.objects.create(attempt=ask.attempt, author=rude, body="What a silly ask")
    make_user("mod", "UTC", is_staff=True, is_superuser=True)
    base = live_server.url

    for person in reporters:
        page = open_page(browser, PHONE)
        sign_in(page, base, person.username, "correct horse battery")
        page.goto(f"{base}/report/comment/{comment.pk}/")
        page.get_by_label("Harassment or bullying").check()
        page.get_by_label("Anything the moderators should know").fill(f"from {person.username}")
        page.get_by_role("button", name="Send the report").click()
        # is_visible() does not wait: the answer's page may still be loading after the click.
        page.get_by_text("They won't be told it was you.").wait_for()
        page.context.close()
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    assert ModerationAction.objects.get().moderator is None

    # Hidden: as absent as if it did not exist for everyone but its author.
    page = open_page(browser, PHONE)
    sign_in(page, base, "asker", "correct horse battery")
    assert page.goto(f"{base}/report/comment/{comment.pk}/").status == 404
    page.context.close()

    page = open_page(browser, DESKTOP)
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "mod")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("input[type=submit]").click()
    page.goto(f"{base}/admin/community/report/")
    assert page.get_by_text("What a silly ask").is_visible()
    assert page.get_by_text("Harassment or bullying (3)").is_visible()
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(FOLDER / "queue-1280.png"), full_page=True)
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "restore")
    page.locator("button[name=index]").click()
    page.get_by_text("Restore: 1 decided.").wait_for()
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(FOLDER / "queue-after-390.png"), full_page=True)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert [a.action for a in ModerationAction.objects.order_by("id")] == ["hide", "restore"]
