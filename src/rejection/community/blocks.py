"""Blocks and mutes.

A block is total and silent: the two see nothing of each other from then on
(`community.visibility` reads the Block rows), any friendship and every request between
them go, and neither is told. A mute only hides someone from the muter's own feed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from rejection.community.friends import UNKNOWN, person_named
from rejection.community.models import Block, FriendRequest, Friendship, Mute
from rejection.core.errors import Conflict, NotFound


def _anyone_named(username: str) -> Any:
    """Return the active person by this username, block or not (one may block back)."""
    person = (
        get_user_model()
        .objects.filter(username__iexact=(username or "").strip(), is_active=True)
        .first()
    )
    if person is None:
        raise NotFound(UNKNOWN, field="username")
    return person


def _not_self(user: Any, person: Any) -> None:
    if person.pk == user.pk:
        raise Conflict("self", "That's you.", field="username")


def block(user: Any, username: str) -> Any:
    """Block someone: end any friendship and requests both ways; nobody is told."""
    person = _anyone_named(username)
    _not_self(user, person)
    with transaction.atomic():
        Block.objects.get_or_create(blocker=user, blocked=person)
        Friendship.objects.filter(
            Q(user=user, friend=person) | Q(user=person, friend=user)
        ).delete()
        FriendRequest.objects.filter(
            Q(from_user=user, to_user=person) | Q(from_user=person, to_user=user)
        ).delete()
        Mute.objects.filter(muter=user, muted=person).delete()
    return person


def unblock(user: Any, username: str) -> None:
    """Lift a block this person made (a block the other made stays)."""
    person = _anyone_named(username)
    deleted, _ = Block.objects.filter(blocker=user, blocked=person).delete()
    if not deleted:
        raise NotFound("You have not blocked anyone by that username.", field="username")


def mute(user: Any, username: str) -> Any:
    """Hide someone from this person's feed; nothing else changes and no one is told."""
    person = person_named(user, username)
    _not_self(user, person)
    Mute.objects.get_or_create(muter=user, muted=person)
    return person


def unmute(user: Any, username: str) -> None:
    person = _anyone_named(username)
    deleted, _ = Mute.objects.filter(muter=user, muted=person).delete()
    if not deleted:
        raise NotFound("You have not muted anyone by that username.", field="username")
