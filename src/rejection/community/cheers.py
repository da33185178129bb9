"""Cheers: one tap on someone's shared ask, in three kinds; the same tap again takes it back."""

from __future__ import annotations

from typing import Annotated, Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from rejection.community.limits import take
from rejection.community.models import Cheer, CheerKind, Notification, NotificationKind
from rejection.community.notifications import notify
from rejection.community.standing import refuse_if_suspended
from rejection.core.contracts import Contract, one_of
from rejection.core.errors import Conflict
from rejection.journal.models import Attempt

CheerKindName = Annotated[str, one_of(CheerKind.values)]
CHEER_WORDS = {kind.value: str(kind.label) for kind in CheerKind}


class CheerIn(Contract):
    """Which cheer to give or take back."""

    kind: CheerKindName


def _refuse_own(user: Any, attempt: Attempt) -> None:
    if attempt.user_id == user.pk:
        raise Conflict(
            "own_ask", "Cheers are for other people's asks; yours are counted here.", "kind"
        )


def cheer(user: Any, attempt: Attempt, kind: str) -> bool:
    """Give `kind` of cheer to a shared ask the caller may see; return True when it is new.

    The caller has checked `can_see_attempt`. Counted by the rate limit either way, and the
    ask's owner is told only the first time."""
    _refuse_own(user, attempt)
    refuse_if_suspended(user)
    take(user.pk, "cheer")
    try:
        with transaction.atomic():
            Cheer.objects.create(attempt=attempt, user=user, kind=kind)
    except IntegrityError:
        return False  # already given: a repeat changes nothing
    url = shared_ask_path(attempt.pk)
    # Tapping a cheer off and on again must not ring the bell again while it is unread.
    unread = Notification.objects.filter(
        recipient_id=attempt.user_id, actor=user, kind=NotificationKind.CHEER, url=url
    ).filter(read_at__isnull=True)
    if not unread.exists():
        notify(
            attempt.user,
            NotificationKind.CHEER,
            f"{user.profile.name} cheered your ask \u201c{attempt.title}\u201d: "
            f"{CHEER_WORDS[kind]}",
            url=url,
            actor=user,
        )
    return True


def uncheer(user: Any, attempt: Attempt, kind: str | None) -> bool:
    """Take back a cheer (every kind when `kind` is None); return True when there was one."""
    _refuse_own(user, attempt)
    refuse_if_suspended(user)
    take(user.pk, "cheer")
    given = Cheer.objects.filter(attempt=attempt, user=user)
    deleted, _ = (given if kind is None else given.filter(kind=kind)).delete()
    return deleted > 0


def toggle_cheer(user: Any, attempt: Attempt, kind: str) -> bool:
    """Give the cheer if the caller has not, else take it back; return whether it is on now."""
    if Cheer.objects.filter(attempt=attempt, user=user, kind=kind).exists():
        uncheer(user, attempt, kind)
        return False
    cheer(user, attempt, kind)
    return True


def shared_ask_path(pk: int) -> str:
    """The shared ask page's path, for notifications and links."""
    return reverse("shared_ask", args=[pk])
