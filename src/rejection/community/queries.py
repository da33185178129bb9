"""Read models for the friends page and the API lists: one query each, whatever their size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from rejection.community.models import Block, FriendRequest, Friendship, Mute


def _people() -> QuerySet:
    return get_user_model().objects.select_related("profile")


def friends_of(user: Any) -> QuerySet:
    """This person's friends, newest friendship first (the caller slices or paginates)."""
    return Friendship.objects.filter(user=user).select_related("friend__profile")


def incoming_requests(user: Any) -> QuerySet:
    """Requests waiting for this person's answer (declined ones are gone from their view)."""
    blocked = Block.objects.filter(
        Q(blocker_id=user.pk, blocked_id=OuterRef("from_user_id"))
        | Q(blocked_id=user.pk, blocker_id=OuterRef("from_user_id"))
    )
    return (
        FriendRequest.objects.filter(to_user=user, declined_at__isnull=True)
        .exclude(Exists(blocked))
        .select_related("from_user__profile")
    )


def outgoing_requests(user: Any) -> QuerySet:
    """Requests this person sent and that are not answered yes; a declined one looks the same."""
    return FriendRequest.objects.filter(from_user=user).select_related("to_user__profile")


def blocked_by(user: Any) -> QuerySet:
    return Block.objects.filter(blocker=user).select_related("blocked__profile")


def muted_by(user: Any) -> QuerySet:
    return Mute.objects.filter(muter=user).select_related("muted__profile")


@dataclass(frozen=True)
class FriendsPage:
    friends: list[Any]
    incoming: list[Any]
    outgoing: list[Any]
    blocked: list[Any]
    muted: list[Any]
    more_friends: bool


FRIENDS_SHOWN = 200
OTHERS_SHOWN = 50


def friends_page(user: Any) -> FriendsPage:
    """Everything the friends page lists, five queries in all."""
    friends = list(friends_of(user)[: FRIENDS_SHOWN + 1])
    return FriendsPage(
        friends=friends[:FRIENDS_SHOWN],
        incoming=list(incoming_requests(user)[:OTHERS_SHOWN]),
        outgoing=list(outgoing_requests(user)[:OTHERS_SHOWN]),
        blocked=list(blocked_by(user)[:OTHERS_SHOWN]),
        muted=list(muted_by(user)[:OTHERS_SHOWN]),
        more_friends=len(friends) > FRIENDS_SHOWN,
    )
