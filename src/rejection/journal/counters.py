"""Day tallies, category tallies and profile counters, kept in step with every write.

Pages and the API read these instead of scanning every attempt, so their cost stays flat
however long a user keeps going. A write costs a fixed number of statements too:

1. `lock_and_read` locks the user's profile and reads it with every day tally (and any
   extra figures the caller asks for, such as the milestones already held) in one query;
2. `apply_change` recounts the touched days and categories, each kind in one
   INSERT ... SELECT ... ON CONFLICT DO UPDATE (an exact recount, so nothing can drift),
   then derives points and streaks from the tallies already in hand and saves the profile.
   A new ask (`add_new`) runs the same statements over itself alone and adds the result
   to the rows there, instead of recounting every ask of its day and category.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.expressions import Expression, RawSQL

from rejection.accounts.models import Profile
from rejection.challenges.models import Category, Challenge
from rejection.journal.models import (
    COMPLETED_OUTCOMES,
    FINISHED_OUTCOMES,
    Attempt,
    CategoryTally,
    DayTally,
    IdempotencyKey,
    Outcome,
)
from rejection.journal.streaks import day_counts, streaks

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FIGURES = (
    "asks",
    *FINISHED_OUTCOMES,
    "predicted_sum",
    "predicted_count",
    "anxiety_before_sum",
    "anxiety_before_count",
    "anxiety_after_sum",
    "anxiety_after_count",
)


@dataclass(frozen=True)
class Day:
    """What the counters and milestones need of one day tally."""

    rejected: int = 0
    no_response: int = 0
    accepted: int = 0
    partial: int = 0
    points: int = 0
    rest_day: bool = False
    predicted_sum: int = 0
    predicted_count: int = 0

    @property
    def nos(self) -> int:
        return self.rejected + self.no_response

    @property
    def completed(self) -> int:
        return self.nos + self.accepted + self.partial


DAY_FIELDS = tuple(Day.__dataclass_fields__)
# A figure read with the write's lock: user id -> an expression (an uncorrelated subquery).
Extras = Callable[[int], Expression]


@dataclass
class Snapshot:
    """The user's state under the write lock: profile, days before and after, extras."""

    profile: Profile
    before: dict[dt.date, Day]
    extras: dict[str, Any] = field(default_factory=dict)
    replay_id: int | None = None
    after: dict[dt.date, Day] = field(default_factory=dict)


def lock_user(user: User) -> None:
    """Serialise one user's writes (PostgreSQL row lock; SQLite's IMMEDIATE does it already)."""
    Profile.objects.select_for_update().filter(user=user).values_list("pk", flat=True).first()


def lock_and_bump(user: User) -> None:
    """Lock the user's row, as lock_user does, and bump the profile's data version.

    For writes outside the journal that change what cached reads show (a card swap, a
    program start): the next view asks for a new key, as after an ask.
    """
    Profile.objects.filter(user=user).update(data_version=F("data_version") + 1)


def _locked_profiles(user: User) -> QuerySet[Profile]:
    rows = Profile.objects.filter(user=user)
    if connection.features.has_select_for_update_of:
        return rows.select_for_update(of=("self",))  # lock the profile, not the tallies joined
    return rows.select_for_update()


def lock_and_read(
    user: User, idempotency_key: str | None = None, extras: Mapping[str, Extras] | None = None
) -> Snapshot:
    """Lock the user's row and read profile, day tallies and the extras asked for in one query."""
    wanted: dict[str, Any] = {name: make(user.pk) for name, make in (extras or {}).items()}
    if idempotency_key:
        keys = IdempotencyKey._meta.db_table
        wanted["replay_id"] = RawSQL(
            f"SELECT id FROM {keys} WHERE user_id = %s AND {connection.ops.quote_name('key')} = %s",
            [user.pk, idempotency_key],
            output_field=BigIntegerField(),
        )
    profile_fields = [f.attname for f in Profile._meta.concrete_fields]
    day_fields = [f"user__day_tallies__{name}" for name in ("local_date", *DAY_FIELDS)]
    rows = list(
        _locked_profiles(user)
        .annotate(**wanted)
        .order_by()
        .values_list(*profile_fields, *day_fields, *wanted)
    )
    if not rows:
        raise Profile.DoesNotExist(f"User {user.pk} has no profile.")
    first = rows[0]
    profile = Profile.from_db(connection.alias, profile_fields, first[: len(profile_fields)])
    width = len(profile_fields)
    before = {
        row[width]: Day(*row[width + 1 : width + 1 + len(DAY_FIELDS)])
        for row in rows
        if row[width] is not None
    }
    values = dict(zip(wanted, first[width + 1 + len(DAY_FIELDS) :], strict=True))
    replay_id = values.pop("replay_id", None)
    user.profile = profile
    return Snapshot(profile=profile, before=before, extras=values, replay_id=replay_id)


def _figures_sql(alias: str) -> tuple[str, list[Any]]:
    """The FIGURES columns as aggregates over attempts aliased `alias`, with their params.

    Written out rather than built by the ORM: a write runs two of these, and compiling
    fifteen filtered aggregates through the ORM cost more CPU than the rest of the request.
    """
    completed = sorted(COMPLETED_OUTCOMES)
    among = f"{alias}.outcome IN ({', '.join(['%s'] * len(completed))})"
    parts = ["COUNT(*)"] + [f"COUNT(*) FILTER (WHERE {alias}.outcome = %s)"] * len(
        FINISHED_OUTCOMES
    )
    # Calibration (expected no against real no) counts honest predictions only: those made
    # before the answer was known ("I'm about to ask"), not ones written in afterwards.
    honest = f"{among} AND {alias}.predicted_before"
    parts += [
        f"COALESCE(SUM({alias}.predicted_rejection) FILTER (WHERE {honest}), 0)",
        f"COUNT({alias}.predicted_rejection) FILTER (WHERE {honest})",
        f"COALESCE(SUM({alias}.anxiety_before), 0)",
        f"COUNT({alias}.anxiety_before)",
        f"COALESCE(SUM({alias}.anxiety_after), 0)",
        f"COUNT({alias}.anxiety_after)",
    ]
    return ", ".join(parts), [*FINISHED_OUTCOMES, *completed, *completed]


# An ask in progress is not an attempt yet: no tally, point or streak sees it.
FINISHED_ONLY = "a.outcome <> %s"


def _upsert(
    model: Any,
    keys: tuple[str, ...],
    more: tuple[str, ...],
    select: str,
    returning: str,
    add: bool = False,
) -> str:
    """INSERT the grouped `select` into model's table, replacing the figures of rows there
    (or, with `add`, adding to them)."""
    table = model._meta.db_table
    columns = (*keys, *FIGURES, *more)
    refresh = [c for c in (*FIGURES, *more) if c != "rest_day"]  # a rest day stays one
    sets = [f"{c} = {table}.{c} + excluded.{c}" if add else f"{c} = excluded.{c}" for c in refresh]
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) {select} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {', '.join(sets)} RETURNING {returning}"
    )


def _run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def category_of(attempt: Attempt) -> str:
    """Return the category slug an attempt is tallied under ("" for free text)."""
    challenge = attempt.challenge
    return challenge.category.slug if challenge is not None else ""


def _as_date(value: Any) -> dt.date:
    # RETURNING rows come back raw: SQLite gives ISO strings where PostgreSQL gives dates.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _day(values: tuple[Any, ...]) -> Day:
    figures = dict(zip(DAY_FIELDS, values, strict=True))
    figures["rest_day"] = bool(figures["rest_day"])  # SQLite returns 0 or 1 here
    return Day(**figures)


def _day_upsert(which: str, add: bool = False) -> str:
    """The day tallies' upsert of the finished attempts `which` (a condition on `a`) picks."""
    figures, _ = _figures_sql("a")
    select = (
        f"SELECT a.user_id, a.local_date, {figures}, COALESCE(SUM(a.points), 0), %s "
        f"FROM {Attempt._meta.db_table} a "
        f"WHERE a.user_id = %s AND {FINISHED_ONLY} AND {which} "
        "GROUP BY a.user_id, a.local_date"
    )
    return _upsert(
        DayTally,
        ("user_id", "local_date"),
        ("points", "rest_day"),
        select,
        ", ".join(("local_date", *DAY_FIELDS)),
        add,
    )


def _recount_days(user: User, days: set[dt.date]) -> dict[dt.date, Day]:
    _, figure_params = _figures_sql("a")
    dates = [connection.ops.adapt_datefield_value(day) for day in sorted(days)]
    sql = _day_upsert(f"a.local_date IN ({', '.join(['%s'] * len(dates))})")
    written = _run(sql, [*figure_params, False, user.pk, Outcome.IN_PROGRESS, *dates])
    found = {_as_date(row[0]): _day(row[1:]) for row in written}
    gone = days - found.keys()
    if gone:  # no asks left on these days: keep a rest day's row, emptied, drop the rest
        mine = DayTally.objects.filter(user=user, local_date__in=gone)
        mine.filter(rest_day=False).delete()
        mine.update(**dict.fromkeys((*FIGURES, "points"), 0))
    return found


def _category_upsert(which: str, add: bool = False) -> str:
    """The category tallies' upsert of the finished attempts `which` (on `a` and `k`) picks."""
    figures, _ = _figures_sql("a")
    select = (
        f"SELECT a.user_id, COALESCE(k.slug, ''), {figures} "
        f"FROM {Attempt._meta.db_table} a "
        f"LEFT JOIN {Challenge._meta.db_table} c ON c.id = a.challenge_id "
        f"LEFT JOIN {Category._meta.db_table} k ON k.id = c.category_id "
        f"WHERE a.user_id = %s AND {FINISHED_ONLY} AND ({which}) "
        "GROUP BY a.user_id, COALESCE(k.slug, '')"
    )
    return _upsert(CategoryTally, ("user_id", "category_slug"), (), select, "category_slug", add)


def _recount_categories(user: User, slugs: set[str]) -> None:
    named = sorted(slug for slug in slugs if slug)
    where = [f"k.slug IN ({', '.join(['%s'] * len(named))})"] if named else []
    if "" in slugs:
        where.append("a.challenge_id IS NULL")
    _, figure_params = _figures_sql("a")
    sql = _category_upsert(" OR ".join(where))
    written = _run(sql, [*figure_params, user.pk, Outcome.IN_PROGRESS, *named])
    gone = slugs - {row[0] for row in written}
    if gone:
        CategoryTally.objects.filter(user=user, category_slug__in=gone).delete()


def apply_change(
    user: User, days: set[dt.date], categories: set[str], snapshot: Snapshot | None = None
) -> Snapshot:
    """Bring the tallies of the touched days and categories, and the counters, up to date."""
    snapshot = snapshot or lock_and_read(user)
    after = dict(snapshot.before)
    found = _recount_days(user, days) if days else {}
    for day in days:
        if day in found:
            after[day] = found[day]
        elif day in after and after[day].rest_day:
            after[day] = Day(rest_day=True)
        else:
            after.pop(day, None)
    if categories:
        _recount_categories(user, categories)
    snapshot.after = after
    save_counters(snapshot)
    return snapshot


# The two upserts that add one attempt, built once: a logged ask runs them on every write.
_ADD_TO_DAY = _day_upsert("a.id = %s", add=True)
_ADD_TO_CATEGORY = _category_upsert("a.id = %s", add=True)


def add_new(user: User, attempt: Attempt, snapshot: Snapshot) -> Snapshot:
    """Add a just-saved attempt to its day and category tallies, then update the counters.

    The same figures as a recount, over this one attempt and added to the rows there
    (`n = n + excluded.n`), so the cost stays flat however many asks the day or category
    holds. An ask in progress counts nowhere yet: nothing to add.
    """
    after = dict(snapshot.before)
    if attempt.outcome != Outcome.IN_PROGRESS:
        _, figure_params = _figures_sql("a")
        params = [user.pk, Outcome.IN_PROGRESS, attempt.pk]
        for row in _run(_ADD_TO_DAY, [*figure_params, False, *params]):
            after[_as_date(row[0])] = _day(row[1:])
        _run(_ADD_TO_CATEGORY, [*figure_params, *params])
    snapshot.after = after
    save_counters(snapshot)
    return snapshot


def save_counters(snapshot: Snapshot) -> Profile:
    """Derive points and streaks from the day tallies in hand and save them on the profile."""
    profile = snapshot.profile
    mode = profile.streak_mode
    state = streaks(
        (day, day_counts(figures.nos, figures.completed, mode), figures.rest_day)
        for day, figures in snapshot.after.items()
    )
    profile.points = sum(figures.points for figures in snapshot.after.values())
    profile.current_streak = state.current
    profile.best_streak = state.best
    profile.streak_alive_through = state.alive_through
    profile.data_version += 1
    profile.save(
        update_fields=[
            "points",
            "current_streak",
            "best_streak",
            "streak_alive_through",
            "data_version",
        ]
    )
    return profile


def refresh_counters(user: User) -> Profile:
    """Recompute points and streaks on the profile from the day tallies."""
    snapshot = lock_and_read(user)
    snapshot.after = dict(snapshot.before)
    return save_counters(snapshot)


def with_rest_day(snapshot: Snapshot, day: dt.date) -> Snapshot:
    """Return the snapshot with `day` marked as a rest day in its after-state."""
    after = dict(snapshot.after or snapshot.before)
    after[day] = replace(after.get(day, Day()), rest_day=True)
    snapshot.after = after
    return snapshot


def rebuild_user(user: User) -> Profile:
    """Rebuild every tally and counter of one user from their attempts alone."""
    with transaction.atomic():
        lock_user(user)
        rest_days = set(
            DayTally.objects.filter(user=user, rest_day=True).values_list("local_date", flat=True)
        )
        DayTally.objects.filter(user=user).delete()
        CategoryTally.objects.filter(user=user).delete()
        DayTally.objects.bulk_create(
            [DayTally(user=user, local_date=day, rest_day=True) for day in rest_days]
        )
        mine = Attempt.objects.filter(user=user).exclude(outcome=Outcome.IN_PROGRESS)
        days = set(mine.values_list("local_date", flat=True))
        categories = {
            slug or "" for slug in mine.values_list("challenge__category__slug", flat=True)
        }
        return apply_change(user, days, categories).profile
