"""Writing asks to the journal: the one place an ask is saved, changed or removed.

Each write takes the person's lock, changes the attempt and recounts the touched tallies
in one transaction, and hands back the snapshot it read, so the use case above it
(`rejection.practice.asks`) can award milestones from the same figures without asking
again. The fields were checked by the contract (`journal.contracts`); what is left here
is what only the data can say: is the challenge there, is the time still to come, and
whether the words of an ask shared with friends or in public pass the safety screen's rules
(a private ask is never refused: it is only the person's own journal).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.core.errors import Conflict, NotFound
from rejection.core.time import local_date
from rejection.journal.contracts import AskChanges, AskFields, NewAsk
from rejection.journal.counters import (
    Extras,
    Snapshot,
    add_new,
    apply_change,
    category_of,
    lock_and_read,
)
from rejection.journal.models import Attempt, IdempotencyKey, Outcome
from rejection.journal.points import points_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A phone's clock may run a little fast; anything later than this is a mistake.
FUTURE_SLACK = dt.timedelta(minutes=5)
TEXTS = ("feared_outcome", "what_happened", "learned")


@dataclass(frozen=True)
class Recorded:
    """A logged ask, or the first answer to a repeated Idempotency-Key."""

    attempt: Attempt | None  # None when a replayed ask has since been deleted
    created: bool
    body: dict[str, Any]  # the ask as the API shows it; for a replay, the first answer
    snapshot: Snapshot | None = None  # the figures read under the lock (new asks only)


@dataclass(frozen=True)
class Changed:
    attempt: Attempt
    snapshot: Snapshot


@dataclass(frozen=True)
class Removed:
    attempt_id: int
    snapshot: Snapshot


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
        "predicted_before": attempt.predicted_before,
        "points": attempt.points,
        "starred": attempt.starred,
        "uuid": str(attempt.uuid),
        "resolved_at": attempt.resolved_at.isoformat() if attempt.resolved_at else None,
        "created_at": attempt.created_at.isoformat(),
        "updated_at": attempt.updated_at.isoformat(),
    }


def visible_challenge(user: User, challenge_id: int) -> Challenge:
    """Return a challenge the person may use, or refuse it as not found (404)."""
    # Read by its key, then judged in hand: the same rule as `visible_to`, and a statement
    # the ORM builds in a fraction of the time (this is on every logged ask).
    found = list(Challenge.objects.select_related("category").filter(pk=challenge_id)[:1])
    challenge = found[0] if found else None
    if challenge is None or not challenge.is_visible_to(user):
        raise NotFound("No such challenge.", field="challenge_id")
    return challenge


def refuse_future(moment: dt.datetime) -> None:
    """Refuse a time still to come (beyond a phone clock's few minutes of drift)."""
    if moment > timezone.now() + FUTURE_SLACK:
        raise Conflict(
            "in_the_future",
            "That time is still to come; log an ask once it has happened.",
            field="occurred_at",
        )


def _values(user: User, fields: AskFields, given: set[str]) -> dict[str, Any]:
    """Turn the given fields of a contract into the attempt's column values."""
    values: dict[str, Any] = {}
    for name in given:
        value = getattr(fields, name)
        if name == "challenge_id":
            values["challenge"] = None if value is None else visible_challenge(user, value)
        elif name == "occurred_at":
            if value is not None:
                refuse_future(value)
                values["occurred_at"] = value
        elif name in TEXTS or name == "ask":
            values[name] = value or ""
        elif name == "tags":
            values["tags"] = value or []
        else:
            values[name] = value
    return values


def _apply(user: User, attempt: Attempt, values: dict[str, Any]) -> None:
    moved = (
        attempt.pk is None or values.get("occurred_at", attempt.occurred_at) != attempt.occurred_at
    )
    for name, value in values.items():
        setattr(attempt, name, value)
    # The local day is fixed when the time is written; an edit that keeps the time
    # keeps the day, even if the person has since changed time zone.
    if moved:
        attempt.local_date = local_date(attempt.occurred_at, profile_for(user).timezone)
    attempt.points = points_for(attempt.outcome)


def _digest(ask: NewAsk) -> str:
    canonical = json.dumps(ask.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record_ask(
    user: User,
    ask: NewAsk,
    idempotency_key: str | None = None,
    extras: Mapping[str, Extras] | None = None,
) -> Recorded:
    """Save a new ask; with an idempotency key, a retry returns the first answer instead.

    `extras` are figures a caller wants read under the same lock (see counters.lock_and_read).
    """
    values = _values(user, ask, ask.model_fields_set | {"outcome", "visibility", "starred"})
    values.setdefault("occurred_at", timezone.now())
    # Only a prediction written before the answer is known is an honest one.
    values["predicted_before"] = (
        ask.outcome == Outcome.IN_PROGRESS and ask.predicted_rejection is not None
    )
    attempt = Attempt(user=user)
    _apply(user, attempt, values)
    digest = _digest(ask)
    with transaction.atomic(savepoint=False):
        snapshot = lock_and_read(user, idempotency_key, extras)
        if snapshot.replay_id is not None:
            earlier = IdempotencyKey.objects.select_related("attempt").get(pk=snapshot.replay_id)
            if earlier.request_digest and earlier.request_digest != digest:
                raise Conflict(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different ask.",
                )
            return Recorded(attempt=earlier.attempt, created=False, body=earlier.response)
        attempt.save()
        add_new(user, attempt, snapshot)
        body = attempt_as_dict(attempt)
        if idempotency_key:
            IdempotencyKey.objects.create(
                user=user,
                key=idempotency_key,
                attempt=attempt,
                request_digest=digest,
                response=body,
            )
    return Recorded(attempt=attempt, created=True, body=body, snapshot=snapshot)


def change_ask(
    user: User,
    attempt: Attempt,
    changes: AskChanges,
    extras: Mapping[str, Extras] | None = None,
) -> Changed:
    """Change the fields sent; recording the answer to a pending ask resolves and scores it."""
    values = _values(user, changes, changes.model_fields_set)
    challenge = values.get("challenge", attempt.challenge)
    if challenge is None and not values.get("ask", attempt.ask):
        raise Conflict("ask_needed", "Say what you asked for, or keep its challenge.", field="ask")
    old_day, old_category = attempt.local_date, category_of(attempt)
    was_open = attempt.outcome in (Outcome.PENDING, Outcome.IN_PROGRESS)
    values.update(_prediction_honesty(attempt, values))
    _apply(user, attempt, values)
    if was_open and attempt.outcome not in (Outcome.PENDING, Outcome.IN_PROGRESS):
        attempt.resolved_at = timezone.now()
    with transaction.atomic(savepoint=False):
        snapshot = lock_and_read(user, extras=extras)
        attempt.save()
        days, categories = {old_day, attempt.local_date}, {old_category, category_of(attempt)}
        apply_change(user, days, categories, snapshot)
    return Changed(attempt=attempt, snapshot=snapshot)


def _prediction_honesty(attempt: Attempt, values: dict[str, Any]) -> dict[str, Any]:
    """Refuse reopening a finished ask; say whether its prediction still came first.

    A prediction changed while the ask is in progress is still made before the answer;
    one changed with or after the answer is not.
    """
    outcome = values.get("outcome", attempt.outcome)
    if outcome == Outcome.IN_PROGRESS and attempt.outcome != Outcome.IN_PROGRESS:
        raise Conflict(
            "already_finished",
            "This ask is already finished; it cannot go back to in progress.",
            field="outcome",
        )
    if "predicted_rejection" not in values:
        return {}
    predicted = values["predicted_rejection"]
    if outcome == Outcome.IN_PROGRESS:
        return {"predicted_before": predicted is not None}
    if predicted != attempt.predicted_rejection:
        return {"predicted_before": False}
    return {}


def remove_ask(user: User, attempt: Attempt) -> Removed:
    """Delete an ask and take it out of the tallies, points and streaks."""
    day, category, attempt_id = attempt.local_date, category_of(attempt), attempt.pk
    with transaction.atomic(savepoint=False):
        snapshot = lock_and_read(user)
        attempt.delete()
        apply_change(user, {day}, {category}, snapshot)
    return Removed(attempt_id=attempt_id, snapshot=snapshot)
