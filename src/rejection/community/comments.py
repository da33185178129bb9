"""Comments on shared asks: plain text, one level of replies, edited within ten minutes,
deleted by their author or by the ask's owner. Every text passes `refuse_unkind`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from rejection.community.cheers import shared_ask_path
from rejection.community.limits import take
from rejection.community.models import COMMENT_LIMIT, Block, Comment, NotificationKind
from rejection.community.notifications import notify
from rejection.community.screening import refuse_unkind
from rejection.community.standing import refuse_if_suspended
from rejection.community.visibility import can_see_attempt
from rejection.core.contracts import Contract, Id, Text
from rejection.core.errors import Conflict, Forbidden, NotFound
from rejection.journal.models import Attempt

EDIT_WINDOW = dt.timedelta(minutes=10)
CommentText = Annotated[str, Text(COMMENT_LIMIT, required=True)]


class NewComment(Contract):
    """A comment on a shared ask, or a reply to one of its comments (`parent_id`)."""

    body: CommentText
    parent_id: Id | None = None


class CommentChanges(Contract):
    """The new text of one's own comment, within ten minutes of writing it."""

    body: CommentText


def visible_comments(viewer: Any) -> Q:
    """The comments `viewer` may read on an ask they can see: not hidden (unless theirs) and
    never by someone on the other side of a block."""
    uid = int(viewer.pk)
    blocked = Exists(
        Block.objects.filter(
            Q(blocker_id=uid, blocked_id=OuterRef("author_id"))
            | Q(blocked_id=uid, blocker_id=OuterRef("author_id"))
        )
    )
    return (Q(hidden_at__isnull=True) | Q(author_id=uid)) & ~Q(blocked)


def find_comment(viewer: Any, pk: int) -> Comment:
    """Return a comment `viewer` may read, on an ask they may see; else NotFound (404)."""
    comment = (
        Comment.objects.select_related("attempt", "author__profile")
        .filter(visible_comments(viewer), pk=pk)
        .first()
    )
    if comment is None or not can_see_attempt(viewer, comment.attempt):
        raise NotFound("There is no such comment, or you can't see it.")
    return comment


def can_edit(user: Any, comment: Comment, now: dt.datetime | None = None) -> bool:
    """Its author may change it for ten minutes after writing it."""
    now = now or timezone.now()
    return comment.author_id == user.pk and now - comment.created_at <= EDIT_WINDOW


def can_delete(user: Any, comment: Comment, attempt: Attempt) -> bool:
    """Its author may delete it, and so may the owner of the ask it is on."""
    return user.pk in (comment.author_id, attempt.user_id)


def _parent(viewer: Any, attempt: Attempt, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = (
        Comment.objects.select_related("author", "parent__author")
        .filter(visible_comments(viewer), pk=parent_id, attempt=attempt)
        .first()
    )
    if parent is None:
        raise NotFound("There is no such comment on this ask to reply to.", "parent_id")
    # One level of replies: answering a reply joins the conversation under its top comment.
    return parent.parent if parent.parent_id else parent


def add_comment(user: Any, attempt: Attempt, new: NewComment) -> Comment:
    """Post a comment (or a reply) on an ask the caller may see, and tell whom it concerns."""
    if not can_see_attempt(user, attempt):
        raise NotFound("There is no such ask, or you can't see it.")
    refuse_if_suspended(user)
    take(user.pk, "comment")
    refuse_unkind("body", new.body)
    parent = _parent(user, attempt, new.parent_id)
    with transaction.atomic():
        comment = Comment.objects.create(attempt=attempt, author=user, parent=parent, body=new.body)
    name, url = user.profile.name, shared_ask_path(attempt.pk) + f"#comment-{comment.pk}"
    title = attempt.title
    if parent is not None:
        notify(
            parent.author,
            NotificationKind.REPLY,
            f"{name} replied to your comment on \u201c{title}\u201d",
            url=url,
            actor=user,
        )
    if parent is None or parent.author_id != attempt.user_id:
        notify(
            attempt.user,
            NotificationKind.COMMENT,
            f"{name} commented on your ask \u201c{title}\u201d",
            url=url,
            actor=user,
        )
    return comment


def edit_comment(user: Any, comment: Comment, changes: CommentChanges) -> Comment:
    """Change one's own comment's text within ten minutes of writing it."""
    if comment.author_id != user.pk:
        raise Forbidden("not_yours", "Only the person who wrote a comment can edit it.", "body")
    if not can_edit(user, comment):
        raise Conflict(
            "too_late",
            "Comments can be edited for 10 minutes. You can delete it and write a new one.",
            "body",
        )
    refuse_if_suspended(user)
    refuse_unkind("body", changes.body)
    comment.body = changes.body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


def delete_comment(user: Any, comment: Comment) -> None:
    """Delete a comment (its replies go with it): its author's, or any on one's own ask."""
    if not can_delete(user, comment, comment.attempt):
        raise Forbidden(
            "not_yours", "Only its author or the ask's owner can delete a comment.", None
        )
    comment.delete()
