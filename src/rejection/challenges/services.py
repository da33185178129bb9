"""Custom challenges: a user's own asks, screened for safety, shared only after review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rejection.challenges.contracts import ChallengeChanges, NewChallenge
from rejection.challenges.models import Category, Challenge
from rejection.challenges.safety import Screen, screen_challenge
from rejection.core.errors import Conflict, NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ShareConflict(Conflict):
    """A share or moderation that cannot happen in the challenge's current state."""


def _status(screen: Screen) -> str:
    if screen.ok:
        return Challenge.Safety.CLEAR
    return Challenge.Safety.HELD if screen.held else Challenge.Safety.FLAGGED


SCREEN_FIELDS = [
    "safety_status",
    "safety_reasons",
    "safety_category",
    "safety_score",
    "safety_rule",
]


def _apply(challenge: Challenge, screen: Screen) -> None:
    """Store the screen's verdict; a moderator's approval of the same held text still stands."""
    status = _status(screen)
    if status == Challenge.Safety.HELD and challenge.safety_decision == Challenge.Decision.APPROVED:
        status = Challenge.Safety.CLEAR
    challenge.safety_status = status
    challenge.safety_reasons = screen.reasons
    challenge.safety_category = screen.category
    challenge.safety_score = screen.score
    challenge.safety_rule = screen.rule


def create_custom_challenge(user: User, new: NewChallenge) -> Challenge:
    """Save a private challenge the person wrote, screened for safety.

    A flagged challenge is still saved (nothing the person wrote is lost), but only for them.
    """
    category = Category.objects.filter(slug=new.category).first()
    if category is None:  # a category of the shipped deck, not loaded on this server yet
        raise NotFound("That category is not on this server yet.", field="category")
    screen = screen_challenge(new.title, new.script, new.where)
    challenge = Challenge(
        author=user,
        category=category,
        difficulty=new.difficulty,
        tags=new.tags,
        answer_later=new.answer_later,
        title=new.title,
        script=new.script,
        where=new.where,
        why=new.why,
        safety=new.safety,
    )
    _apply(challenge, screen)
    challenge.save()
    return challenge


def own_for_change(user: User, challenge_id: int) -> Challenge:
    """Lock one of the user's own challenges for a change; anyone else's is not found."""
    challenge = (
        Challenge.objects.select_for_update()
        .filter(pk=challenge_id, author_id=getattr(user, "pk", None))
        .first()
    )
    if challenge is None:
        raise NotFound("No challenge of yours has that id.")
    if challenge.share_status == Challenge.Share.APPROVED:
        # Other people have it in their deck and journal now: it stays as they know it.
        raise ShareConflict("shared", "This one is shared with everyone now, so it stays as it is.")
    return challenge


def edit_custom_challenge(user: User, challenge_id: int, changes: ChallengeChanges) -> Challenge:
    """Change the fields sent on the user's own challenge and screen it again.

    A challenge waiting for review goes back to private: the moderator read other words.
    The caller holds the transaction (practice.challenges, which also recounts tallies).
    """
    challenge = own_for_change(user, challenge_id)
    given = changes.given()
    slug = given.pop("category", None)
    if slug is not None and slug != challenge.category.slug:
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            raise NotFound("That category is not on this server yet.", field="category")
        challenge.category = category
    if given.keys() & {"title", "script", "where"}:
        challenge.safety_decision = ""  # a moderator's word was about the old text
    for name, value in given.items():
        setattr(challenge, name, value)
    _apply(challenge, screen_challenge(challenge.title, challenge.script, challenge.where))
    if challenge.share_status == Challenge.Share.PENDING:
        challenge.share_status = Challenge.Share.PRIVATE
    challenge.save()  # a full save: the coach's rating follows the category and difficulty
    return challenge


def request_share(user: User, challenge: Challenge) -> Challenge:
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
        _apply(challenge, screen)
        fields = list(SCREEN_FIELDS)
        refused = challenge.safety_status == Challenge.Safety.FLAGGED
        if not refused:  # clear, or held: then the moderator sees it before anyone else does
            challenge.share_status = Challenge.Share.PENDING
            challenge.moderated_by = None
            challenge.moderated_at = None
            challenge.moderation_note = ""
            fields += ["share_status", "moderated_by", "moderated_at", "moderation_note"]
        challenge.save(update_fields=fields)
    if refused:
        raise Conflict(
            "flagged",
            "This challenge stays private to you.",
            field="safety",
            reasons=screen.reasons,
        )
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
    held = challenge.safety_status == Challenge.Safety.HELD
    if challenge.share_status != Challenge.Share.PENDING and not held:
        raise ShareConflict("not_pending", "This challenge is not waiting for review.")
    now = timezone.now()
    fields = ["safety_status", "safety_decision", "safety_reviewed_by", "safety_reviewed_at"]
    # The decision on the text itself: approved is clear (the coach may suggest it), refused is
    # flagged (it stays its author's, privately).
    if held or challenge.safety_decision == "":
        challenge.safety_decision = (
            Challenge.Decision.APPROVED if approve else Challenge.Decision.REFUSED
        )
        challenge.safety_reviewed_by = moderator
        challenge.safety_reviewed_at = now
    if held:
        challenge.safety_status = Challenge.Safety.CLEAR if approve else Challenge.Safety.FLAGGED
    if challenge.share_status == Challenge.Share.PENDING:
        challenge.share_status = Challenge.Share.APPROVED if approve else Challenge.Share.REJECTED
        challenge.moderated_by = moderator
        challenge.moderated_at = now
        challenge.moderation_note = note
        fields += ["share_status", "moderated_by", "moderated_at", "moderation_note"]
    challenge.save(update_fields=fields)
    return challenge
