"""Reporting an ask, a comment or a person: who may, what one report does, what three do."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from rejection.community.models import Comment, FriendRequest, ModerationAction, Report
from rejection.community.reports import NewReport, file_report
from rejection.community.visibility import can_see_attempt
from rejection.core.errors import Conflict, NotFound
from rejection.journal.models import Attempt
from tests.moderation.conftest import post_json

pytestmark = pytest.mark.django_db


def report(user: Any, target: str, target_id: int, reason: str = "harassment") -> Any:
    return file_report(user, NewReport(target=target, id=target_id, reason=reason))


def test_a_friend_reports_a_comment_and_a_second_report_changes_nothing(
    client: Any, cast: dict
) -> None:
    body = {"target": "comment", "id": cast["comment"].pk, "reason": "harassment", "note": "x"}
    first = post_json(client, "/reports", body, cast["second"])
    assert first.status_code == 200, first.content
    answer = json.loads(first.content)
    assert answer["message"] == "Thanks — a moderator will look. They won't be told it was you."
    again = post_json(client, "/reports", {**body, "reason": "spam"}, cast["second"])
    assert again.status_code == 200
    [row] = Report.objects.all()
    assert (row.reporter, row.reason, row.note) == (cast["second"], "harassment", "x")


@pytest.mark.parametrize("who", ["stranger", "blocked"])
def test_what_you_cannot_see_cannot_be_reported(client: Any, cast: dict, who: str) -> None:
    for target, item in (("ask", cast["ask"]), ("comment", cast["comment"])):
        answer = post_json(
            client, "/reports", {"target": target, "id": item.pk, "reason": "spam"}, cast[who]
        )
        assert answer.status_code == 404, (who, target)
        assert json.loads(answer.content)["error"]["fields"] == {
            "id": ["There is nothing here, or nothing you can see."]
        }
    missing = post_json(
        client, "/reports", {"target": "ask", "id": 99999, "reason": "spam"}, cast[who]
    )
    assert missing.status_code == 404
    assert not Report.objects.exists()


def test_a_private_ask_is_as_absent_for_a_friend(client: Any, cast: dict) -> None:
    body = {"target": "ask", "id": cast["private"].pk, "reason": "spam"}
    assert post_json(client, "/reports", body, cast["friend"]).status_code == 404
    assert post_json(client, "/reports", body, cast["staff"]).status_code == 404


def test_the_owner_cannot_report_their_own(client: Any, cast: dict) -> None:
    body = {"target": "ask", "id": cast["ask"].pk, "reason": "spam"}
    answer = post_json(client, "/reports", body, cast["asker"])
    assert answer.status_code == 409
    assert "id" in json.loads(answer.content)["error"]["fields"]
    with pytest.raises(Conflict):
        report(cast["friend"], "comment", cast["comment"].pk)


def test_anonymous_gets_401_and_bad_bodies_422(client: Any, cast: dict) -> None:
    body = {"target": "ask", "id": cast["ask"].pk, "reason": "spam"}
    assert post_json(client, "/reports", body).status_code == 401
    for bad, field in (
        ({**body, "target": "group"}, "target"),
        ({**body, "reason": "meh"}, "reason"),
        ({**body, "id": 0}, "id"),
        ({**body, "note": "n" * 501}, "note"),
        ({**body, "extra": 1}, "extra"),
    ):
        answer = post_json(client, "/reports", bad, cast["friend"])
        assert answer.status_code == 422, bad
        assert field in json.loads(answer.content)["error"]["fields"], answer.content


def test_three_different_people_hide_a_comment_until_a_moderator_decides(cast: dict) -> None:
    comment = cast["comment"]
    report(cast["second"], "comment", comment.pk)
    report(cast["second"], "comment", comment.pk)  # the same person twice counts once
    filed = report(cast["third"], "comment", comment.pk)
    assert not filed.hidden
    comment.refresh_from_db()
    assert comment.hidden_at is None
    filed = report(cast["asker"], "comment", comment.pk)
    assert filed.hidden
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    [logged] = ModerationAction.objects.all()
    assert (logged.moderator, logged.action, logged.target, logged.target_id) == (
        None,
        "hide",
        "comment",
        comment.pk,
    )
    # Now hidden, a fourth person can no longer see it, so cannot report it either.
    with pytest.raises(NotFound):
        report(cast["fourth"], "comment", comment.pk)
    # Its author still can see it (and is told nothing).
    assert Comment.objects.filter(pk=comment.pk, author=cast["friend"]).exists()


def test_three_reports_hide_an_ask_from_everyone_but_its_owner(cast: dict) -> None:
    ask = cast["ask"]
    for who in ("friend", "second", "third"):
        report(cast[who], "ask", ask.pk, "unsafe")
    ask = Attempt.objects.get(pk=ask.pk)
    assert ask.hidden_at is not None
    assert not can_see_attempt(cast["fourth"], ask)
    assert can_see_attempt(cast["asker"], ask)
    assert ModerationAction.objects.filter(moderator=None, action="hide", target="ask").count() == 1


def test_a_person_can_be_reported_by_who_can_see_them_and_is_never_hidden(
    client: Any, cast: dict
) -> None:
    asker = cast["asker"]
    assert (
        post_json(
            client,
            "/reports",
            {"target": "person", "id": asker.pk, "reason": "spam"},
            cast["stranger"],
        ).status_code
        == 404
    )
    # Someone who sent you a friend request can be reported by you.
    FriendRequest.objects.create(from_user=asker, to_user=cast["stranger"])
    assert report(cast["stranger"], "person", asker.pk).created
    for who in ("friend", "second", "third"):
        report(cast[who], "person", asker.pk)
    assert Report.objects.filter(target="person").count() == 4
    assert not ModerationAction.objects.exists()  # a person waits for a moderator
    with pytest.raises(NotFound):
        report(cast["blocked"], "person", asker.pk)


def test_a_public_profile_can_be_reported_by_anyone_signed_in(cast: dict) -> None:
    from rejection.accounts.models import Profile

    Profile.objects.filter(user=cast["asker"]).update(public_profile=True)
    cast["asker"].refresh_from_db()
    assert report(cast["stranger"], "person", cast["asker"].pk).created


def test_too_many_reports_answer_429_with_retry_after(
    client: Any, cast: dict, settings: Any
) -> None:
    settings.COMMUNITY_RATES = {"report": (1, 3600)}
    first = {"target": "ask", "id": cast["ask"].pk, "reason": "spam"}
    assert post_json(client, "/reports", first, cast["friend"]).status_code == 200
    second = {"target": "comment", "id": cast["comment"].pk, "reason": "spam"}
    answer = post_json(client, "/reports", second, cast["second"])
    assert answer.status_code == 200  # another person has their own count
    answer = post_json(
        client, "/reports", {**second, "target": "person", "id": cast["asker"].pk}, cast["friend"]
    )
    assert answer.status_code == 429
    assert int(answer["Retry-After"]) >= 1
    # The page says it kindly, with Retry-After too.
    client.force_login(cast["second"])
    page = client.post(reverse("report", args=["ask", cast["ask"].pk]), {"reason": "spam"})
    assert page.status_code == 429 and int(page["Retry-After"]) >= 1
    assert "short pause" in page.content.decode()


def test_the_report_page_files_one_and_thanks_kindly(client: Any, cast: dict) -> None:
    url = reverse("report", args=["comment", cast["comment"].pk])
    assert url == f"/report/comment/{cast['comment'].pk}/"
    client.force_login(cast["second"])
    form = client.get(url)
    assert form.status_code == 200
    assert "Report this comment" in form.content.decode()
    refused = client.post(url, {"note": "no reason"})
    assert refused.status_code == 200 and not Report.objects.exists()
    done = client.post(url, {"reason": "hate", "note": "Look at the second line"})
    assert done.status_code == 200
    assert "a moderator will look. They won&#x27;t be told it was you." in done.content.decode()
    [row] = Report.objects.all()
    assert (row.reason, row.note, row.reporter) == (
        "hate",
        "Look at the second line",
        cast["second"],
    )


def test_the_report_page_is_404_for_what_you_cannot_see(client: Any, cast: dict) -> None:
    client.force_login(cast["stranger"])
    for url in (
        reverse("report", args=["ask", cast["ask"].pk]),
        reverse("report", args=["comment", cast["comment"].pk]),
        reverse("report", args=["person", cast["asker"].pk]),
        reverse("report", args=["group", 1]),
        reverse("report", args=["ask", 99999]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "spam"}).status_code == 404, url
    assert not Report.objects.exists()
    client.logout()
    assert client.get(reverse("report", args=["ask", cast["ask"].pk])).status_code == 302


def test_the_owner_sees_why_there_is_nothing_to_report(client: Any, cast: dict) -> None:
    client.force_login(cast["asker"])
    page = client.get(reverse("report", args=["ask", cast["ask"].pk]))
    assert page.status_code == 200
    assert "This is yours" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[1]
