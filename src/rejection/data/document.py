"""Checking an export against this server before anything is written.

The contract (`data.contracts.ExportDocument`) has checked every field already; what is
left is what only this server and the whole file can say: which deck cards exist here,
which custom challenge an ask points at, whether a uuid appears twice, whether a local
day fits its time, whether a time is still to come. Each problem is named by its path
("attempts[3].local_date"), and the import refuses the whole file (409) if any is found.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from rejection.challenges.models import Challenge
from rejection.core.errors import Conflict
from rejection.data.contracts import CustomRef, DeckRef, ExportDocument, ExportedAsk
from rejection.journal.models import ASK_LIMIT
from rejection.journal.services import FUTURE_SLACK
from rejection.progress.models import Program

CHUNK = 500
# The fields of an ask an import saves as they are (the journal's own columns).
SAVED = (
    "ask", "outcome", "occurred_at", "anxiety_before", "anxiety_after", "predicted_rejection",
    "feared_outcome", "what_happened", "learned", "tags", "visibility", "starred",
    "predicted_before",
)  # fmt: skip


@dataclass
class Plan:
    """A checked document, ready to write."""

    profile: dict[str, Any] = field(default_factory=dict)
    challenges: list[tuple[int, Any]] = field(default_factory=list)  # (index, ExportedChallenge)
    enrollments: list[dict[str, Any]] = field(default_factory=list)
    rest_days: set[dt.date] = field(default_factory=set)
    attempts: list[dict[str, Any]] = field(default_factory=list)


class Problems:
    """Every problem found, each under the path of the value to blame."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        messages = self.fields.setdefault(path, [])
        if message not in messages:
            messages.append(message)

    def raise_any(self) -> None:
        if self.fields:
            raise DocumentConflict(self.fields)


class DocumentConflict(Conflict):
    """The file is well formed but does not fit this server, or contradicts itself."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__("document_conflict", "Nothing was imported: see each problem named.")
        self.problems = problems

    @property
    def fields(self) -> dict[str, list[str]]:
        return self.problems


def _deck_by_slug(slugs: list[str]) -> dict[str, Challenge]:
    found: dict[str, Challenge] = {}
    for start in range(0, len(slugs), CHUNK):
        rows = Challenge.objects.deck().filter(slug__in=slugs[start : start + CHUNK])
        found.update({row.slug: row for row in rows.select_related("category") if row.slug})
    return found


def _check_challenges(document: ExportDocument, plan: Plan, problems: Problems) -> None:
    seen: set[int] = set()
    for index, item in enumerate(document.custom_challenges):
        if item.id in seen:
            problems.add(f"custom_challenges[{index}].id", "Give each challenge its own id.")
            continue
        seen.add(item.id)
        plan.challenges.append((index, item))


def _check_enrollments(document: ExportDocument, plan: Plan, problems: Problems) -> None:
    slugs = sorted({item.program for item in document.enrollments})
    programs = Program.objects.in_bulk(slugs, field_name="slug")
    for index, item in enumerate(document.enrollments):
        program = programs.get(item.program)
        if program is None:
            problems.add(f"enrollments[{index}].program", "No program by that name on this server.")
            continue
        plan.enrollments.append(
            {
                "program": program,
                "length_days": item.length_days,
                "start_date": item.start_date,
                "started_at": item.started_at,
                "active": item.active,
            }
        )


def _challenge_for(ref: Any, deck: dict[str, Challenge], custom_ids: set[int]) -> Any:
    """Return a deck challenge, ("custom", id), None (free text or a card not here) or "unknown"."""
    if isinstance(ref, DeckRef):
        return deck.get(ref.deck_slug)
    if isinstance(ref, CustomRef):
        return ("custom", ref.custom) if ref.custom in custom_ids else "unknown"
    return None


def _check_ask(
    path: str, item: ExportedAsk, challenge: Any, now: dt.datetime, problems: Problems
) -> dict[str, Any] | None:
    if challenge == "unknown":
        problems.add(f"{path}.challenge", "No custom challenge with that id in this file.")
        return None
    values = {name: getattr(item, name) for name in SAVED}
    values["ask"] = values["ask"] or ""
    if challenge is None and not values["ask"]:
        # The deck here lacks that card: keep the ask under the title it had.
        values["ask"] = (item.title or "")[:ASK_LIMIT]
    if challenge is None and not values["ask"]:
        problems.add(f"{path}.ask", "Say what was asked, or name its challenge.")
        return None
    if item.occurred_at > now + FUTURE_SLACK:
        problems.add(f"{path}.occurred_at", "That time is still to come.")
        return None
    # The local day was fixed where the person was; every zone is within a day of UTC.
    if abs((item.local_date - item.occurred_at.astimezone(dt.UTC).date()).days) > 1:
        problems.add(f"{path}.local_date", "This is not the day of the ask's time anywhere.")
        return None
    for name in ("feared_outcome", "what_happened", "learned"):
        values[name] = values[name] or ""
    values["tags"] = values["tags"] or []
    times = {
        name: getattr(item, name)
        for name in ("resolved_at", "created_at", "updated_at")
        if getattr(item, name) is not None
    }
    return {
        "uuid": item.uuid,
        "local_date": item.local_date,
        "challenge": challenge,
        **values,
        **times,
    }


def _check_attempts(
    document: ExportDocument, custom_ids: set[int], plan: Plan, problems: Problems
) -> None:
    refs = [item.challenge for item in document.attempts]
    deck = _deck_by_slug(sorted({ref.deck_slug for ref in refs if isinstance(ref, DeckRef)}))
    seen: set[uuid.UUID] = set()
    now = dt.datetime.now(dt.UTC)
    for index, item in enumerate(document.attempts):
        path = f"attempts[{index}]"
        if item.uuid in seen:
            problems.add(f"{path}.uuid", "This uuid appears twice in the file.")
            continue
        seen.add(item.uuid)
        values = _check_ask(
            path, item, _challenge_for(item.challenge, deck, custom_ids), now, problems
        )
        if values is not None:
            plan.attempts.append(values)


def check_document(document: ExportDocument) -> Plan:
    """Check a whole export against this server; raise one conflict naming every problem."""
    problems = Problems()
    plan = Plan()
    profile = document.profile
    plan.profile = {
        "display_name": profile.display_name,
        "timezone": profile.timezone,
        "streak_mode": profile.streak_mode,
    }
    _check_challenges(document, plan, problems)
    _check_enrollments(document, plan, problems)
    plan.rest_days = set(document.rest_days)
    custom_ids = {item.id for _, item in plan.challenges}
    _check_attempts(document, custom_ids, plan, problems)
    problems.raise_any()
    return plan
