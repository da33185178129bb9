"""Custom challenges: a user's own asks, screened for safety, shared only after review."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rejection.challenges.models import Category, Challenge
from rejection.challenges.safety import screen_challenge


class ShareConflict(Exception):
    """A share or moderation that cannot happen in the challenge's current state."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


LIMITS = {"title": 120, "script": 1000, "where": 300, "why": 1000, "safety": 1000}


def create_custom_challenge(user: Any, data: dict[str, Any]) -> Challenge:
    """Save a private challenge the user wrote; every field is checked and named on error."""
    errors: dict[str, list[str]] = {}
    allowed = {
        "title",
        "script",
        "where",
        "category",
        "difficulty",
        "tags",
        "why",
        "safety",
        "answer_later",
    }
    for name in sorted(set(data) - allowed):
        errors[name] = ["Unknown field."]
    values: dict[str, Any] = {}
    for name, limit in LIMITS.items():
        text = data.get(name) or ""
        if not isinstance(text, str):
            errors[name] = ["Write this as text."]
        elif len(text.strip()) > limit:
            errors[name] = [f"Keep this to {limit:,} characters."]
        elif "\x00" in text:
            errors[name] = ["This text holds a NUL character, which cannot be saved."]
        else:
            values[name] = text.strip()
    if not values.get("title") and "title" not in errors:
        errors["title"] = ["Give your challenge a short title."]
    category = Category.objects.filter(slug=data.get("category") or "").first()
    if category is None:
        errors["category"] = ["Choose one of the deck's categories."]
    difficulty = data.get("difficulty")
    if isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 1 <= difficulty <= 10:
        errors["difficulty"] = ["Choose a whole number from 1 to 10."]
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [tag for tag in tags.split(",")]
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        errors["tags"] = ["Give tags as a list of words."]
        tags = []
    tags = [tag.strip().lstrip("#").lower() for tag in tags if tag.strip()][:10]
    if any(len(tag) > 40 for tag in tags):
        errors["tags"] = ["Keep each tag to 40 characters."]
    if errors or category is None or not isinstance(difficulty, int):
        raise ValidationError(errors)
    # A flagged challenge is still saved (nothing the user wrote is lost), but only for them.
    screen = screen_challenge(values["title"], values.get("script", ""), values.get("where", ""))
    return Challenge.objects.create(
        author=user,
        category=category,
        difficulty=difficulty,
        tags=tags,
        answer_later=bool(data.get("answer_later", False)),
        safety_status=Challenge.Safety.CLEAR if screen.ok else Challenge.Safety.FLAGGED,
        safety_reasons=screen.reasons,
        **values,
    )


def request_share(user: Any, challenge: Challenge) -> Challenge:
    """Put the user's own clear challenge in the moderation queue."""
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if challenge.author_id is None or challenge.author_id != getattr(user, "pk", None):
            raise PermissionDenied("Only the author can share a challenge.")
        if challenge.share_status == Challenge.Share.PENDING:
            raise ShareConflict("already_pending", "A moderator is already looking at this one.")
        if challenge.share_status == Challenge.Share.APPROVED:
            raise ShareConflict("already_shared", "This challenge is already shared with everyone.")
        # Screen again: the rules may have grown since it was written.
        screen = screen_challenge(challenge.title, challenge.script, challenge.where)
        challenge.safety_status = Challenge.Safety.CLEAR if screen.ok else Challenge.Safety.FLAGGED
        challenge.safety_reasons = screen.reasons
        fields = ["safety_status", "safety_reasons"]
        if screen.ok:
            challenge.share_status = Challenge.Share.PENDING
            challenge.moderated_by = None
            challenge.moderated_at = None
            challenge.moderation_note = ""
            fields += ["share_status", "moderated_by", "moderated_at", "moderation_note"]
        challenge.save(update_fields=fields)
    if not screen.ok:
        raise ValidationError({"safety": screen.reasons})
    return challenge


@transaction.atomic
def moderate(moderator: Any, challenge: Challenge, approve: bool, note: str = "") -> Challenge:
    """Approve a pending shared challenge for everyone, or reject it back to its author."""
    if not getattr(moderator, "is_staff", False):
        raise PermissionDenied("Only moderators can review shared challenges.")
    note = (note or "").strip()
    if len(note) > 1000:
        raise ValidationError({"moderation_note": ["Keep the note to 1,000 characters."]})
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.share_status != Challenge.Share.PENDING:
        raise ShareConflict("not_pending", "This challenge is not waiting for review.")
    challenge.share_status = Challenge.Share.APPROVED if approve else Challenge.Share.REJECTED
    challenge.moderated_by = moderator
    challenge.moderated_at = timezone.now()
    challenge.moderation_note = note
    challenge.save(
        update_fields=["share_status", "moderated_by", "moderated_at", "moderation_note"]
    )
    return challenge
