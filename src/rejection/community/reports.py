"""Reports: anyone signed in tells the moderators about an ask, a comment or a person.

A report goes to the moderators only: its note passes no screen because no one else reads
it, and the person reported is never told who reported them. One report per reporter and
target (a second answers as if accepted). When three different people have open reports on
an ask or a comment, it is hidden (`hidden_at`) until a moderator decides; the automatic hide
is logged in ModerationAction with no moderator. A person reported by three people is not
hidden automatically (hiding a whole person is a moderator's decision: warn or suspend); the
queue shows them first, with the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from pydantic import Field

from rejection.community import limits
from rejection.community.models import (
    REPORT_NOTE_LIMIT,
    Comment,
    FriendRequest,
    ModerationAction,
    Report,
    ReportReason,
    ReportTarget,
)
from rejection.community.visibility import are_friends, can_see_attempt, is_blocked_between
from rejection.core.contracts import Contract, Id, Text, one_of
from rejection.core.errors import Conflict, NotFound
from rejection.journal.models import Attempt

# Open reports from this many different people hide an ask or a comment.
HIDE_AT = 3
THANKS = "Thanks — a moderator will look. They won't be told it was you."


class NewReport(Contract):
    """What a report carries: what it is about, why, and an optional word for the moderators."""

    target: Annotated[str, one_of(ReportTarget.values, "thing to report")] = Field(
        description="ask, comment or person."
    )
    id: Id = Field(description="The ask's or comment's id, or the person's user id.")
    reason: Annotated[str, one_of(ReportReason.values, "reason")] = Field(
        description="Why: " + ", ".join(f"{c.value} ({c.label})" for c in ReportReason) + "."
    )
    note: Annotated[str, Text(REPORT_NOTE_LIMIT)] = Field(
        "", description="Anything the moderators should know; only they read it."
    )


@dataclass(frozen=True)
class Filed:
    report: Report
    created: bool  # False: this person had reported it already
    hidden: bool  # this report was the one that hid the item


def _gone() -> NotFound:
    return NotFound("There is nothing here, or nothing you can see.", "id")


def _comment_visible(viewer: Any, comment: Comment) -> bool:
    if comment.author_id == viewer.pk:
        return True
    if comment.hidden_at is not None or is_blocked_between(viewer, comment.author):
        return False
    return can_see_attempt(viewer, comment.attempt)


def _person_visible(viewer: Any, person: Any) -> bool:
    """A person can be reported by those who can see them: friends, anyone when their profile
    is public, and anyone they sent a friend request to; never across a block."""
    if not person.is_active or is_blocked_between(viewer, person):
        return False
    from rejection.accounts.services import profile_for

    if profile_for(person).public_profile or are_friends(viewer, person):
        return True
    return FriendRequest.objects.filter(from_user=person, to_user=viewer).exists()


def reported_item(viewer: Any, target: str, target_id: int) -> tuple[Any, int]:
    """Return the thing `viewer` wants to report and the id of the person it belongs to;
    404 (`NotFound`) for anything they cannot see, exactly as if it did not exist."""
    if target == ReportTarget.ASK:
        attempt = Attempt.objects.select_related("user").filter(pk=target_id).first()
        if attempt is None or not can_see_attempt(viewer, attempt):
            raise _gone()
        return attempt, attempt.user_id
    if target == ReportTarget.COMMENT:
        comment = Comment.objects.select_related("author", "attempt").filter(pk=target_id).first()
        if comment is None or not _comment_visible(viewer, comment):
            raise _gone()
        return comment, comment.author_id
    person = get_user_model().objects.filter(pk=target_id).first()
    if person is None or (person.pk != viewer.pk and not _person_visible(viewer, person)):
        raise _gone()
    return person, person.pk


def file_report(reporter: Any, report: NewReport) -> Filed:
    """File `reporter`'s report; hide the ask or comment when it is the third person's."""
    _item, owner_id = reported_item(reporter, report.target, report.id)
    if owner_id == reporter.pk:
        raise Conflict(
            "own_item", "This is yours, so there is nothing to report: you can delete it.", "id"
        )
    existing = Report.objects.filter(
        reporter=reporter, target=report.target, target_id=report.id
    ).first()
    if existing is not None:
        return Filed(existing, created=False, hidden=False)
    limits.take(reporter.pk, "report")
    try:
        with transaction.atomic():
            row = Report.objects.create(
                reporter=reporter,
                target=report.target,
                target_id=report.id,
                reason=report.reason,
                note=report.note,
            )
    except IntegrityError:  # the same person, twice at once: the first one counts
        row = Report.objects.get(reporter=reporter, target=report.target, target_id=report.id)
        return Filed(row, created=False, hidden=False)
    return Filed(row, created=True, hidden=_hide_if_reported_enough(report.target, report.id))


def _hide_if_reported_enough(target: str, target_id: int) -> bool:
    if target == ReportTarget.PERSON:
        return False
    reporters = (
        Report.objects.filter(target=target, target_id=target_id, resolved_at__isnull=True)
        .values("reporter_id")
        .distinct()
        .count()
    )
    if reporters < HIDE_AT:
        return False
    model = Attempt if target == ReportTarget.ASK else Comment
    # Conditional, so two reports at once hide it, and log it, once.
    hid = model.objects.filter(pk=target_id, hidden_at__isnull=True).update(
        hidden_at=timezone.now()
    )
    if hid:
        ModerationAction.objects.create(
            moderator=None,
            target=target,
            target_id=target_id,
            action=ModerationAction.Action.HIDE,
            note=f"Hidden automatically: reported by {reporters} people.",
        )
    return bool(hid)
