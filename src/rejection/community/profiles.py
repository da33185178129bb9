"""A person's profile as someone else sees it, and changes to the words others read.

Who may open `/people/<username>/` (decided here, documented in docs/community.md):
- the person themself;
- everyone, when the person turned on a public profile (and no block stands between them);
- their friends;
- someone with a request waiting between the two (either way), who sees the name only,
  so they know whom they are answering; a quietly declined sender keeps that view, so the
  page never tells them they were declined.
Anyone else, anyone across a block and anonymous visitors of a private person get the same
404 as a username that does not exist. The about-me text and shared asks are shown to the
person, their friends and (with a public profile) everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.models import Profile
from rejection.community.friends import person_named
from rejection.community.models import FriendRequest, Friendship, Mute
from rejection.community.screening import refuse_unkind
from rejection.community.visibility import shared_with
from rejection.core.errors import NotFound
from rejection.journal.models import Attempt, Visibility
from rejection.practice.profile import change_profile as change_practice_profile

SHARED_ASKS_SHOWN = 20


def change_profile(user: Any, changes: ProfileChanges) -> Profile:
    """Change the profile; the display name and about-me text pass the kindness check first,
    because other people read them."""
    for name in ("display_name", "bio"):
        text = getattr(changes, name)
        if name in changes.model_fields_set and text:
            refuse_unkind(name, text)
    return change_practice_profile(user, changes)


@dataclass
class Relation:
    """How the viewer stands with the person: what the friend button says and does."""

    me: bool = False
    friends: bool = False
    incoming_id: int | None = None  # they asked the viewer; this is the request to answer
    outgoing: bool = False  # the viewer asked them (declined or not: the viewer cannot tell)
    muted: bool = False


@dataclass
class PersonView:
    person: Any
    name: str
    relation: Relation
    full: bool  # bio and shared asks are shown
    bio: str = ""
    asks: list[Attempt] = field(default_factory=list)


def relation_between(viewer: Any, person: Any) -> Relation:
    """Read friendship, requests and mute between the two (three small indexed reads)."""
    if viewer is None or not viewer.is_authenticated:
        return Relation()
    if viewer.pk == person.pk:
        return Relation(me=True)
    relation = Relation(
        friends=Friendship.objects.filter(user=viewer, friend=person).exists(),
        muted=Mute.objects.filter(muter=viewer, muted=person).exists(),
    )
    requests = FriendRequest.objects.filter(
        Q(from_user=viewer, to_user=person) | Q(from_user=person, to_user=viewer, declined_at=None)
    ).values_list("id", "from_user_id")
    for request_id, sender_id in requests:
        if sender_id == viewer.pk:
            relation.outgoing = True
        else:
            relation.incoming_id = request_id
    return relation


def view_person(viewer: Any, username: str) -> PersonView:
    """Return what `viewer` may see of a person, or refuse as not found (see the module)."""
    signed_in = viewer if viewer is not None and viewer.is_authenticated else None
    person = person_named(signed_in, username)
    relation = relation_between(signed_in, person)
    profile = person.profile
    full = relation.me or relation.friends or profile.public_profile
    if not full and not (relation.outgoing or relation.incoming_id):
        raise NotFound("No one by that username.", field="username")
    view = PersonView(person=person, name=profile.name, relation=relation, full=full)
    if full:
        view.bio = profile.bio
        view.asks = shared_asks(signed_in, person)
    return view


def shared_asks(viewer: Any, person: Any) -> list[Attempt]:
    """The person's newest asks that `viewer` may see (their own shared ones for themself)."""
    asks = Attempt.objects.filter(user=person).select_related("challenge")
    if viewer is not None and viewer.pk == person.pk:
        asks = asks.exclude(visibility=Visibility.PRIVATE)
    else:
        asks = asks.filter(shared_with(viewer))
    return list(asks.order_by("-occurred_at", "-id")[:SHARED_ASKS_SHOWN])


def as_shared(attempt: Attempt) -> dict[str, Any]:
    """An ask as others see it: what it was and how it went; each note and the nerves only
    when its owner ticked it for this ask."""
    return {
        "id": attempt.pk,
        "title": attempt.title,
        "outcome": attempt.outcome,
        "local_date": attempt.local_date,
        "visibility": attempt.visibility,
        "feared_outcome": attempt.feared_outcome if attempt.share_feared else None,
        "what_happened": attempt.what_happened if attempt.share_happened else None,
        "learned": attempt.learned if attempt.share_learned else None,
        "anxiety_before": attempt.anxiety_before if attempt.share_anxiety else None,
        "anxiety_after": attempt.anxiety_after if attempt.share_anxiety else None,
    }
