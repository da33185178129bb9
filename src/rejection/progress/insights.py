"""Insights: the figures behind the Progress charts and `GET /insights`.

Read from the day and category tallies only, never from attempts, over a bounded
window of local days, so the cost is the same five queries however long the
history grows: the profile, the all-time stats, the window's day tallies, the
category tallies and the category names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rejection.accounts.services import profile_for
from rejection.challenges.models import Category
from rejection.core.time import local_today
from rejection.journal.models import CategoryTally, DayTally
from rejection.journal.streaks import day_counts
from rejection.progress.queries import stats_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_WEEKS = 26
MAX_WEEKS = 104
ROLLING_DAYS = 7
OWN_WORDS = "Your own words"  # the name of the blank category: asks typed in, not from the deck
OUTCOMES = ("rejected", "no_response", "partial", "accepted", "pending", "avoided")
EMPTY_DAY: dict[str, Any] = {"asks": 0, "rest_day": False, **dict.fromkeys(OUTCOMES, 0)}


@dataclass(frozen=True)
class DayPoint:
    """One local day with anxiety ratings: that day's means and the trailing 7-day means."""

    date: dt.date
    before: float | None
    after: float | None
    rolling_before: float | None
    rolling_after: float | None


@dataclass(frozen=True)
class Week:
    week: str  # ISO week, "2026-W10"
    start: dt.date  # its Monday
    asks: int
    completed: int
    yeses: int
    yes_rate: float | None


@dataclass(frozen=True)
class HeatDay:
    date: dt.date
    asks: int
    rest_day: bool


@dataclass(frozen=True)
class StreakRun:
    """Consecutive days that each count or are rest days; length counts only the former."""

    start: dt.date
    end: dt.date
    length: int
    rest_dates: tuple[dt.date, ...] = ()

    @property
    def rest_days(self) -> int:
        return len(self.rest_dates)


@dataclass(frozen=True)
class CategoryFigures:
    slug: str
    name: str
    asks: int
    rejected: int
    no_response: int
    partial: int
    accepted: int
    pending: int
    avoided: int
    predicted: float | None  # the mean predicted chance of a no, 0-1, over completed asks
    actual: float | None  # the share of completed asks that got a no, 0-1

    @property
    def nos(self) -> int:
        return self.rejected + self.no_response

    @property
    def completed(self) -> int:
        return self.nos + self.partial + self.accepted


@dataclass(frozen=True)
class Insights:
    start: dt.date  # the Monday the window starts on
    end: dt.date  # today, the user's local day
    weeks: int
    streak_mode: str
    stats: dict[str, Any]  # all-time figures, as `GET /stats` answers
    series: list[DayPoint] = field(default_factory=list)
    weekly: list[Week] = field(default_factory=list)
    heatmap: list[HeatDay] = field(default_factory=list)
    streak_runs: list[StreakRun] = field(default_factory=list)
    by_category: list[CategoryFigures] = field(default_factory=list)

    @property
    def overall_predicted(self) -> float | None:
        return self.stats["predicted_rejection_avg"]

    @property
    def overall_actual(self) -> float | None:
        return self.stats["actual_rejection_rate"]

    @property
    def window_asks(self) -> int:
        return sum(day.asks for day in self.heatmap)

    def nerves_trend(self) -> tuple[float, float] | None:
        """Return the 7-day mean of nerves before an ask at the window's first and last rating."""
        rolling = [
            point.rolling_before for point in self.series if point.rolling_before is not None
        ]
        return (rolling[0], rolling[-1]) if rolling else None


def _ratio(top: float, bottom: float, places: int = 4) -> float | None:
    return round(top / bottom, places) if bottom else None


def window_start(today: dt.date, weeks: int) -> dt.date:
    """Return the Monday that starts a window of `weeks` ISO weeks ending with today's week."""
    return today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _series(rows: dict[dt.date, dict[str, Any]], start: dt.date, end: dt.date) -> list[DayPoint]:
    """Return the daily means and trailing 7-day means (all ratings in those days pooled)."""
    points = []
    for day in _days(start, end):
        row = rows.get(day)
        if row is None or not (row["anxiety_before_count"] or row["anxiety_after_count"]):
            continue
        week = [rows[d] for d in _days(day - dt.timedelta(days=ROLLING_DAYS - 1), day) if d in rows]
        points.append(
            DayPoint(
                date=day,
                before=_ratio(row["anxiety_before_sum"], row["anxiety_before_count"], 2),
                after=_ratio(row["anxiety_after_sum"], row["anxiety_after_count"], 2),
                rolling_before=_ratio(
                    sum(r["anxiety_before_sum"] for r in week),
                    sum(r["anxiety_before_count"] for r in week),
                    2,
                ),
                rolling_after=_ratio(
                    sum(r["anxiety_after_sum"] for r in week),
                    sum(r["anxiety_after_count"] for r in week),
                    2,
                ),
            )
        )
    return points


def _weekly(rows: dict[dt.date, dict[str, Any]], start: dt.date, end: dt.date) -> list[Week]:
    weeks = []
    monday = start
    while monday <= end:
        days = [rows[d] for d in _days(monday, monday + dt.timedelta(days=6)) if d in rows]
        yeses = sum(r["accepted"] + r["partial"] for r in days)
        completed = yeses + sum(r["rejected"] + r["no_response"] for r in days)
        year, number, _ = monday.isocalendar()
        weeks.append(
            Week(
                week=f"{year}-W{number:02d}",
                start=monday,
                asks=sum(r["asks"] for r in days),
                completed=completed,
                yeses=yeses,
                yes_rate=_ratio(yeses, completed),
            )
        )
        monday += dt.timedelta(weeks=1)
    return weeks


def _streak_runs(
    rows: dict[dt.date, dict[str, Any]], start: dt.date, end: dt.date, mode: str
) -> list[StreakRun]:
    """Return the runs of counting days in the window, with the rest days inside them."""
    runs: list[StreakRun] = []
    run: list[tuple[dt.date, bool]] = []  # (day, rest) of the run being built

    def close() -> None:
        length = sum(1 for _, rest in run if not rest)
        if length:
            rest_dates = tuple(day for day, rest in run if rest)
            runs.append(StreakRun(run[0][0], run[-1][0], length, rest_dates))
        run.clear()

    for day in _days(start, end):
        row = rows.get(day, EMPTY_DAY)
        nos = row["rejected"] + row["no_response"]
        counts = day_counts(nos, nos + row["accepted"] + row["partial"], mode)
        if counts or row["rest_day"]:
            # A day that counts outranks its rest flag: it adds to the streak.
            run.append((day, not counts))
        else:
            close()
    close()
    return runs


def _by_category(user: User) -> list[CategoryFigures]:
    tallies = CategoryTally.objects.filter(user=user).values(
        "category_slug", "asks", *OUTCOMES, "predicted_sum", "predicted_count"
    )
    names = dict(Category.objects.values_list("slug", "name"))
    figures = []
    for row in tallies:
        slug = row["category_slug"]
        nos = row["rejected"] + row["no_response"]
        completed = nos + row["partial"] + row["accepted"]
        figures.append(
            CategoryFigures(
                slug=slug,
                name=names.get(slug, slug.replace("-", " ").capitalize()) if slug else OWN_WORDS,
                asks=row["asks"],
                **{outcome: row[outcome] for outcome in OUTCOMES},
                predicted=_ratio(row["predicted_sum"], row["predicted_count"] * 100),
                actual=_ratio(nos, completed),
            )
        )
    figures.sort(key=lambda item: (-item.asks, item.name.lower(), item.slug))
    return figures


def insights_for(user: User, today: dt.date | None = None, weeks: int = DEFAULT_WEEKS) -> Insights:
    """Gather the Progress charts' figures for the `weeks` ISO weeks ending with today's."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}")
    profile = profile_for(user)
    today = today or local_today(profile.timezone)
    start = window_start(today, weeks)
    stats = stats_for(user)
    # Six days before the window too, so the first days' rolling means are whole.
    rows: dict[dt.date, dict[str, Any]] = {
        row["local_date"]: dict(row)
        for row in DayTally.objects.filter(
            user=user,
            local_date__gte=start - dt.timedelta(days=ROLLING_DAYS - 1),
            local_date__lte=today,
        ).values()
    }
    in_window = {day: row for day, row in rows.items() if day >= start}
    return Insights(
        start=start,
        end=today,
        weeks=weeks,
        streak_mode=profile.streak_mode,
        stats=stats,
        series=_series(rows, start, today),
        weekly=_weekly(in_window, start, today),
        heatmap=[
            HeatDay(day, row["asks"], row["rest_day"])
            for day, row in ((day, in_window.get(day, EMPTY_DAY)) for day in _days(start, today))
        ],
        streak_runs=_streak_runs(in_window, start, today, profile.streak_mode),
        by_category=_by_category(user),
    )
