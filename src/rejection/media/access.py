"""Who may see a photo or video, and which of its files.

The owner sees everything of theirs. Anyone else sees the cleaned copy and the clip only when
the owner confirmed the consent checklist, the review is done, and they may see the ask
(community.visibility.can_see_attempt, the one place that decides it). Anything else is
"not there": the faces answer 404 exactly as for an id that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from rejection.community.visibility import can_see_attempt
from rejection.media.models import Media, Status

VARIANTS = ("blurred", "original", "story", "clip")


def _uid(viewer: Any) -> int | None:
    return viewer.pk if getattr(viewer, "is_authenticated", False) else None


def shown_to_others() -> Q:
    """Media its owner has let out: reviewed, cleaned and with the checklist confirmed."""
    return Q(status=Status.READY, consent_at__isnull=False) & ~Q(cleaned="")


def may_see(viewer: Any, media: Media) -> bool:
    uid = _uid(viewer)
    if uid is not None and media.owner_id == uid:
        return True
    if media.consent_at is None or media.status != Status.READY or not media.cleaned:
        return False
    return can_see_attempt(viewer, media.attempt)


def file_name(viewer: Any, media: Media, variant: str) -> str | None:
    """The stored name of the variant the viewer asked for, or None if they may not have it.

    "blurred" is the cleaned copy; "original" is the owner's alone; the story image or the
    clip needs the checklist even for the owner (downloading it is how it leaves the server).
    """
    if not may_see(viewer, media):
        return None
    owner = _uid(viewer) == media.owner_id
    if variant == "original":
        return str(media.original) if owner and media.original else None
    if variant == "blurred":
        return str(media.cleaned) or None
    if variant in ("story", "clip"):
        if media.consent_at is None:
            return None
        field = media.story if media.kind == "photo" else media.clip
        return str(field) or None
    return None
