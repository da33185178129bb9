"""Friends: requests by username or invite link, accepting, declining, removing.

Rules kept here and nowhere else:
- Someone on either side of a block is answered exactly like an unknown username (404).
- A declined request stays, silently: its sender still sees it as sent and cannot ask again
  until DECLINE_QUIET has passed; nobody tells them it was declined.
- A request to someone who already asked you is their request, accepted.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rejection.accounts.services import profile_for
from rejection.community import limits
from rejection.community.models import (
    Block,
    FriendRequest,
    Friendship,
    InviteLink,
    NotificationKind,
)
from rejection.community.notifications import notify
from rejection.core.errors import Conflict, NotFound

# How long a declined sender waits, without being told, before a new request goes through.
DECLINE_QUIET = dt.timedelta(days=30)
UNKNOWN = "No one by that username."


@dataclass(frozen=True)
class Sent:
    """What sending a request did: `friends` when it made a friendship (they had asked too)."""

    status: str  # "sent" | "friends"
    person: Any


def name_of(user: Any) -> str:
    return profile_for(user).name


def person_named(viewer: Any, username: str, field: str = "username") -> Any:
    """Return the active person with this username (any case), or refuse as unknown (404)
    when there is none or a block stands between them and `viewer`."""
    User = get_user_model()
    person = (
        User.objects.select_related("profile")
        .filter(username__iexact=(username or "").strip(), is_active=True)
        .first()
    )
    if person is None:
        raise NotFound(UNKNOWN, field=field)
    if viewer is not None and person.pk != viewer.pk and _blocked(viewer.pk, person.pk):
        raise NotFound(UNKNOWN, field=field)
    return person


def _blocked(a: int, b: int) -> bool:
    return Block.objects.filter(
        Q(blocker_id=a, blocked_id=b) | Q(blocker_id=b, blocked_id=a)
    ).exists()


def _befriend(a: Any, b: Any) -> None:
    """Make the two rows of a friendship and clear any requests between the two."""
    Friendship.objects.bulk_create(
        [Friendship(user=a, friend=b), Friendship(user=b, friend=a)], ignore_conflicts=True
    )
    FriendRequest.objects.filter(Q(from_user=a, to_user=b) | Q(from_user=b, to_user=a)).delete()


def send_request(user: Any, username: str) -> Sent:
    """Ask `username` to be friends (counted against the friend-request rate limit)."""
    limits.take(user.pk, "friend_request")
    person = person_named(user, username)
    if person.pk == user.pk:
        raise Conflict("self", "That's you. Ask someone else to be friends.", field="username")
    with transaction.atomic():
        if Friendship.objects.filter(user=user, friend=person).exists():
            return Sent("friends", person)
        theirs = FriendRequest.objects.filter(
            from_user=person, to_user=user, declined_at__isnull=True
        ).first()
        if theirs is not None:
            _accept(user, theirs)
            return Sent("friends", person)
        mine = FriendRequest.objects.select_for_update().filter(from_user=user, to_user=person)
        earlier = mine.first()
        if earlier is not None:
            quiet_until = (earlier.declined_at or timezone.now()) + DECLINE_QUIET
            if earlier.declined_at is None or timezone.now() < quiet_until:
                return Sent("sent", person)  # already waiting, or quietly declined
            earlier.delete()
        try:
            with transaction.atomic():
                FriendRequest.objects.create(from_user=user, to_user=person)
        except IntegrityError:  # the same request, sent a moment earlier
            return Sent("sent", person)
        notify(
            person,
            NotificationKind.FRIEND_REQUEST,
            f"{name_of(user)} would like to be friends.",
            url=reverse("friends"),
            actor=user,
        )
    return Sent("sent", person)


def _incoming(user: Any, request_id: int) -> FriendRequest:
    """Return a request waiting for this person's answer, or refuse it as not found."""
    found = (
        FriendRequest.objects.select_related("from_user__profile")
        .filter(pk=request_id, to_user=user, declined_at__isnull=True)
        .first()
    )
    if found is None or _blocked(user.pk, found.from_user_id):
        raise NotFound("No such request.")
    return found


def _accept(user: Any, request: FriendRequest) -> None:
    sender = request.from_user
    _befriend(user, sender)
    notify(
        sender,
        NotificationKind.FRIEND_ACCEPTED,
        f"{name_of(user)} accepted your friend request.",
        url=reverse("person", args=[user.get_username()]),
        actor=user,
    )


def accept_request(user: Any, request_id: int) -> Any:
    """Accept a request sent to this person; return the new friend."""
    with transaction.atomic():
        request = _incoming(user, request_id)
        _accept(user, request)
    return request.from_user


def decline_request(user: Any, request_id: int) -> None:
    """Decline a request; its sender is never told and cannot ask again for a while."""
    request = _incoming(user, request_id)
    FriendRequest.objects.filter(pk=request.pk).update(declined_at=timezone.now())


def remove_friend(user: Any, username: str) -> None:
    """End a friendship, both ways; the other person is not told."""
    person = person_named(user, username)
    deleted, _ = Friendship.objects.filter(
        Q(user=user, friend=person) | Q(user=person, friend=user)
    ).delete()
    if not deleted:
        raise NotFound("You are not friends with anyone by that username.", field="username")


# Invite links ---------------------------------------------------------------------------


def invite_link(user: Any) -> InviteLink:
    """Return this person's invite link, making it the first time."""
    link = InviteLink.objects.filter(user=user).first()
    if link is None:
        try:
            with transaction.atomic():
                link = InviteLink.objects.create(user=user, token=secrets.token_urlsafe(18))
        except IntegrityError:  # made a moment earlier by another request
            link = InviteLink.objects.get(user=user)
    return link


def reset_invite_link(user: Any) -> InviteLink:
    """Give this person a new invite link; the old one stops working at once."""
    link = invite_link(user)
    link.token = secrets.token_urlsafe(18)
    link.save(update_fields=["token", "created_at"])
    return link


def inviter_for(viewer: Any, token: str) -> Any:
    """Return who an invite link belongs to, or refuse it as not found (also across a block)."""
    link = (
        InviteLink.objects.select_related("user__profile")
        .filter(token=token, user__is_active=True)
        .first()
        if 0 < len(token) <= 64
        else None
    )
    if link is None:
        raise NotFound("This invite link no longer works.")
    if viewer is not None and link.user_id != viewer.pk and _blocked(viewer.pk, link.user_id):
        raise NotFound("This invite link no longer works.")
    return link.user


def accept_invite(user: Any, token: str) -> Sent:
    """Use someone's invite link: sharing it was their yes, so the two become friends at once
    (counted like a request). Someone they declined lately only sends a quiet request."""
    inviter = inviter_for(user, token)
    if inviter.pk == user.pk:
        raise Conflict("self", "This is your own invite link. Share it with a friend.")
    declined = FriendRequest.objects.filter(
        from_user=user, to_user=inviter, declined_at__gt=timezone.now() - DECLINE_QUIET
    ).exists()
    if declined:
        return send_request(user, inviter.get_username())
    limits.take(user.pk, "friend_request")
    with transaction.atomic():
        if Friendship.objects.filter(user=user, friend=inviter).exists():
            return Sent("friends", inviter)
        _befriend(user, inviter)
        notify(
            inviter,
            NotificationKind.FRIEND_ACCEPTED,
            f"{name_of(user)} used your invite link: you are friends now.",
            url=reverse("person", args=[user.get_username()]),
            actor=user,
        )
    return Sent("friends", inviter)
