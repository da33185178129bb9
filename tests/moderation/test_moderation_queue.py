"""The admin's moderation queue: grouped reports, and hide, restore, warn and suspend, each
logged in ModerationAction and closing the reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rejection.accounts.models import Profile
from rejection.community.models import Comment, ModerationAction, Notification, Report
from rejection.community.reports import NewReport, file_report
from rejection.community.standing import Suspended, refuse_if_suspended
from rejection.core.errors import Forbidden
from rejection.journal.models import Attempt
from tests.budget import queries
from tests.moderation.conftest import comment_on

pytestmark = pytest.mark.django_db
QUEUE = "admin:community_report_changelist"


def report(
    user: Any, target: str, target_id: int, reason: str = "harassment", note: str = ""
) -> None:
    file_report(user, NewReport(target=target, id=target_id, reason=reason, note=note))


@pytest.fixture
def reported(cast: dict) -> dict:
    """The comment reported by three people (so hidden), the ask by one, the asker by two."""
    for who, reason in (("second", "harassment"), ("third", "hate"), ("asker", "harassment")):
        report(cast[who], "comment", cast["comment"].pk, reason, note=f"note from {who}")
    report(cast["second"], "ask", cast["ask"].pk, "spam")
    report(cast["friend"], "person", cast["asker"].pk, "spam")
    report(cast["second"], "person", cast["asker"].pk, "other")
    return cast


def open_reports(target: str, target_id: int) -> int:
    return Report.objects.filter(
        target=target, target_id=target_id, resolved_at__isnull=True
    ).count()


def act(client: Any, staff: Any, action: str, target: str, target_id: int) -> Any:
    client.force_login(staff)
    row = Report.objects.filter(target=target, target_id=target_id, resolved_at__isnull=True)
    first = row.order_by("id").first()
    return client.post(
        reverse(QUEUE), {"action": action, "_selected_action": [first.pk]}, follow=True
    )


def test_the_queue_groups_reports_by_target_with_count_reasons_words_and_owner(
    client: Any, reported: dict
) -> None:
    client.force_login(reported["staff"])
    page = client.get(reverse(QUEUE))
    assert page.status_code == 200
    html = page.content.decode()
    # Three rows: the comment (3 reports), the person (2), the ask (1), most reported first.
    assert html.count('name="_selected_action"') == 3
    assert html.index("You are so brave") < html.index("Ask for a bigger coffee")
    assert "Harassment or bullying (2), Hate or slurs (1)" in html
    assert "hidden" in html and "friend" in html and "asker" in html


def test_the_queue_costs_the_same_whatever_the_number_of_reports(
    client: Any, reported: dict
) -> None:
    client.force_login(reported["staff"])
    client.get(reverse(QUEUE))
    with queries() as few:
        client.get(reverse(QUEUE))
    for n in range(12):
        extra = comment_on(reported["ask"], reported["second"], f"more words {n}")
        report(reported["third"], "comment", extra.pk, "spam")
    with queries() as many:
        client.get(reverse(QUEUE))
    assert len(many) == len(few), many.explain()


def test_only_staff_reach_the_queue(client: Any, reported: dict) -> None:
    assert client.get(reverse(QUEUE)).status_code == 302
    client.force_login(reported["friend"])
    assert client.get(reverse(QUEUE)).status_code == 302


def test_hide_hides_the_ask_logs_it_and_closes_its_reports(client: Any, reported: dict) -> None:
    ask = reported["ask"]
    act(client, reported["staff"], "hide", "ask", ask.pk)
    assert Attempt.objects.get(pk=ask.pk).hidden_at is not None
    assert open_reports("ask", ask.pk) == 0
    logged = ModerationAction.objects.get(target="ask", target_id=ask.pk)
    assert (logged.moderator, logged.action) == (reported["staff"], "hide")


def test_restore_shows_the_comment_again(client: Any, reported: dict) -> None:
    comment = reported["comment"]
    assert Comment.objects.get(pk=comment.pk).hidden_at is not None
    act(client, reported["staff"], "restore", "comment", comment.pk)
    assert Comment.objects.get(pk=comment.pk).hidden_at is None
    assert open_reports("comment", comment.pk) == 0
    actions = list(ModerationAction.objects.filter(target="comment").order_by("id"))
    assert [(a.action, a.moderator) for a in actions] == [
        ("hide", None),
        ("restore", reported["staff"]),
    ]
    # Closed reports no longer count: three new ones are needed to hide it again.
    report(reported["fourth"], "comment", comment.pk)
    assert Comment.objects.get(pk=comment.pk).hidden_at is None


def test_warn_sends_a_kind_note_from_the_moderators(client: Any, reported: dict) -> None:
    act(client, reported["staff"], "warn", "comment", reported["comment"].pk)
    [note] = Notification.objects.filter(recipient=reported["friend"])
    assert note.kind == "moderation" and note.actor is None
    assert "keep comments and asks kind" in note.text
    assert "reported by" in note.text and "second" not in note.text  # never who
    assert ModerationAction.objects.filter(action="warn", moderator=reported["staff"]).exists()
    assert open_reports("comment", reported["comment"].pk) == 0


def test_suspend_from_the_list_for_seven_days(client: Any, reported: dict) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        act(client, reported["staff"], "suspend_7", "person", reported["asker"].pk)
        until = Profile.objects.get(user=reported["asker"]).suspended_until
        assert until == dt.datetime(2026, 3, 17, 12, tzinfo=dt.UTC)
    logged = ModerationAction.objects.get(action="suspend")
    assert logged.note.startswith("7 days")
    assert open_reports("person", reported["asker"].pk) == 0
    assert Notification.objects.filter(recipient=reported["asker"], kind="moderation").exists()


def test_suspend_from_a_row_with_a_chosen_length_and_note(client: Any, reported: dict) -> None:
    client.force_login(reported["staff"])
    row = Report.objects.filter(target="comment").order_by("id").first()
    url = reverse("admin:community_report_change", args=[row.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "note from second" in html and "You are so brave" in html
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        answer = client.post(
            url, {"decision": "suspend", "days": "30", "moderator_note": "third time"}
        )
        assert answer.status_code == 302, answer.content.decode()[:3000]
        until = Profile.objects.get(user=reported["friend"]).suspended_until
        assert until == dt.datetime(2026, 4, 9, 12, tzinfo=dt.UTC)
    logged = ModerationAction.objects.get(action="suspend")
    assert (logged.note, logged.moderator) == ("30 days. third time", reported["staff"])


def test_a_person_cannot_be_hidden(client: Any, reported: dict) -> None:
    page = act(client, reported["staff"], "hide", "person", reported["asker"].pk)
    assert "A person cannot be hidden" in page.content.decode()
    assert open_reports("person", reported["asker"].pk) == 2
    assert not ModerationAction.objects.filter(target="person").exists()


def test_refuse_if_suspended_while_it_lasts(cast: dict) -> None:
    asker = cast["asker"]
    refuse_if_suspended(asker)  # not suspended: nothing happens
    refuse_if_suspended(None)
    Profile.objects.filter(user=asker).update(suspended_until=timezone.now() + dt.timedelta(days=2))
    asker.refresh_from_db()
    with pytest.raises(Forbidden) as refused:
        refuse_if_suspended(asker)
    assert isinstance(refused.value, Suspended)
    assert refused.value.status == 403 and refused.value.code == "suspended"
    assert "still yours" in refused.value.message
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        refuse_if_suspended(asker)  # over
