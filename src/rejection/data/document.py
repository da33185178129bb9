"""Reading and checking an export before anything is written.

Every problem is named by its path in the document ("attempts[3].outcome"), and each
ask goes through the journal's own validation, so an import accepts what logging would.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt
from rejection.journal.services import EDITABLE
from rejection.journal.services import _clean as clean_attempt
from rejection.progress.models import Program
from rejection.progress.services import MAX_CUSTOM_DAYS

FORMAT = "rejection-therapy-export"
VERSION = 1
CHUNK = 500
PROFILE_FIELDS = ("display_name", "timezone", "streak_mode")
CHALLENGE_FIELDS = ("title", "script", "where", "difficulty", "tags", "why", "safety")
# Keys an exported attempt carries that the import reads itself or recomputes.
ATTEMPT_EXTRA = {
    "id", "challenge_id", "title", "points", "uuid", "local_date", "resolved_at",
    "created_at", "updated_at", "challenge",
}  # fmt: skip
ATTEMPT_CHECKED = tuple(name for name in EDITABLE if name != "challenge_id")


class MalformedDocument(ValueError):
    """The upload is not JSON at all."""


def read_document(raw: bytes) -> Any:
    """Parse an uploaded export, raising MalformedDocument when it is not JSON text."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise MalformedDocument("This file is not JSON text.") from error


@dataclass
class Plan:
    """A checked document, ready to write."""

    profile: dict[str, Any] = field(default_factory=dict)
    challenges: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
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

    def absorb(self, prefix: str, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            for message in messages:
                self.add(prefix if name == "__all__" else f"{prefix}.{name}", message)

    def raise_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)


def _moment(value: Any) -> dt.datetime | None:
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _day(value: Any) -> dt.date | None:
    try:
        return parse_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _list(document: dict[str, Any], name: str, problems: Problems) -> list[Any]:
    value = document.get(name, [])
    if not isinstance(value, list):
        problems.add(name, "Give a list.")
        return []
    return value


def _check_challenges(items: list[Any], plan: Plan, problems: Problems) -> None:
    seen: set[int] = set()
    for index, item in enumerate(items):
        path = f"custom_challenges[{index}]"
        if not isinstance(item, dict):
            problems.add(path, "Give each challenge as an object.")
            continue
        key = item.get("id")
        if isinstance(key, bool) or not isinstance(key, int) or key in seen:
            problems.add(f"{path}.id", "Give each challenge its own whole-number id.")
            continue
        seen.add(key)
        category = item.get("category")
        slug = category.get("slug") if isinstance(category, dict) else category
        data = {name: item[name] for name in CHALLENGE_FIELDS if name in item}
        data["category"] = slug if isinstance(slug, str) else ""
        data["answer_later"] = item.get("answer_later") is True
        if not isinstance(data.get("title"), str):
            problems.add(f"{path}.title", "Give your challenge a short title.")
            continue
        plan.challenges.append((index, key, data))


def _check_enrollments(items: list[Any], plan: Plan, problems: Problems) -> None:
    # Only a string names a program; anything else (a list, an object) is refused below.
    names = [item.get("program") if isinstance(item, dict) else None for item in items]
    slugs = {name for name in names if isinstance(name, str)}
    programs = Program.objects.in_bulk(sorted(slugs), field_name="slug")
    for index, item in enumerate(items):
        path = f"enrollments[{index}]"
        if not isinstance(item, dict):
            problems.add(path, "Give each program as an object.")
            continue
        program = programs.get(names[index]) if isinstance(names[index], str) else None
        length = item.get("length_days")
        start = _day(item.get("start_date"))
        started_at = _moment(item.get("started_at")) if item.get("started_at") else None
        if program is None:
            problems.add(f"{path}.program", "No program by that name on this server.")
        if (
            isinstance(length, bool)
            or not isinstance(length, int)
            or not 1 <= length <= MAX_CUSTOM_DAYS
        ):
            problems.add(f"{path}.length_days", f"Give a whole number from 1 to {MAX_CUSTOM_DAYS}.")
        if start is None:
            problems.add(f"{path}.start_date", "Give a date, e.g. 2026-03-10.")
        if item.get("started_at") and started_at is None:
            problems.add(f"{path}.started_at", "Give a date and time with its offset.")
        if not isinstance(item.get("active", False), bool):
            problems.add(f"{path}.active", "Say true or false.")
        if program is not None and start is not None and isinstance(length, int):
            plan.enrollments.append(
                {
                    "program": program,
                    "length_days": length,
                    "start_date": start,
                    "started_at": started_at,
                    "active": item.get("active") is True,
                }
            )


def _check_attempts(
    user: Any, items: list[Any], custom_ids: set[int], plan: Plan, problems: Problems
) -> None:
    slugs = {
        ref["deck_slug"]
        for item in items
        if isinstance(item, dict)
        and isinstance(ref := item.get("challenge"), dict)
        and isinstance(ref.get("deck_slug"), str)
    }
    deck = _deck_by_slug(sorted(slugs))
    seen: set[uuid.UUID] = set()
    for index, item in enumerate(items):
        path = f"attempts[{index}]"
        if not isinstance(item, dict):
            problems.add(path, "Give each ask as an object.")
            continue
        found = len(problems.fields)
        for name in sorted(set(item) - set(ATTEMPT_CHECKED) - ATTEMPT_EXTRA):
            problems.add(f"{path}.{name}", "Unknown field.")
        try:
            key = uuid.UUID(str(item.get("uuid")))
        except ValueError:
            problems.add(f"{path}.uuid", "Give the ask's uuid, as exported.")
            key = uuid.uuid4()
        if key in seen:
            problems.add(f"{path}.uuid", "This uuid appears twice in the file.")
        seen.add(key)
        day = _day(item.get("local_date"))
        if day is None:
            problems.add(f"{path}.local_date", "Give the ask's local date, e.g. 2026-03-10.")
        extra_times = {}
        for name in ("resolved_at", "created_at", "updated_at"):
            if item.get(name) is not None:
                extra_times[name] = _moment(item[name])
                if extra_times[name] is None:
                    problems.add(f"{path}.{name}", "Give a date and time with its offset.")
        challenge, ask_fallback = _challenge_for(item.get("challenge"), deck, custom_ids)
        if challenge == "unknown":
            problems.add(f"{path}.challenge", "Point at a deck slug or a custom challenge's id.")
            continue
        data = {name: item[name] for name in ATTEMPT_CHECKED if name in item}
        if ask_fallback and not data.get("ask"):
            # The deck here lacks that card: keep the ask under the title it had.
            data["ask"] = str(item.get("title") or "")[:300]
        if "outcome" not in data:
            problems.add(f"{path}.outcome", "Say how it went.")
        if data.get("occurred_at") is None:
            problems.add(f"{path}.occurred_at", "Give the time of the ask, with its offset.")
        # An attempt "as if" on its challenge, so an ask picked from a card may have no text.
        current = Attempt(challenge=Challenge(title="")) if challenge is not None else None
        try:
            values = clean_attempt(user, data, current)
        except ValidationError as error:
            problems.absorb(path, error)
            continue
        if len(problems.fields) > found or day is None:
            continue
        moment = values["occurred_at"]
        if abs((day - moment.astimezone(dt.UTC).date()).days) > 1:
            problems.add(f"{path}.local_date", "This is not the day of the ask's time anywhere.")
            continue
        values.pop("challenge", None)
        plan.attempts.append(
            {"uuid": key, "local_date": day, "challenge": challenge, **values, **extra_times}
        )


def _deck_by_slug(slugs: list[str]) -> dict[str, Challenge]:
    found: dict[str, Challenge] = {}
    for start in range(0, len(slugs), CHUNK):
        rows = Challenge.objects.deck().filter(slug__in=slugs[start : start + CHUNK])
        found.update({row.slug: row for row in rows.select_related("category") if row.slug})
    return found


def _challenge_for(ref: Any, deck: dict[str, Challenge], custom_ids: set[int]) -> tuple[Any, bool]:
    """Return (deck challenge, or ("custom", id), or None, or "unknown"; ask falls back)."""
    if ref is None:
        return None, False
    if isinstance(ref, dict) and set(ref) == {"deck_slug"} and isinstance(ref["deck_slug"], str):
        challenge = deck.get(ref["deck_slug"])
        return challenge, challenge is None
    custom = ref.get("custom") if isinstance(ref, dict) and set(ref) == {"custom"} else None
    # Only an int can name a custom challenge; a list or object here is refused, not a crash.
    if type(custom) is int and custom in custom_ids:
        return ("custom", custom), False
    return "unknown", False


def _nul_paths(value: Any, path: str) -> Iterator[str]:
    """Yield the path of every string (key or value) holding a NUL character."""
    if isinstance(value, str):
        if "\x00" in value:
            yield path or "document"
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and "\x00" in key:
                yield path or "document"
            yield from _nul_paths(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, f"{path}[{index}]")


def check_document(user: Any, document: Any) -> Plan:
    """Check a whole export; raise one ValidationError naming every problem by its path."""
    problems = Problems()
    # No text we store may hold a NUL (PostgreSQL refuses it); say where, before any lookup.
    for path in islice(_nul_paths(document, ""), 20):
        problems.add(
            path.replace("\x00", "\\0"), "This text holds a NUL character, which cannot be saved."
        )
    problems.raise_any()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        problems.add("format", f"This is not a Rejection Therapy export (format {FORMAT!r}).")
        problems.raise_any()
    version = document.get("version")
    if isinstance(version, bool) or version != VERSION:
        problems.add("version", f"This server reads export version {VERSION}, not {version!r}.")
        problems.raise_any()
    plan = Plan()
    profile = document.get("profile", {})
    if not isinstance(profile, dict):
        problems.add("profile", "Give the profile as an object.")
    else:
        plan.profile = {name: profile[name] for name in PROFILE_FIELDS if name in profile}
        for name, value in plan.profile.items():
            if not isinstance(value, str):  # update_profile checks the words, not the type
                problems.add(f"profile.{name}", "Give this as text.")
    _check_challenges(_list(document, "custom_challenges", problems), plan, problems)
    _check_enrollments(_list(document, "enrollments", problems), plan, problems)
    for index, value in enumerate(_list(document, "rest_days", problems)):
        day = _day(value)
        if day is None:
            problems.add(f"rest_days[{index}]", "Give a date, e.g. 2026-03-10.")
        else:
            plan.rest_days.add(day)
    custom_ids = {key for _, key, _ in plan.challenges}
    _check_attempts(user, _list(document, "attempts", problems), custom_ids, plan, problems)
    problems.raise_any()
    return plan
