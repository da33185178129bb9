"""A small community for tests: an owner, a friend, a stranger, a blocked person and nobody.

Friendships are two rows (one per direction) made directly, as community.friends would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from rejection.community.models import Block, Friendship, Mute
from rejection.journal.models import Attempt, Visibility
from tests.conftest import make_user
from tests.writes import log_ask

MARK_FEAR = "FEARED-MARK-91c2"
MARK_NOTE = "LEARNED-MARK-91c2"
MARK_PRIVATE = "PRIVATE-ASK-MARK-91c2"


def befriend(a: Any, b: Any) -> None:
    Friendship.objects.create(user=a, friend=b)
    Friendship.objects.create(user=b, friend=a)


def block(blocker: Any, blocked: Any) -> None:
    Block.objects.create(blocker=blocker, blocked=blocked)


def mute(muter: Any, muted: Any) -> None:
    Mute.objects.create(muter=muter, muted=muted)


def public_profile(user: Any) -> None:
    user.profile.public_profile = True
    user.profile.adult_confirmed_at = timezone.now()
    user.profile.save()


def shared_ask(
    user: Any,
    ask: str = "Asked for a discount on flowers",
    visibility: str = Visibility.FRIENDS,
    hours_ago: float = 2,
    **ticks: Any,
) -> Attempt:
    """Log an ask and share it (sharing choices are set directly: the form is not ours)."""
    attempt = log_ask(
        user,
        {
            "ask": ask,
            "outcome": "rejected",
            "occurred_at": timezone.now() - dt.timedelta(hours=hours_ago),
            "feared_outcome": MARK_FEAR,
            "learned": MARK_NOTE,
            "anxiety_before": 7,
            "anxiety_after": 3,
        },
    ).attempt
    Attempt.objects.filter(pk=attempt.pk).update(visibility=visibility, **ticks)
    attempt.refresh_from_db()
    return attempt


def community() -> dict[str, Any]:
    owner = make_user("owner", "Europe/London")
    friend = make_user("friend", "America/New_York")
    stranger = make_user("stranger", "Asia/Tokyo")
    blocked = make_user("blocked", "UTC")
    befriend(owner, friend)
    befriend(owner, blocked)  # friends once; the block now outweighs it
    block(owner, blocked)
    ask = shared_ask(owner)
    private = shared_ask(owner, MARK_PRIVATE, Visibility.PRIVATE, hours_ago=1)
    return {
        "owner": owner,
        "friend": friend,
        "stranger": stranger,
        "blocked": blocked,
        "ask": ask,
        "private": private,
    }
