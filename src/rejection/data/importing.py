"""Import of our own export: check the whole document, then write it in one transaction.

Lossless: attempts keep their uuid, time, local day and every text; points and every
tally are recomputed from them. Idempotent: an attempt whose uuid the importer already
has is skipped, and challenges, programs and rest days already there are matched.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.services import update_profile
from rejection.challenges.contracts import NewChallenge
from rejection.challenges.models import Challenge
from rejection.challenges.services import create_custom_challenge
from rejection.core.errors import Refused
from rejection.data.contracts import (
    FORMAT,
    VERSION,
    ExportDocument,
    MalformedDocument,
    read_document,
)
from rejection.data.document import CHUNK, Plan, Problems, check_document
from rejection.journal.counters import lock_user, rebuild_user
from rejection.journal.models import Attempt, DayTally
from rejection.journal.points import points_for
from rejection.progress.earned import date_from_history
from rejection.progress.milestones import award_from_history
from rejection.progress.models import Enrollment

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Names the uuids given to asks whose own uuid belongs to someone else.
REKEY_NAMESPACE = uuid.UUID("5d3f2b4e-7a61-4c1e-9a3b-2f8e6c0d9b17")

__all__ = ["FORMAT", "VERSION", "ImportReport", "MalformedDocument", "import_user", "read_document"]


@dataclass
class ImportReport:
    attempts_created: int = 0
    attempts_skipped: int = 0
    custom_challenges_created: int = 0
    enrollments_created: int = 0
    rest_days_created: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def import_user(user: User, document: ExportDocument) -> ImportReport:
    """Add an export to the user's journal; importing the same document again changes nothing."""
    plan = check_document(document)
    report = ImportReport()
    problems = Problems()
    with transaction.atomic():
        lock_user(user)
        update_profile(user, ProfileChanges(**plan.profile))  # streaks are rebuilt below
        challenges = _upsert_challenges(user, plan, report, problems)
        problems.raise_any()  # rolls back everything written so far
        _upsert_enrollments(user, plan, report)
        _add_rest_days(user, plan, report)
        _add_attempts(user, plan, challenges, report)
        rebuild_user(user)
        # Written in bulk, not ask by ask: award what the whole history has earned,
        # each badge dated the day that history earned it, not today.
        date_from_history(user, (badge["code"] for badge in award_from_history(user)))
    return report


def _upsert_challenges(
    user: User, plan: Plan, report: ImportReport, problems: Problems
) -> dict[int, Challenge]:
    """Match each challenge to one of the user's own by (title, category, difficulty), or add it."""
    mine = Challenge.objects.filter(author=user).select_related("category").order_by("id")
    known: dict[tuple[Any, ...], Challenge] = {
        (c.title, c.category.slug, c.difficulty): c for c in reversed(list(mine))
    }
    by_key: dict[int, Challenge] = {}
    for index, item in plan.challenges:
        match = known.get((item.title, item.category.slug, item.difficulty))
        if match is None:
            new = NewChallenge(
                title=item.title,
                script=item.script,
                where=item.where,
                category=item.category.slug,
                difficulty=item.difficulty,
                tags=item.tags,
                why=item.why,
                safety=item.safety,
                answer_later=item.answer_later,
            )
            try:
                match = create_custom_challenge(user, new)
            except Refused as refused:
                problems.add(f"custom_challenges[{index}].{refused.field}", refused.message)
                continue
            known[(match.title, match.category.slug, match.difficulty)] = match
            report.custom_challenges_created += 1
        by_key[item.id] = match
    return by_key


def _upsert_enrollments(user: User, plan: Plan, report: ImportReport) -> None:
    """Add the programs not already here (same program and Day 1); keep one active."""
    rows = {(e.program_id, e.start_date): e for e in Enrollment.objects.filter(user=user)}
    new: list[tuple[Enrollment, dt.datetime | None]] = []
    wanted: Enrollment | None = None
    for item in plan.enrollments:
        key = (item["program"].pk, item["start_date"])
        if key not in rows:
            rows[key] = Enrollment(
                user=user,
                program=item["program"],
                length_days=item["length_days"],
                start_date=item["start_date"],
                active=False,
            )
            new.append((rows[key], item["started_at"]))
        if item["active"] and (wanted is None or item["start_date"] >= wanted.start_date):
            wanted = rows[key]
    Enrollment.objects.bulk_create([row for row, _ in new])
    # started_at is stamped on insert; put back the exported one.
    for row, started_at in new:
        row.started_at = started_at or row.started_at
    Enrollment.objects.bulk_update([row for row, _ in new], ["started_at"])
    report.enrollments_created = len(new)
    current = next((row for row in rows.values() if row.active), None)
    if wanted is not None and (current is None or wanted.start_date > current.start_date):
        Enrollment.objects.filter(user=user, active=True).update(active=False)
        Enrollment.objects.filter(pk=wanted.pk).update(active=True)


def _add_rest_days(user: User, plan: Plan, report: ImportReport) -> None:
    days = sorted(plan.rest_days)
    tallies: dict[dt.date, DayTally] = {}
    for start in range(0, len(days), CHUNK):
        rows = DayTally.objects.filter(user=user, local_date__in=days[start : start + CHUNK])
        tallies.update({row.local_date: row for row in rows})
    resting = [day for day, tally in tallies.items() if not tally.rest_day]
    DayTally.objects.filter(user=user, local_date__in=resting).update(rest_day=True)
    missing = [
        DayTally(user=user, local_date=day, rest_day=True) for day in days if day not in tallies
    ]
    DayTally.objects.bulk_create(missing, batch_size=CHUNK)
    report.rest_days_created = len(resting) + len(missing)


def _owners(keys: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Return who holds each of these uuids, for those anyone holds."""
    owners: dict[uuid.UUID, int] = {}
    for start in range(0, len(keys), CHUNK):
        rows = Attempt.objects.filter(uuid__in=keys[start : start + CHUNK])
        owners.update(dict(rows.values_list("uuid", "user_id")))
    return owners


def _own_uuid(user: User, original: uuid.UUID) -> uuid.UUID:
    """Derive the uuid an ask gets when its own is someone else's: the same on every import."""
    return uuid.uuid5(REKEY_NAMESPACE, f"{user.pk}:{original}")


def _uuids(user: User, plan: Plan) -> list[uuid.UUID | None]:
    """Return the uuid each ask is saved under, or None when the user already has it.

    Someone else's uuid is never taken over: the ask gets a uuid derived from the user
    and the original, so importing that file again still finds it.
    """
    originals = [item["uuid"] for item in plan.attempts]
    owners = _owners(originals)
    taken = [key for key in originals if owners.get(key) not in (None, user.pk)]
    derived = {key: _own_uuid(user, key) for key in taken}
    owners.update(_owners(list(derived.values())))
    chosen: list[uuid.UUID | None] = []
    for key in originals:
        key = derived.get(key, key)
        owner = owners.get(key)
        if owner == user.pk:
            chosen.append(None)
        else:
            chosen.append(key if owner is None else uuid.uuid4())
    return chosen


def _add_attempts(
    user: User, plan: Plan, challenges: dict[int, Challenge], report: ImportReport
) -> None:
    """Create the asks not already here in bulk, sending no per-attempt signal."""
    new: list[Attempt] = []
    stamps: list[tuple[Any, Any]] = []
    for item, key in zip(plan.attempts, _uuids(user, plan), strict=True):
        if key is None:
            report.attempts_skipped += 1
            continue
        values = {**item, "uuid": key}
        challenge = values.pop("challenge")
        if isinstance(challenge, tuple):
            challenge = challenges[challenge[1]]
        stamps.append((values.pop("created_at", None), values.pop("updated_at", None)))
        new.append(
            Attempt(user=user, challenge=challenge, points=points_for(values["outcome"]), **values)
        )
    Attempt.objects.bulk_create(new, batch_size=CHUNK)
    report.attempts_created = len(new)
    # created_at and updated_at are stamped on insert; put back the exported ones.
    for attempt, (created_at, updated_at) in zip(new, stamps, strict=True):
        attempt.created_at = created_at or attempt.created_at
        attempt.updated_at = updated_at or attempt.updated_at
    Attempt.objects.bulk_update(new, ["created_at", "updated_at"], batch_size=CHUNK)
