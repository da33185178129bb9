"""Milestones: what earns a badge, and awarding each one once.

Every definition is a predicate over a handful of cheap figures (the profile's
counters, one sum over category tallies, one over a month's day tallies), so
checking after each write costs the same after ten asks or ten thousand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import BigIntegerField, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.utils import timezone

from rejection.accounts.days import user_today
from rejection.accounts.services import profile_for
from rejection.journal.counters import Snapshot, lock_user
from rejection.journal.models import (
    NO_OUTCOMES,
    YES_OUTCOMES,
    Attempt,
    CategoryTally,
    DayTally,
    Outcome,
)
from rejection.progress.models import Badge

if TYPE_CHECKING:
    from django.contrib.auth.models import User

HARD_DIFFICULTY = 7
BUSTER_MIN_ASKS = 5


@dataclass(frozen=True)
class Figures:
    nos: int
    yeses: int
    best_streak: int
    hardest: int  # difficulty of the hardest ask in view (0: none)
    busted: bool  # a month where no came less than half as often as predicted


@dataclass(frozen=True)
class Milestone:
    code: str
    title: str
    description: str
    earned: Callable[[Figures], bool]
    # Which evidence explains it when awarded from history rather than from one ask.
    evidence: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "title": self.title, "description": self.description}


def _streak(days: int, title: str, description: str) -> Milestone:
    return Milestone(f"streak_{days}", title, description, lambda f: f.best_streak >= days)


def _nos(count: int, title: str, description: str) -> Milestone:
    return Milestone(f"nos_{count}", title, description, lambda f: f.nos >= count, "no")


MILESTONES: tuple[Milestone, ...] = (
    Milestone(
        "first_no", "First no", "You asked, and heard no. That's the whole point.",
        lambda f: f.nos >= 1, "no",
    ),
    Milestone(
        "first_yes", "First yes", "You asked, and they said yes. People often do.",
        lambda f: f.yeses >= 1, "yes",
    ),
    _streak(3, "Three days running", "Three days in a row. A habit is taking shape."),
    _streak(7, "A week running", "Seven days in a row. You keep showing up."),
    _streak(14, "Two weeks running", "Fourteen days in a row. Asking is getting ordinary."),
    _streak(30, "Thirty days running", "Thirty days in a row: the classic game, done."),
    _streak(50, "Fifty days running", "Fifty days in a row. That is real persistence."),
    _streak(100, "A hundred days running", "A hundred days in a row. Remarkable."),
    _nos(10, "10 nos", "Ten times you heard no, and you kept asking."),
    _nos(50, "50 nos", "Fifty nos. Each one made the next ask a little lighter."),
    _nos(100, "100 nos", "A hundred nos. A no has far less hold on you now."),
    _nos(500, "500 nos", "Five hundred nos. Very few people ever ask this much."),
    Milestone(
        "big_ask", "Big ask", f"You took on a difficulty {HARD_DIFFICULTY} or harder. Brave.",
        lambda f: f.hardest >= HARD_DIFFICULTY, "hard",
    ),
    Milestone(
        "prediction_buster", "Prediction buster",
        "For a whole month, no came less than half as often as you expected.",
        lambda f: f.busted,
    ),
)  # fmt: skip
BY_CODE = {milestone.code: milestone for milestone in MILESTONES}


def milestone_message(item: dict[str, str]) -> str:
    """Return the short line that celebrates a badge the moment it is earned."""
    return f"New milestone: {item['title']}. {item['description']}"


def busted(figures: Mapping[str, Any]) -> bool:
    """Tell whether a month's tallies beat the prediction: actual no rate under half of it."""
    count = figures["predicted_count"] or 0
    completed = figures["completed"] or 0
    if count < BUSTER_MIN_ASKS or not completed:
        return False
    predicted = figures["predicted_sum"] / (100 * count)
    return figures["nos"] / completed < 0.5 * predicted


MONTH_FIGURES = {
    "nos": Sum("rejected") + Sum("no_response"),
    "completed": Sum("rejected") + Sum("no_response") + Sum("accepted") + Sum("partial"),
    "predicted_sum": Sum("predicted_sum"),
    "predicted_count": Sum("predicted_count"),
}


def _any_month_busted(user: User) -> bool:
    months = (
        DayTally.objects.filter(user=user)
        .annotate(month=TruncMonth("local_date"))
        .order_by("month")
        .values("month")
        .annotate(**MONTH_FIGURES)
    )
    return any(busted(row) for row in months)


def _totals(user: User) -> dict[str, int]:
    return CategoryTally.objects.filter(user=user).aggregate(
        nos=Sum("rejected", default=0) + Sum("no_response", default=0),
        yeses=Sum("accepted", default=0) + Sum("partial", default=0),
    )


def _award(
    user: User, figures: Figures, reasons: dict[str, int | None], held: set[str]
) -> list[dict[str, str]]:
    new = [m for m in MILESTONES if m.code not in held and m.earned(figures)]
    if not new:
        return []
    now = timezone.now()
    today = user_today(user)
    Badge.objects.bulk_create(
        [
            Badge(
                user=user,
                code=m.code,
                awarded_on=today,
                awarded_at=now,
                reason_attempt_id=reasons.get(m.evidence),
                reason_id=reasons.get(m.evidence),
            )
            for m in new
        ],
        ignore_conflicts=True,
    )
    return [m.as_dict() for m in new]


def _held(user: User) -> set[str]:
    return set(Badge.objects.filter(user=user).order_by().values_list("code", flat=True))


def held_mask(user_id: int) -> RawSQL:
    """The badges a user holds as one bit per milestone (read with the write's lock query).

    Written as SQL: it is compiled on every write, and the ORM's fourteen-branch CASE
    cost more than the statement takes to run.
    """
    cases = " ".join(["WHEN %s THEN %s"] * len(MILESTONES))
    params: list[Any] = [x for i, m in enumerate(MILESTONES) for x in (m.code, 1 << i)]
    return RawSQL(
        f"SELECT SUM(CASE code {cases} ELSE 0 END) FROM {Badge._meta.db_table} WHERE user_id = %s",
        [*params, user_id],
        output_field=BigIntegerField(),
    )


# What a journal write should read under its lock for award_for_attempt (no extra query).
WRITE_FIGURES = {"badges_held": held_mask}


def _held_from(mask: int | None) -> set[str]:
    return {m.code for i, m in enumerate(MILESTONES) if (mask or 0) & (1 << i)}


def _figures_from(snapshot: Snapshot, month_of: dt.date | None, hardest: int) -> Figures:
    """Figures from the day tallies the write already holds: no query."""
    days = snapshot.after
    if month_of is None:
        months: dict[dt.date, list[Any]] = {}
        for day, figures in days.items():
            months.setdefault(day.replace(day=1), []).append(figures)
        is_busted = any(_month_beaten(rows) for rows in months.values())
    else:
        start = month_of.replace(day=1)
        is_busted = _month_beaten([f for d, f in days.items() if d.replace(day=1) == start])
    return Figures(
        nos=sum(f.nos for f in days.values()),
        yeses=sum(f.accepted + f.partial for f in days.values()),
        best_streak=snapshot.profile.best_streak,
        hardest=hardest,
        busted=is_busted,
    )


def _month_beaten(days: list[Any]) -> bool:
    return busted(
        {
            "nos": sum(f.nos for f in days),
            "completed": sum(f.completed for f in days),
            "predicted_sum": sum(f.predicted_sum for f in days),
            "predicted_count": sum(f.predicted_count for f in days),
        }
    )


def award_for_attempt(user: User, attempt: Attempt, snapshot: Snapshot) -> list[dict[str, str]]:
    """Award what the user has just reached with this ask; return the new badges."""
    held = _held_from(snapshot.extras.get("badges_held"))
    if held >= BY_CODE.keys():
        return []
    challenge = attempt.challenge
    asked = attempt.outcome != Outcome.AVOIDED
    hardest = challenge.difficulty if challenge is not None and asked else 0
    figures = _figures_from(snapshot, attempt.local_date, hardest)
    reason = attempt.pk
    return _award(user, figures, {key: reason for key in ("", "no", "yes", "hard")}, held)


def _latest(user: User, rows: Q) -> int | None:
    return (
        Attempt.objects.filter(rows, user=user)
        .order_by("-occurred_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )


def award_from_history(
    user: User,
    held: set[str] | None = None,
    snapshot: Snapshot | None = None,
) -> list[dict[str, str]]:
    """Award everything the user's whole history has earned (a fixed number of queries).

    With the write's snapshot the figures come from the tallies in hand; evidence is
    looked up only for the kinds of badge about to be awarded.
    """
    held = _held(user) if held is None else held
    if held >= BY_CODE.keys():
        return []
    hard = Q(challenge__difficulty__gte=HARD_DIFFICULTY) & ~Q(outcome=Outcome.AVOIDED)
    hardest = _latest(user, hard) if "big_ask" not in held else None
    hardest_level = HARD_DIFFICULTY if hardest is not None else 0
    if snapshot is not None:
        figures = _figures_from(snapshot, None, hardest_level)
    else:
        figures = Figures(
            **_totals(user),
            best_streak=profile_for(user).best_streak,
            hardest=hardest_level,
            busted=_any_month_busted(user),
        )
    wanted = {m.evidence for m in MILESTONES if m.code not in held and m.earned(figures)}
    # The latest ask that explains each badge: deleting it re-checks the badge again.
    reasons: dict[str, int | None] = {"hard": hardest}
    if "no" in wanted:
        reasons["no"] = _latest(user, Q(outcome__in=NO_OUTCOMES))
    if "yes" in wanted:
        reasons["yes"] = _latest(user, Q(outcome__in=YES_OUTCOMES))
    return _award(user, figures, reasons, held)


def _revoke(user: User, attempt_id: int) -> set[str]:
    """Delete the badges this ask explained and return their codes (one statement)."""
    table = connection.ops.quote_name(Badge._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE user_id = %s AND reason_id = %s RETURNING code",
            [user.pk, attempt_id],
        )
        return {code for (code,) in cursor.fetchall()}


def award_after_delete(user: User, attempt_id: int, snapshot: Snapshot) -> list[dict[str, str]]:
    """Take back the badges a deleted ask explained, then award back what history still earns."""
    revoked = _revoke(user, attempt_id)
    if not revoked:
        return []
    # Re-check only what was taken back, against the history that is left.
    return _reaward(user, revoked, _figures_from(snapshot, None, HARD_DIFFICULTY))


EVIDENCE = {
    "no": Q(outcome__in=NO_OUTCOMES),
    "yes": Q(outcome__in=YES_OUTCOMES),
    "hard": Q(challenge__difficulty__gte=HARD_DIFFICULTY) & ~Q(outcome=Outcome.AVOIDED),
}


def _reaward(user: User, codes: set[str], figures: Figures) -> list[dict[str, str]]:
    """Award back what a deleted ask explained and the rest of the history still earns.

    Each kind of evidence is one INSERT ... SELECT naming the latest ask that explains it,
    which inserts nothing when no such ask is left; so no separate lookup is needed.
    """
    kinds: dict[str, list[Milestone]] = {}
    for code in codes:
        milestone = BY_CODE.get(code)
        # Figures decide the counted badges; a hard ask's badge is decided by the SELECT.
        if milestone is not None and (milestone.evidence == "hard" or milestone.earned(figures)):
            kinds.setdefault(milestone.evidence, []).append(milestone)
    ops = connection.ops
    moment, day = timezone.now(), user_today(user)
    awarded: set[str] = set()
    plain = kinds.pop("", [])
    if plain:
        Badge.objects.bulk_create(
            [Badge(user=user, code=m.code, awarded_on=day, awarded_at=moment) for m in plain],
            ignore_conflicts=True,
        )
        awarded |= {m.code for m in plain}
    now, today = ops.adapt_datetimefield_value(moment), ops.adapt_datefield_value(day)
    table = ops.quote_name(Badge._meta.db_table)
    for kind, milestones in kinds.items():
        latest = Attempt.objects.filter(EVIDENCE[kind], user=user).order_by("-occurred_at", "-id")
        evidence, params = latest.values("id")[:1].query.sql_with_params()
        names = " UNION ALL ".join(["SELECT %s AS code"] * len(milestones))
        sql = (
            f"INSERT INTO {table} "
            "(user_id, code, awarded_on, awarded_at, reason_attempt_id, reason_id) "
            f"SELECT %s, c.code, %s, %s, e.id, e.id FROM ({evidence}) e CROSS JOIN ({names}) c "
            "WHERE true ON CONFLICT DO NOTHING RETURNING code"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [user.pk, today, now, *params, *(m.code for m in milestones)])
            awarded |= {code for (code,) in cursor.fetchall()}
    return [m.as_dict() for m in MILESTONES if m.code in awarded]


def award_everyone(users: Any) -> int:
    """Re-check every user's whole history (for data logged before badges); return awards."""
    awarded = 0
    for user in users:
        with transaction.atomic():
            lock_user(user)
            awarded += len(award_from_history(user))
    return awarded


def badges_for(user: User) -> list[dict[str, Any]]:
    """Return the user's badges, oldest first, as plain values (one query)."""
    rows = Badge.objects.filter(user=user).values_list("code", "awarded_on", "reason_attempt_id")
    badges = []
    for code, awarded_on, reason in rows:
        milestone = BY_CODE.get(code)
        if milestone is not None:  # a retired definition is simply not shown
            badges.append(
                {**milestone.as_dict(), "awarded_on": awarded_on, "reason_attempt_id": reason}
            )
    return badges


def upcoming(badges: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Return the milestones not yet earned, in the order they are listed."""
    held = {badge["code"] for badge in badges}
    return [m.as_dict() for m in MILESTONES if m.code not in held]


# One icon per kind of milestone (drawn by web/_milestone_icon.html).
ICONS = {"first_no": "no", "first_yes": "yes", "big_ask": "bold", "prediction_buster": "buster"}


def icon_of(code: str) -> str:
    """Return the name of the icon a milestone is drawn with."""
    if code.startswith("streak_"):
        return "streak"
    if code.startswith("nos_"):
        return "no"
    return ICONS.get(code, "star")


def _goal(milestone: Milestone, figures: Figures) -> tuple[int, int] | None:
    """Return (how far, how far to go) for a milestone counted in steps, else None."""
    code = milestone.code
    if code == "first_no":
        return figures.nos, 1
    if code == "first_yes":
        return figures.yeses, 1
    if code.startswith("streak_"):
        return figures.best_streak, int(code.split("_")[1])
    if code.startswith("nos_"):
        return figures.nos, int(code.split("_")[1])
    return None


@dataclass(frozen=True)
class Board:
    """Every milestone, earned or still to come, and the next one to aim for."""

    earned: list[dict[str, Any]]
    to_come: list[dict[str, Any]]

    @property
    def next(self) -> dict[str, Any] | None:
        """The counted milestone still to come that is nearest, as a share of its goal."""
        counted = [item for item in self.to_come if item["need"]]
        return max(counted, key=lambda item: item["have"] / item["need"], default=None)


def milestone_board(user: User) -> Board:
    """Return the person's milestones, earned and to come, with progress (two queries)."""
    badges = badges_for(user)
    totals = _totals(user)
    figures = Figures(
        nos=totals["nos"],
        yeses=totals["yeses"],
        best_streak=profile_for(user).best_streak,
        hardest=0,
        busted=False,
    )
    earned = [{**badge, "icon": icon_of(badge["code"])} for badge in badges]
    held = {badge["code"] for badge in badges}
    to_come = []
    for milestone in MILESTONES:
        if milestone.code in held:
            continue
        goal = _goal(milestone, figures)
        have, need = goal if goal is not None else (0, 0)
        to_come.append(
            {
                **milestone.as_dict(),
                "icon": icon_of(milestone.code),
                "have": min(have, need),
                "need": need,
                "percent": round(100 * min(have, need) / need) if need else 0,
            }
        )
    return Board(earned=earned, to_come=to_come)
