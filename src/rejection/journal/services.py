"""Logging, editing, resolving and deleting asks: the one place their rules live."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.core.errors import Conflict
from rejection.core.time import local_date
from rejection.journal.counters import Snapshot, apply_change, category_of, lock_and_read
from rejection.journal.models import TEXT_LIMIT, Attempt, IdempotencyKey, Outcome, Visibility
from rejection.journal.scoring import points_for
from rejection.journal.signals import attempt_changed

EDITABLE = (
    "challenge_id",
    "ask",
    "outcome",
    "occurred_at",
    "anxiety_before",
    "anxiety_after",
    "predicted_rejection",
    "feared_outcome",
    "what_happened",
    "learned",
    "tags",
    "visibility",
    "starred",
)
TEXTS = ("feared_outcome", "what_happened", "learned")
SCALES = {"anxiety_before": 10, "anxiety_after": 10, "predicted_rejection": 100}
MAX_TAGS = 10
MAX_TAG_LENGTH = 40
# A phone's clock may run a little fast; anything later than this is a mistake.
FUTURE_SLACK = dt.timedelta(minutes=5)
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class LogResult:
    attempt: Attempt | None
    created: bool
    snapshot: dict[str, Any]
    earned: list[Any] = field(default_factory=list)


def attempt_as_dict(attempt: Attempt) -> dict[str, Any]:
    """Return the attempt as plain JSON-ready values (the API shape and the export)."""
    return {
        "id": attempt.pk,
        "challenge_id": attempt.challenge_id,
        "title": attempt.title,
        "ask": attempt.ask,
        "outcome": attempt.outcome,
        "occurred_at": attempt.occurred_at.astimezone(dt.UTC).isoformat(),
        "local_date": attempt.local_date.isoformat(),
        "anxiety_before": attempt.anxiety_before,
        "anxiety_after": attempt.anxiety_after,
        "predicted_rejection": attempt.predicted_rejection,
        "feared_outcome": attempt.feared_outcome,
        "what_happened": attempt.what_happened,
        "learned": attempt.learned,
        "tags": list(attempt.tags),
        "visibility": attempt.visibility,
        "points": attempt.points,
        "starred": attempt.starred,
        "uuid": str(attempt.uuid),
        "resolved_at": attempt.resolved_at.isoformat() if attempt.resolved_at else None,
        "created_at": attempt.created_at.isoformat(),
        "updated_at": attempt.updated_at.isoformat(),
    }


def _clean_tags(value: Any, errors: dict[str, list[str]]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(tag, str) for tag in value):
        errors["tags"] = ["Give tags as a list of words."]
        return []
    tags: list[str] = []
    for tag in value:
        tag = tag.strip().lstrip("#").strip().lower()
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        errors["tags"] = [f"Use at most {MAX_TAGS} tags."]
    elif any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        errors["tags"] = [f"Keep each tag to {MAX_TAG_LENGTH} characters."]
    return tags


def _clean(user: Any, data: dict[str, Any], current: Attempt | None) -> dict[str, Any]:
    """Check every field and return the values to save; raise one error naming them all."""
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(data) - set(EDITABLE))
    for name in unknown:
        errors[name] = ["Unknown field."]
    values: dict[str, Any] = {}

    if "challenge_id" in data:
        challenge_id = data["challenge_id"]
        if challenge_id in (None, ""):
            values["challenge"] = None
        else:
            try:
                pk = int(challenge_id)
                if not 0 < pk < 2**63:
                    raise ValueError(pk)
                values["challenge"] = (
                    Challenge.objects.visible_to(user).select_related("category").get(pk=pk)
                )
            except (Challenge.DoesNotExist, ValueError, TypeError):
                errors["challenge_id"] = ["No such challenge."]
    if "ask" in data:
        ask = data["ask"] if data["ask"] is not None else ""
        if not isinstance(ask, str):
            errors["ask"] = ["Describe the ask in words."]
        elif len(ask.strip()) > 300:
            errors["ask"] = ["Keep the ask to 300 characters; the rest fits in what happened."]
        else:
            values["ask"] = ask.strip()
    if "outcome" in data:
        if data["outcome"] not in Outcome.values:
            errors["outcome"] = ["Choose one of: " + ", ".join(Outcome.values) + "."]
        else:
            values["outcome"] = data["outcome"]
    elif current is None:
        errors["outcome"] = ["Say how it went."]
    if "occurred_at" in data and data["occurred_at"] is not None:
        moment = data["occurred_at"]
        if isinstance(moment, str):
            from django.utils.dateparse import parse_datetime

            try:
                moment = parse_datetime(moment)
            except ValueError:
                moment = None
        if not isinstance(moment, dt.datetime):
            errors["occurred_at"] = ["Give a date and time, e.g. 2026-05-01T14:30:00+02:00."]
        else:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, _user_zone(user))
            if moment.year < EARLIEST_YEAR:
                errors["occurred_at"] = [f"Give a time after {EARLIEST_YEAR}."]
            elif moment > timezone.now() + FUTURE_SLACK:
                errors["occurred_at"] = [
                    "That time is in the future; log an ask once it has happened."
                ]
            else:
                values["occurred_at"] = moment
    for name, top in SCALES.items():
        if name in data:
            number = data[name]
            if number in (None, ""):
                values[name] = None
            elif isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= top:
                errors[name] = [f"Choose a whole number from 0 to {top}."]
            else:
                values[name] = number
    for name in TEXTS:
        if name in data:
            text = data[name] if data[name] is not None else ""
            if not isinstance(text, str):
                errors[name] = ["Write this as text."]
            elif len(text) > TEXT_LIMIT:
                errors[name] = [f"Keep this to {TEXT_LIMIT:,} characters (it has {len(text):,})."]
            elif "\x00" in text:
                errors[name] = ["This text holds a NUL character, which cannot be saved."]
            else:
                values[name] = text.strip()
    if "tags" in data:
        values["tags"] = _clean_tags(data["tags"], errors)
    if "starred" in data:
        if not isinstance(data["starred"], bool):
            errors["starred"] = ["Say true or false."]
        else:
            values["starred"] = data["starred"]
    if "visibility" in data:
        if data["visibility"] not in Visibility.values:
            errors["visibility"] = ["Choose private, friends or public."]
        else:
            values["visibility"] = data["visibility"]

    challenge = values.get("challenge", current.challenge if current else None)
    ask = values.get("ask", current.ask if current else "")
    if challenge is None and not ask and "challenge_id" not in errors and "ask" not in errors:
        errors["ask"] = ["Say what you asked for, or pick a challenge."]
    if "\x00" in ask:
        errors["ask"] = ["The ask holds a NUL character, which cannot be saved."]
    if errors:
        raise ValidationError(errors)
    return values


def _user_zone(user: Any) -> Any:
    from rejection.core.time import zone

    return zone(profile_for(user).timezone)


def _apply(user: Any, attempt: Attempt, values: dict[str, Any]) -> None:
    moved = (
        attempt.pk is None or values.get("occurred_at", attempt.occurred_at) != attempt.occurred_at
    )
    for name, value in values.items():
        setattr(attempt, name, value)
    # The local day is fixed when the time is written; an edit that keeps the time
    # keeps the day, even if the user has since changed time zone.
    if moved:
        attempt.local_date = local_date(attempt.occurred_at, profile_for(user).timezone)
    attempt.points = points_for(attempt.outcome)


def _request_digest(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def log_attempt(user: Any, data: dict[str, Any], idempotency_key: str | None = None) -> LogResult:
    """Log one ask; with an idempotency key, a retry returns the first result instead."""
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 200:
        raise ValidationError({"Idempotency-Key": ["Use a key of 1 to 200 characters."]})
    values = _clean(user, data, None)
    digest = _request_digest(data)
    values.setdefault("occurred_at", timezone.now())
    attempt = Attempt(user=user)
    _apply(user, attempt, values)
    with transaction.atomic():
        snapshot = lock_and_read(user, idempotency_key)
        if snapshot.replay_id is not None:
            earlier = IdempotencyKey.objects.select_related("attempt").get(pk=snapshot.replay_id)
            if earlier.request_digest and earlier.request_digest != digest:
                raise Conflict(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different ask.",
                )
            return LogResult(attempt=earlier.attempt, created=False, snapshot=earlier.response)
        attempt.save()
        apply_change(user, {attempt.local_date}, {category_of(attempt)}, snapshot)
        earned = _announce(user, attempt, "created", snapshot)
        snapshot_body = attempt_as_dict(attempt)
        if idempotency_key:
            IdempotencyKey.objects.create(
                user=user,
                key=idempotency_key,
                attempt=attempt,
                request_digest=digest,
                response=snapshot_body,
            )
    return LogResult(attempt=attempt, created=True, snapshot=snapshot_body, earned=earned)


def _announce(
    user: Any, attempt: Attempt, action: str, snapshot: Snapshot, attempt_id: int | None = None
) -> list[Any]:
    replies = attempt_changed.send(
        sender=Attempt,
        user=user,
        attempt=attempt,
        attempt_id=attempt_id or attempt.pk,
        action=action,
        snapshot=snapshot,
    )
    return [item for _, reply in replies if reply for item in reply]


def update_attempt(user: Any, attempt: Attempt, data: dict[str, Any]) -> Attempt:
    """Edit an ask; recording the answer to a pending ask resolves it and scores it."""
    values = _clean(user, data, attempt)
    old_day = attempt.local_date
    old_category = category_of(attempt)
    was_pending = attempt.outcome == Outcome.PENDING
    _apply(user, attempt, values)
    if was_pending and attempt.outcome != Outcome.PENDING:
        attempt.resolved_at = timezone.now()
    with transaction.atomic():
        snapshot = lock_and_read(user)
        attempt.save()
        days, categories = {old_day, attempt.local_date}, {old_category, category_of(attempt)}
        apply_change(user, days, categories, snapshot)
        attempt.earned = _announce(user, attempt, "updated", snapshot)  # type: ignore[attr-defined]
    return attempt


def delete_attempt(user: Any, attempt: Attempt) -> None:
    """Delete an ask and take it out of the tallies, points and streaks."""
    day, category, attempt_id = attempt.local_date, category_of(attempt), attempt.pk
    with transaction.atomic():
        snapshot = lock_and_read(user)
        attempt.delete()
        apply_change(user, {day}, {category}, snapshot)
        _announce(user, attempt, "deleted", snapshot, attempt_id)
