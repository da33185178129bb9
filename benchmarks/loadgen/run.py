"""The steps of generate_data: clear the last run, make people, write everything."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from benchmarks.loadgen.history import (
    ATTEMPT_COLUMNS,
    ENROLLMENT_COLUMNS,
    Card,
    Deck,
    display_name,
    joined_at,
    person_history,
)
from benchmarks.loadgen.people import Person, plan_people, share_asks, username_for
from benchmarks.loadgen.tallies import CATEGORY_COLUMNS, DAY_COLUMNS
from benchmarks.loadgen.writer import RowSink
from rejection.accounts.models import Profile
from rejection.accounts.services import create_token
from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt, CategoryTally, DayTally
from rejection.progress.catalog import ensure_programs
from rejection.progress.models import Enrollment, Program

# Generated accounts carry both marks, so a reset can never reach a real account.
PREFIX = "load-"
EMAIL_DOMAIN = "load.invalid"
PASSWORD = "load-test-password"  # every generated account shares it (hashed once)
TOKEN_NAME = "load benchmark"
PEOPLE_PER_CHUNK = 500
PROFILE_COLUMNS = (
    "user_id", "display_name", "timezone", "streak_mode", "points", "current_streak",
    "best_streak", "streak_alive_through", "data_version",
)  # fmt: skip
T = TypeVar("T")


@dataclass
class Report:
    users: int = 0
    attempts: int = 0
    rows: int = 0
    removed: int = 0
    tokens: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def generated_users() -> QuerySet[Any]:
    """Return the accounts an earlier run made (and nothing else)."""
    return get_user_model().objects.filter(
        username__startswith=PREFIX,
        email__endswith=f"@{EMAIL_DOMAIN}",
        is_staff=False,
        is_superuser=False,
    )


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _delete_attempts(user_ids: Sequence[int]) -> None:
    # Deleting through the ORM would load every attempt to null the links to it; clear the
    # links (hidden ones included) with one statement each, then delete in one statement.
    for relation in Attempt._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        name = relation.field.name  # type: ignore[union-attr]
        linked = relation.related_model._base_manager.filter(  # type: ignore[union-attr]
            **{f"{name}__user_id__in": user_ids}
        )
        if relation.on_delete is models.CASCADE:  # type: ignore[union-attr]
            linked.delete()
        else:
            linked.update(**{name: None})
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(user_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(Attempt._meta.db_table)} WHERE {quote('user_id')} IN ({marks})",
            list(user_ids),
        )


def remove_generated() -> int:
    """Delete every generated account with all it holds; return how many there were."""
    ids = list(generated_users().values_list("pk", flat=True))
    for chunk in _chunks(ids, 500):
        _delete_attempts(chunk)
        get_user_model().objects.filter(pk__in=chunk).delete()
    return len(ids)


def _deck() -> Deck:
    if not Challenge.objects.deck().exists():
        call_command("loaddeck", stdout=io.StringIO())
    cards = Challenge.objects.deck().values_list(
        "pk", "category__slug", "difficulty", "answer_later"
    )
    return Deck.of([Card(*values) for values in cards])


def _programs() -> dict[str, tuple[int, int | None]]:
    ensure_programs(Program)
    return {
        slug: (pk, length)
        for pk, slug, length in Program.objects.values_list("pk", "slug", "length_days")
    }


def _create_users(people: Sequence[Person], total: int, password: str, now: Any) -> list[int]:
    User = get_user_model()
    accounts = []
    for person in people:
        username = username_for(PREFIX, person.index, total)
        accounts.append(
            User(
                username=username,
                email=f"{username}@{EMAIL_DOMAIN}",
                password=password,
                date_joined=joined_at(person, now),
            )
        )
    User.objects.bulk_create(accounts)
    if any(account.pk is None for account in accounts):  # a database without RETURNING
        ids = dict(
            User.objects.filter(username__in=[a.username for a in accounts]).values_list(
                "username", "pk"
            )
        )
        return [ids[account.username] for account in accounts]
    return [account.pk for account in accounts]


def _write_chunk(
    sink: RowSink,
    chunk: Sequence[tuple[Person, int]],
    total: int,
    password: str,
    deck: Deck,
    programs: dict[str, tuple[int, int | None]],
    now: Any,
) -> int:
    """Write one chunk of people with everything derived from their asks; return the asks."""
    ids = _create_users([person for person, _ in chunk], total, password, now)
    histories = [
        (person, user_id, person_history(person, user_id, asks, deck, programs, now))
        for (person, asks), user_id in zip(chunk, ids, strict=True)
    ]
    profiles = []
    for person, user_id, history in histories:
        streak = history.tallies.streak(person.streak_mode)
        name, zone, mode = display_name(person), person.timezone, person.streak_mode
        points = history.tallies.points()
        # data_version starts at 1: nothing has been cached for these people yet.
        profiles.append(
            (
                user_id,
                name,
                zone,
                mode,
                points,
                streak.current,
                streak.best,
                streak.alive_through,
                1,
            )
        )
    sink.write(Profile, PROFILE_COLUMNS, profiles)
    sink.write(
        Enrollment, ENROLLMENT_COLUMNS, (row for *_, h in histories for row in h.enrollments)
    )
    with sink.into(Attempt, ATTEMPT_COLUMNS) as put:
        for *_, history in histories:
            for row in history.attempts:
                put(row)
    sink.write(DayTally, DAY_COLUMNS, (r for _, pk, h in histories for r in h.tallies.day_rows(pk)))
    sink.write(
        CategoryTally,
        CATEGORY_COLUMNS,
        (r for _, pk, h in histories for r in h.tallies.category_rows(pk)),
    )
    return sum(len(history.attempts) for *_, history in histories)


def _issue_tokens(count: int) -> list[str]:
    users = generated_users().order_by("username")[:count]
    return [create_token(user, TOKEN_NAME)[1] for user in users]


def _save_tokens(raws: list[str], path: Path) -> None:
    """Write one raw token a line, the first account's first; only its owner may read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{raw}\n" for raw in raws))
    path.chmod(0o600)


def _analyze() -> None:
    # Fresh statistics, so the first queries on the new rows get the plans they will keep.
    if connection.vendor == "postgresql":
        tables = [m._meta.db_table for m in (Attempt, DayTally, CategoryTally, Profile, Enrollment)]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}, {get_user_model()._meta.db_table}")


def generate(
    users: int,
    attempts: int,
    seed: int = 1,
    tokens: int = 0,
    tokens_file: Path | None = None,
    reset: bool = False,
    say: Callable[[str], None] = lambda line: None,
) -> Report:
    """Fill the database with `users` people and `attempts` asks, tallies and counters included."""
    started = time.monotonic()
    report = Report()
    with transaction.atomic():
        if reset:
            report.removed = remove_generated()
            say(f"Removed {report.removed:,} generated people ({time.monotonic() - started:.0f}s).")
        elif generated_users().exists():
            raise ValueError("Generated people are here already: pass --reset to replace them.")
        deck, programs = _deck(), _programs()
        people = plan_people(users, seed)
        shares = share_asks(people, attempts)
        now = timezone.now()
        password = make_password(PASSWORD)
        sink = RowSink()
        began = time.monotonic()
        for chunk in _chunks(list(zip(people, shares, strict=True)), PEOPLE_PER_CHUNK):
            report.attempts += _write_chunk(sink, chunk, users, password, deck, programs, now)
            report.users += len(chunk)
            rows = sink.written + report.users
            took = time.monotonic() - began
            say(
                f"  {report.users:,}/{users:,} people, {report.attempts:,} asks, "
                f"{rows:,} rows, {took:.0f}s ({rows / max(took, 1e-9):,.0f} rows/s)"
            )
        raws = _issue_tokens(tokens) if tokens else []
        report.tokens = len(raws)
        report.rows = sink.written + report.users + report.tokens
    if raws and tokens_file is not None:
        _save_tokens(raws, tokens_file)
    _analyze()
    report.seconds = time.monotonic() - started
    return report
