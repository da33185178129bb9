"""Read models for media: one ask's photos and videos, and one item as the faces show it."""

from __future__ import annotations

from typing import Any

from rejection.journal.models import Attempt
from rejection.media.access import shown_to_others
from rejection.media.models import Media, Status
from rejection.media.services import face_box, quota_bytes, used_bytes

BUSY = (Status.UPLOADED, Status.PROCESSING)


def media_of_attempt(viewer: Any, attempt: Attempt) -> list[Media]:
    """The ask's media the viewer may see (the caller has checked they may see the ask):
    all of it for the owner, what was let out for anyone else. One query."""
    rows = Media.objects.filter(attempt=attempt)
    if not (getattr(viewer, "is_authenticated", False) and attempt.user_id == viewer.pk):
        rows = rows.filter(shown_to_others())
    return list(rows.order_by("created_at", "id"))


def faces_of(media: Media) -> list[dict[str, Any]]:
    kept = set(media.kept_faces or [])
    return [
        {
            "id": index,
            "box": face_box(face),
            "kept": index in kept,
            # A video's face: when it is on screen and where to look (seconds).
            "first_s": face.get("first_s"),
            "last_s": face.get("last_s"),
            "best_s": face.get("best_s"),
        }
        for index, face in enumerate(media.faces or [])
    ]


def describe(media: Media, *, owner: bool) -> dict[str, Any]:
    """Everything the page and the API show of one item; the private parts for its owner."""
    variant = media.variant
    has_variant = bool(media.story if variant == "story" else media.clip)
    item: dict[str, Any] = {
        "id": media.pk,
        "attempt_id": media.attempt_id,
        "kind": media.kind,
        "status": media.status,
        "progress": media.progress,
        "width": media.width,
        "height": media.height,
        "duration": media.duration,
        "created_at": media.created_at,
        "has_blurred": bool(media.cleaned),
        "variant": variant,
        "has_variant": has_variant and media.consent_at is not None,
    }
    if owner:
        item |= {
            "error": media.error,
            "faces": faces_of(media),
            "consent": {
                "confirmed": media.consent_at is not None,
                "confirmed_at": media.consent_at,
            },
            "keep_original": media.keep_original,
            "has_original": bool(media.original),
            "reviewed": media.reviewed_at is not None,
            "clip_status": media.clip_status or "none",
            "has_variant": has_variant,
            "stored_bytes": media.stored_bytes,
        }
    return item


def space(user: Any) -> dict[str, int]:
    used, quota = used_bytes(user), quota_bytes()
    return {"used": used, "quota": quota, "percent": min(100, round(100 * used / quota))}


def media_panel(owner: Any, attempt: Attempt) -> dict[str, Any]:
    """What the ask's page shows of its media: each item and the owner's space. Two queries."""
    items = media_of_attempt(owner, attempt)
    return {
        "media_items": [describe(item, owner=True) for item in items],
        "media_space": space(owner),
        # While one is being cleaned the list refreshes itself (HTMX, every 2 s).
        "media_busy": any(item.status in BUSY for item in items),
    }


def shared_media(viewer: Any, attempt: Attempt) -> dict[str, Any]:
    """For a page showing someone's ask that `viewer` may see (the caller checked): the media
    its owner let out, as `_media_gallery.html` shows it. One query."""
    owner = getattr(viewer, "is_authenticated", False) and attempt.user_id == viewer.pk
    return media_for_card(attempt.pk, mine=bool(owner))


def media_for_card(attempt_id: int, *, mine: bool) -> dict[str, Any]:
    """The same, from a card the caller already read (`community.feed.ask_card`): only what the
    owner let out, even on the owner's own card, since the card shows what others see."""
    rows = Media.objects.filter(attempt_id=attempt_id).filter(shown_to_others())
    items = rows.order_by("created_at", "id")
    return {"media_items": [describe(item, owner=mine) for item in items]}
