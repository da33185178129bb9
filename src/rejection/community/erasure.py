"""What the community keeps and gives when a person leaves or takes their data away.

Deleting an account removes, through foreign keys, the person's comments, cheers,
friendships (both directions), requests, blocks, mutes, notifications, channel choices and
the reports they filed. Two things need a hand first: replies other people wrote under the
person's comments would go with them (a reply's parent cascades), so they are kept as
comments of their own; and open reports about the person or their things are closed, as
there is nothing left to decide.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rejection.community.models import Comment, Report, ReportTarget
from rejection.journal.models import Attempt


def before_erase(user: Any) -> None:
    """Keep other people's replies under this person's comments; close reports about them."""
    Comment.objects.filter(parent__author=user).exclude(author=user).update(parent=None)
    now = timezone.now()
    mine = {
        ReportTarget.PERSON: [user.pk],
        ReportTarget.COMMENT: list(
            Comment.objects.filter(author=user).values_list("pk", flat=True)
        ),
        ReportTarget.ASK: list(Attempt.objects.filter(user=user).values_list("pk", flat=True)),
    }
    for target, ids in mine.items():
        if ids:
            Report.objects.filter(
                target=target, target_id__in=ids, resolved_at__isnull=True
            ).update(resolved_at=now)


def community_export(user: Any) -> dict[str, Any]:
    """The person's own community data for their export: their profile's public settings and
    their comments (words, the ask's uuid, when). The data app adds their friends' usernames
    and their groups, read together in one query."""
    from rejection.accounts.services import profile_for

    profile = profile_for(user)
    comments = (
        Comment.objects.filter(author=user)
        .select_related("attempt")
        .order_by("created_at", "id")
        .iterator(chunk_size=500)
    )
    return {
        "public_profile": profile.public_profile,
        "bio": profile.bio,
        "comments": [
            {
                "text": comment.body,
                "ask": str(comment.attempt.uuid),
                "reply": comment.parent_id is not None,
                "created_at": comment.created_at.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
            }
            for comment in comments
        ],
    }
