"""Cheers and comments as services: who may, what they make, who is told, and the limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from rejection.community import cheers, comments
from rejection.community.feed import ask_card, comment_views
from rejection.community.limits import TooMany
from rejection.community.models import Cheer, Comment, Notification
from rejection.core.errors import Conflict, Forbidden, NotFound, Unacceptable
from tests.community.world import community

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    cache.clear()
    return community()


def _say(user: Any, attempt: Any, body: str, parent: Any = None) -> Comment:
    new = comments.NewComment(body=body, parent_id=parent.pk if parent else None)
    return comments.add_comment(user, attempt, new)


def test_a_cheer_toggles_and_tells_the_owner_once(world: dict) -> None:
    friend, ask = world["friend"], world["ask"]
    assert cheers.toggle_cheer(friend, ask, "brave") is True
    assert cheers.cheer(friend, ask, "brave") is False  # a repeat changes nothing
    assert Cheer.objects.filter(attempt=ask).count() == 1
    told = Notification.objects.get(recipient=world["owner"], kind="cheer")
    assert "Brave" in told.text and told.url == f"/asks/{ask.pk}/"
    assert cheers.toggle_cheer(friend, ask, "brave") is False
    assert not Cheer.objects.filter(attempt=ask).exists()


def test_three_kinds_counted_apart(world: dict) -> None:
    for kind in ("brave", "well_asked", "keep_going"):
        cheers.cheer(world["friend"], world["ask"], kind)
    card = ask_card(world["owner"], world["ask"].pk)
    assert card.cheers == {"brave": 1, "well_asked": 1, "keep_going": 1}
    assert card.my_cheers == set()
    assert ask_card(world["friend"], world["ask"].pk).my_cheers == {
        "brave",
        "well_asked",
        "keep_going",
    }


def test_one_cannot_cheer_ones_own_ask(world: dict) -> None:
    with pytest.raises(Conflict):
        cheers.cheer(world["owner"], world["ask"], "brave")


def test_cheers_are_rate_limited(world: dict, settings: Any) -> None:
    settings.COMMUNITY_RATES = {"cheer": (2, 600)}
    cheers.toggle_cheer(world["friend"], world["ask"], "brave")
    cheers.toggle_cheer(world["friend"], world["ask"], "brave")
    with pytest.raises(TooMany) as refused:
        cheers.toggle_cheer(world["friend"], world["ask"], "brave")
    assert refused.value.status == 429 and refused.value.retry_after >= 1


def test_a_comment_tells_the_owner_and_a_reply_tells_the_commenter(world: dict) -> None:
    owner, friend, ask = world["owner"], world["friend"], world["ask"]
    top = _say(friend, ask, "So brave!\nWell done.")
    assert top.body == "So brave!\nWell done."  # line breaks kept
    assert Notification.objects.filter(recipient=owner, kind="comment").count() == 1
    _say(owner, ask, "Thank you!", parent=top)
    reply = Notification.objects.get(recipient=friend, kind="reply")
    assert reply.url.startswith(f"/asks/{ask.pk}/#comment-")
    assert Notification.objects.filter(recipient=owner).count() == 1  # not told of their own


def test_a_reply_to_a_reply_joins_the_top_comment(world: dict) -> None:
    owner, friend, ask = world["owner"], world["friend"], world["ask"]
    top = _say(friend, ask, "Great ask")
    reply = _say(owner, ask, "Thanks", parent=top)
    deeper = _say(friend, ask, "Any time", parent=reply)
    assert deeper.parent_id == top.pk
    views = comment_views(owner, ask)
    assert [v.id for v in views] == [top.pk]
    assert [r.id for r in views[0].replies] == [reply.pk, deeper.pk]


def test_edit_own_within_ten_minutes_only(world: dict) -> None:
    friend, ask = world["friend"], world["ask"]
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        said = _say(friend, ask, "Well askd")
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 9, tzinfo=dt.UTC), tick=False):
        comments.edit_comment(friend, said, comments.CommentChanges(body="Well asked"))
        with pytest.raises(Forbidden):
            comments.edit_comment(world["owner"], said, comments.CommentChanges(body="x"))
    said.refresh_from_db()
    assert said.body == "Well asked" and said.edited_at is not None
    late_moment = time_machine.travel(dt.datetime(2026, 3, 10, 12, 11, tzinfo=dt.UTC), tick=False)
    with late_moment, pytest.raises(Conflict) as late:
        comments.edit_comment(friend, said, comments.CommentChanges(body="Later"))
    assert late.value.field == "body"


def test_delete_own_and_the_owner_deletes_any_on_their_ask(world: dict) -> None:
    owner, friend, stranger, ask = world["owner"], world["friend"], world["stranger"], world["ask"]
    first = _say(friend, ask, "First")
    _say(owner, ask, "A reply", parent=first)
    second = _say(friend, ask, "Second")
    mine = _say(owner, ask, "My own note")
    with pytest.raises(Forbidden):
        comments.delete_comment(friend, mine)
    comments.delete_comment(friend, second)
    comments.delete_comment(owner, first)  # its reply goes with it
    assert list(Comment.objects.values_list("body", flat=True)) == ["My own note"]
    with pytest.raises(NotFound):  # the stranger cannot even see it
        comments.find_comment(stranger, mine.pk)


def test_a_hidden_comment_is_seen_only_by_its_author(world: dict) -> None:
    from django.utils import timezone

    said = _say(world["friend"], world["ask"], "Reported one")
    Comment.objects.filter(pk=said.pk).update(hidden_at=timezone.now())
    assert [v.id for v in comment_views(world["friend"], world["ask"])] == [said.pk]
    assert comment_views(world["friend"], world["ask"])[0].hidden is True
    assert comment_views(world["owner"], world["ask"]) == []
    assert ask_card(world["owner"], world["ask"].pk).comment_count == 0
    with pytest.raises(NotFound):
        comments.find_comment(world["owner"], said.pk)


def test_strangers_and_blocked_people_can_neither_cheer_nor_comment(world: dict) -> None:
    for who in ("stranger", "blocked"):
        with pytest.raises(NotFound):
            _say(world[who], world["ask"], "Hello")
        with pytest.raises(NotFound):
            ask_card(world[who], world["ask"].pk)
    with pytest.raises(NotFound):
        ask_card(world["friend"], world["private"].pk)
    assert not Comment.objects.exists()


def test_an_unkind_comment_is_refused_with_the_field_named(world: dict) -> None:
    with pytest.raises(Unacceptable) as refused:
        _say(world["friend"], world["ask"], "you absolute idiot")
    assert refused.value.field == "body"
    assert not Comment.objects.exists()
    assert not Notification.objects.exists()


def test_comments_are_rate_limited(world: dict, settings: Any) -> None:
    settings.COMMUNITY_RATES = {"comment": (1, 600)}
    _say(world["friend"], world["ask"], "One")
    with pytest.raises(TooMany):
        _say(world["friend"], world["ask"], "Two")


def test_a_reply_must_answer_a_comment_on_the_same_ask(world: dict) -> None:
    from tests.community.world import shared_ask

    other = shared_ask(world["owner"], "Another ask")
    elsewhere = _say(world["friend"], other, "On the other ask")
    with pytest.raises(NotFound) as refused:
        _say(world["friend"], world["ask"], "Misplaced", parent=elsewhere)
    assert refused.value.field == "parent_id"


def test_tapping_a_cheer_off_and_on_rings_the_bell_once(world: dict) -> None:
    for _ in range(3):
        cheers.toggle_cheer(world["friend"], world["ask"], "well_asked")
        cheers.toggle_cheer(world["friend"], world["ask"], "well_asked")
    cheers.cheer(world["friend"], world["ask"], "brave")
    assert Notification.objects.filter(recipient=world["owner"], kind="cheer").count() == 1


def test_a_suspended_person_can_read_but_neither_cheer_nor_comment(world: dict) -> None:
    from django.utils import timezone

    from rejection.community.standing import Suspended

    friend = world["friend"]
    friend.profile.suspended_until = timezone.now() + dt.timedelta(days=3)
    friend.profile.save()
    assert ask_card(friend, world["ask"].pk).id == world["ask"].pk
    with pytest.raises(Suspended):
        cheers.cheer(friend, world["ask"], "brave")
    with pytest.raises(Suspended):
        _say(friend, world["ask"], "Still cheering you on")
    assert not Cheer.objects.exists() and not Comment.objects.exists()
