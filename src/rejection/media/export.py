"""The person's media in their export: each item listed, with links to its files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from rejection.media.models import Media


def _link(media: Media, variant: str) -> str:
    return settings.SITE_URL + reverse("media_file", args=[media.pk, variant])


def exported_media(user: Any) -> list[dict[str, Any]]:
    """One query: every media row of the person, oldest first."""
    rows = Media.objects.filter(owner=user).select_related("attempt").order_by("created_at", "id")
    items = []
    for media in rows:
        files = {}
        if media.cleaned:
            files["blurred"] = _link(media, "blurred")
        if media.original:
            files["original"] = _link(media, "original")
        if (media.story or media.clip) and media.consent_at:
            files[media.variant] = _link(media, media.variant)
        items.append(
            {
                "id": media.pk,
                "attempt_uuid": str(media.attempt.uuid),
                "kind": media.kind,
                "status": media.status,
                "created_at": media.created_at.isoformat(),
                "consent_at": media.consent_at.isoformat() if media.consent_at else None,
                "faces": len(media.faces or []),
                "kept_faces": list(media.kept_faces or []),
                "bytes": media.stored_bytes,
                "files": files,
            }
        )
    return items
