"""A moderator's decisions on reported asks, comments and people, each one logged.

hide: the ask or comment is hidden from everyone but its author (`hidden_at`).
restore: shown again (`hidden_at` cleared); on a person, the reports are simply closed.
warn: the person it belongs to gets a kind notification from the moderators.
suspend: the person cannot comment, cheer, share publicly or send requests for some days
(`Profile.suspended_until`, enforced by community.standing).
Every decision resolves the open reports on that target and is written to ModerationAction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rejection.community.models import (
    Comment,
    ModerationAction,
    NotificationKind,
    Report,
    ReportTarget,
)
from rejection.community.notifications import notify
from rejection.core.errors import Conflict
from rejection.journal.models import Attempt

Action = ModerationAction.Action
SUSPENSION_DAYS = (1, 3, 7, 30)

WARNING = (
    "A note from the moderators: something you shared was reported by other people. "
    "Please keep comments and asks kind and safe for everyone; thank you for practising with us."
)


def _suspended_words(days: int) -> str:
    return (
        f"A moderator has paused commenting, cheering and sharing on your account for {days} "
        f"day{'s' if days != 1 else ''}. Your journal and practice are still all yours."
    )


@dataclass(frozen=True)
class Target:
    """A reported thing as the queue shows it: what it is, its words, and whose it is."""

    kind: str
    id: int
    text: str
    owner: Any  # the User it belongs to, or None when it no longer exists
    hidden: bool


def _model(kind: str) -> Any:
    return {ReportTarget.ASK: Attempt, ReportTarget.COMMENT: Comment}.get(ReportTarget(kind))


def targets(pairs: list[tuple[str, int]]) -> dict[tuple[str, int], Target]:
    """Load many reported things at once: one query per kind, whatever the number."""
    found: dict[tuple[str, int], Target] = {}
    wanted: dict[str, set[int]] = {}
    for kind, target_id in pairs:
        wanted.setdefault(kind, set()).add(target_id)
    if ids := wanted.get(ReportTarget.ASK):
        for attempt in Attempt.objects.select_related("user", "challenge").filter(pk__in=ids):
            text = attempt.ask or (attempt.challenge.title if attempt.challenge else "")
            found[(ReportTarget.ASK, attempt.pk)] = Target(
                ReportTarget.ASK, attempt.pk, text, attempt.user, attempt.hidden_at is not None
            )
    if ids := wanted.get(ReportTarget.COMMENT):
        for comment in Comment.objects.select_related("author").filter(pk__in=ids):
            found[(ReportTarget.COMMENT, comment.pk)] = Target(
                ReportTarget.COMMENT,
                comment.pk,
                comment.body,
                comment.author,
                comment.hidden_at is not None,
            )
    if ids := wanted.get(ReportTarget.PERSON):
        for person in get_user_model().objects.select_related("profile").filter(pk__in=ids):
            profile = getattr(person, "profile", None)
            bio = profile.bio if profile is not None else ""
            found[(ReportTarget.PERSON, person.pk)] = Target(
                ReportTarget.PERSON, person.pk, bio, person, False
            )
    return found


def target_of(kind: str, target_id: int) -> Target:
    """Return one reported thing (its owner is None when it no longer exists)."""
    return targets([(kind, target_id)]).get(
        (kind, target_id), Target(kind, target_id, "", None, False)
    )


def decide(
    moderator: Any, kind: str, target_id: int, action: str, note: str = "", days: int = 7
) -> ModerationAction:
    """Carry out one moderator's decision on a reported thing, log it and close its reports."""
    target = target_of(kind, target_id)
    now = timezone.now()
    with transaction.atomic():
        if action in (Action.HIDE, Action.RESTORE) and kind != ReportTarget.PERSON:
            model = _model(kind)
            hidden_at = now if action == Action.HIDE else None
            model.objects.filter(pk=target_id).update(hidden_at=hidden_at)
        elif action == Action.HIDE:
            raise Conflict(
                "person_not_hidden", "A person cannot be hidden: warn or suspend them instead."
            )
        elif action in (Action.WARN, Action.SUSPEND) and target.owner is None:
            raise Conflict("gone", "This no longer exists, so there is no one to tell.")
        if action == Action.WARN:
            notify(target.owner, NotificationKind.MODERATION, WARNING)
        elif action == Action.SUSPEND:
            if days not in SUSPENSION_DAYS:
                raise Conflict("days", "Choose 1, 3, 7 or 30 days.", "days")
            from rejection.accounts.services import profile_for

            profile = profile_for(target.owner)
            profile.suspended_until = now + dt.timedelta(days=days)
            profile.save(update_fields=["suspended_until"])
            notify(target.owner, NotificationKind.MODERATION, _suspended_words(days))
            note = f"{days} days. {note}".strip()
        Report.objects.filter(target=kind, target_id=target_id, resolved_at__isnull=True).update(
            resolved_at=now
        )
        return ModerationAction.objects.create(
            moderator=moderator, target=kind, target_id=target_id, action=action, note=note[:500]
        )
