"""Who may see whom and which asks: the one place these rules live.

Every face and query asks here, so a block, a private ask or a hidden item can never show up
through one door and not another. An anonymous viewer is `None`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from rejection.accounts.models import Profile
from rejection.community.models import Block, Friendship, Mute
from rejection.journal.models import Attempt, Visibility


def _id(user: Any) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return int(user.pk)


def friend_ids(user: Any) -> set[int]:
    """The ids of this person's friends (one indexed read)."""
    uid = _id(user)
    if uid is None:
        return set()
    return set(Friendship.objects.filter(user_id=uid).values_list("friend_id", flat=True))


def blocked_ids(user: Any) -> set[int]:
    """Everyone this person blocked or was blocked by: the two see nothing of each other."""
    uid = _id(user)
    if uid is None:
        return set()
    rows = Block.objects.filter(Q(blocker_id=uid) | Q(blocked_id=uid)).values_list(
        "blocker_id", "blocked_id"
    )
    return {other for pair in rows for other in pair if other != uid}


def muted_ids(user: Any) -> set[int]:
    uid = _id(user)
    if uid is None:
        return set()
    return set(Mute.objects.filter(muter_id=uid).values_list("muted_id", flat=True))


def are_friends(a: Any, b: Any) -> bool:
    ida, idb = _id(a), _id(b)
    if ida is None or idb is None:
        return False
    return Friendship.objects.filter(user_id=ida, friend_id=idb).exists()


def is_blocked_between(a: Any, b: Any) -> bool:
    ida, idb = _id(a), _id(b)
    if ida is None or idb is None:
        return False
    return Block.objects.filter(
        Q(blocker_id=ida, blocked_id=idb) | Q(blocker_id=idb, blocked_id=ida)
    ).exists()


def public_asks() -> Q:
    """Public asks of people with a public profile (anyone's, hidden ones included)."""
    # The people first (`user_id IN`), as for friends: the plan then starts from the few
    # public profiles whether or not the database has statistics to tell it so.
    public_people = Profile.objects.filter(public_profile=True).values("user_id")
    return Q(visibility=Visibility.PUBLIC, user_id__in=public_people)


def shared_with(viewer: Any) -> Q:
    """The asks of *other people* that `viewer` may see, as one filter for any Attempt query:
    public asks of people with a public profile, and friends-only asks of their friends; never
    hidden ones and never anyone on either side of a block. The viewer's own asks are not
    included: add `Q(user=viewer)` where a page shows them too."""
    public = public_asks()
    uid = _id(viewer)
    if uid is None:
        return public & Q(hidden_at__isnull=True)
    friend = Exists(Friendship.objects.filter(user_id=uid, friend_id=OuterRef("user_id")))
    blocked = _blocked_between(uid)
    friends_only = Q(visibility__in=[Visibility.FRIENDS, Visibility.PUBLIC]) & Q(friend)
    return (public | friends_only) & Q(hidden_at__isnull=True) & ~Q(user_id=uid) & ~Q(blocked)


def shared_with_parts(viewer: Any) -> tuple[Q, ...]:
    """`shared_with` as filters whose union is exactly it: public asks of public profiles, and
    friends' shared asks. A query that reads each part on its own lets an index serve each
    (the feed at a million asks: one filter with an OR can only walk every shared ask)."""
    public = public_asks()
    visible = Q(hidden_at__isnull=True)
    uid = _id(viewer)
    if uid is None:
        return (public & visible,)
    visible &= ~Q(user_id=uid) & ~Q(_blocked_between(uid))
    friends = Friendship.objects.filter(user_id=uid).values("friend_id")
    friends_only = Q(visibility__in=[Visibility.FRIENDS, Visibility.PUBLIC], user_id__in=friends)
    return (public & visible, friends_only & visible)


def _blocked_between(uid: int) -> Exists:
    return Exists(
        Block.objects.filter(
            Q(blocker_id=uid, blocked_id=OuterRef("user_id"))
            | Q(blocked_id=uid, blocker_id=OuterRef("user_id"))
        )
    )


def visible_attempts(viewer: Any) -> Any:
    """Every ask `viewer` may open: their own and those shared with them."""
    uid = _id(viewer)
    mine = Q(user_id=uid) if uid is not None else Q(pk__in=[])
    return Attempt.objects.filter(mine | shared_with(viewer))


def can_see_attempt(viewer: Any, attempt: Attempt) -> bool:
    """May `viewer` open this ask? The owner always may; others as `shared_with` says."""
    uid = _id(viewer)
    if uid is not None and attempt.user_id == uid:
        return True
    if attempt.visibility == Visibility.PRIVATE or attempt.hidden_at is not None:
        return False
    return visible_attempts(viewer).filter(pk=attempt.pk).exists()
