"""Leaving takes the person's community rows and nothing of anybody else's; the export
carries their own community data, and importing it ignores that part."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rejection.community.models import (
    Block,
    Cheer,
    Comment,
    FriendRequest,
    Friendship,
    Mute,
    Notification,
    NotificationChannels,
    Report,
)
from rejection.community.notifications import notify
from rejection.community.reports import NewReport, file_report
from rejection.data.services import export_json, export_user
from rejection.journal.models import Attempt
from tests.moderation.conftest import befriend, comment_on, shared_ask
from tests.writes import delete_account, import_document

pytestmark = pytest.mark.django_db


def others_rows(gone_id: int) -> dict[str, int]:
    """Rows that belong to people other than the leaver, and are about no ask of theirs."""
    not_theirs = {"attempt__user_id": gone_id}
    return {
        "asks": Attempt.objects.exclude(user_id=gone_id).count(),
        "comments": Comment.objects.exclude(author_id=gone_id).exclude(**not_theirs).count(),
        "cheers": Cheer.objects.exclude(user_id=gone_id).exclude(**not_theirs).count(),
        "friendships": Friendship.objects.exclude(user_id=gone_id)
        .exclude(friend_id=gone_id)
        .count(),
        "reports": Report.objects.exclude(reporter_id=gone_id).count(),
        "notifications": Notification.objects.exclude(recipient_id=gone_id)
        .exclude(actor_id=gone_id)
        .count(),
    }


def test_deleting_an_account_takes_its_community_rows_and_nobody_elses(cast: dict) -> None:
    asker, friend, second = cast["asker"], cast["friend"], cast["second"]
    befriend(friend, second)
    friends_ask = shared_ask(friend, "Friend's own ask")
    mine = comment_on(friends_ask, asker, "Asker's comment on a friend's ask")
    reply = comment_on(friends_ask, second, "Second's reply to asker", parent=mine)
    comment_on(friends_ask, second, "Second's own comment")
    Cheer.objects.create(attempt=friends_ask, user=asker, kind="brave")
    Cheer.objects.create(attempt=friends_ask, user=second, kind="brave")
    Cheer.objects.create(attempt=cast["ask"], user=friend, kind="brave")
    Mute.objects.create(muter=asker, muted=second)
    Mute.objects.create(muter=second, muted=friend)
    FriendRequest.objects.create(from_user=asker, to_user=cast["stranger"])
    FriendRequest.objects.create(from_user=cast["stranger"], to_user=second)
    file_report(asker, NewReport(target="comment", id=reply.pk, reason="spam"))
    file_report(second, NewReport(target="ask", id=friends_ask.pk, reason="spam"))
    file_report(second, NewReport(target="comment", id=mine.pk, reason="spam"))
    notify(asker, "cheer", "friend cheered", actor=friend)
    notify(friend, "cheer", "second cheered", actor=second)
    NotificationChannels.objects.create(user=asker, push=True)
    before = others_rows(asker.pk)

    delete_account(asker, "correct horse battery")

    assert not get_user_model().objects.filter(pk=asker.pk).exists()
    assert others_rows(asker.pk) == before
    gone = asker.pk
    for model, fields in (
        (Comment, ["author_id"]),
        (Cheer, ["user_id"]),
        (Friendship, ["user_id", "friend_id"]),
        (FriendRequest, ["from_user_id", "to_user_id"]),
        (Block, ["blocker_id", "blocked_id"]),
        (Mute, ["muter_id", "muted_id"]),
        (Notification, ["recipient_id"]),
        (Report, ["reporter_id"]),
        (NotificationChannels, ["user_id"]),
    ):
        for field in fields:
            assert not model.objects.filter(**{field: gone}).exists(), (model, field)
    # Second's reply under the asker's comment stays, as a comment of its own.
    kept = Comment.objects.get(pk=reply.pk)
    assert kept.parent_id is None and kept.body == "Second's reply to asker"
    # The report about the asker's comment is closed: there is nothing left to decide.
    assert Report.objects.get(target="comment", target_id=mine.pk).resolved_at is not None
    assert Report.objects.get(target="ask", target_id=friends_ask.pk).resolved_at is None


def test_the_export_carries_the_persons_own_community_data(cast: dict) -> None:
    from rejection.accounts.models import Profile

    friend = cast["friend"]
    Profile.objects.filter(user=friend).update(bio="I ask for things", public_profile=True)
    friend.refresh_from_db()
    comment_on(cast["ask"], friend, "A reply", parent=cast["comment"])
    comment_on(cast["ask"], cast["second"], "SOMEONE-ELSES-COMMENT")
    document = export_user(friend)
    community = document["community"]
    assert community["public_profile"] is True and community["bio"] == "I ask for things"
    assert community["friends"] == ["asker"]
    assert [(c["text"], c["ask"], c["reply"]) for c in community["comments"]] == [
        ("You are so brave", str(cast["ask"].uuid), False),
        ("A reply", str(cast["ask"].uuid), True),
    ]
    assert community["groups"] == []
    assert "SOMEONE-ELSES-COMMENT" not in export_json(friend)
    # The asker's friends are theirs, not in the friend's export.
    assert "second" not in json.dumps(community)


def test_an_export_with_community_data_imports_and_ignores_it(cast: dict) -> None:
    document = json.loads(export_json(cast["friend"]))
    assert document["community"]["comments"]
    report = import_document(cast["stranger"], document)
    assert report is not None
    assert not Comment.objects.filter(author=cast["stranger"]).exists()
    assert not Friendship.objects.filter(user=cast["stranger"]).exists()


def test_the_export_names_the_groups_the_person_is_in(cast: dict) -> None:
    from rejection.groups.models import Group, Membership
    from rejection.progress.models import Program

    program = Program.objects.get(slug="classic-30")
    run = Group.objects.create(
        name="Tuesday sales team",
        owner=cast["asker"],
        program=program,
        length_days=30,
        start_date=dt.date(2026, 3, 1),
    )
    other = Group.objects.create(
        name="Someone else's class",
        owner=cast["second"],
        program=program,
        length_days=30,
        start_date=dt.date(2026, 3, 1),
    )
    Membership.objects.create(group=run, user=cast["asker"])
    Membership.objects.create(group=other, user=cast["asker"], show_nos=True)
    Membership.objects.create(group=other, user=cast["friend"], removed_at=timezone.now())
    groups = export_user(cast["asker"])["community"]["groups"]
    assert [(g["name"], g["owner"], g["shows"]) for g in groups] == [
        ("Tuesday sales team", True, ["days", "asks"]),
        ("Someone else's class", False, ["days", "asks", "nos"]),
    ]
    assert export_user(cast["friend"])["community"]["groups"] == []  # removed: not in it
