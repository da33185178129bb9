"""The weekly summary: one ISO week (Monday to Sunday, local days) in a few figures.

Two queries whatever the history: one aggregate over the day tallies of this week
and the one before, and the week's starred asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Q, Sum

from rejection.accounts.days import user_today
from rejection.core.contracts import EARLIEST_YEAR
from rejection.core.errors import NotFound
from rejection.journal.models import Attempt, DayTally

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_HIGHLIGHTS = 5
# A change in average nerves smaller than this is noise, not news.
NOTABLE_CHANGE = 0.5
NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")


def week_label(monday: dt.date) -> str:
    """Return the ISO week name of a Monday, e.g. "2026-W11"."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def parse_week(week: str, today: dt.date) -> dt.date:
    """Return the Monday of an ISO week like "2026-W47" (checked by the contract's IsoWeek).

    A week 53 its year lacks, or a week still to come, is not found.
    """
    year, number = int(week[:4]), int(week[6:8])
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise NotFound(f"{year} has no week {number}.", field="week") from None
    if monday > monday_of(today):
        raise NotFound("That week has not started yet.", field="week")
    return monday


@dataclasses.dataclass(frozen=True)
class WeekSummary:
    week: str
    start: dt.date
    end: dt.date
    is_current: bool
    asks: int
    nos: int
    yeses: int
    avoided: int
    pending: int
    points: int
    anxiety_before: float | None
    anxiety_before_previous: float | None
    highlights: list[Attempt] = dataclasses.field(default_factory=list)
    encouragement: str = ""
    previous_week: str | None = None
    next_week: str | None = None

    @property
    def anxiety_change(self) -> float | None:
        """Return this week's average nerves before asking minus last week's, or None."""
        if self.anxiety_before is None or self.anxiety_before_previous is None:
            return None
        return round(self.anxiety_before - self.anxiety_before_previous, 2)


def _count(number: int) -> str:
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)


def encouragement(figures: dict[str, Any], change: float | None, is_current: bool) -> str:
    """Choose one kind, true sentence from the week's figures; never a reproach."""
    asks, nos, yeses = figures["asks"], figures["nos"], figures["yeses"]
    calmer = change is not None and change <= -NOTABLE_CHANGE
    if asks == 0:
        if is_current:
            return "A quiet week so far. Today's card is waiting whenever you are."
        return "A quiet week. Rest is part of it, and the next card will keep."
    if nos >= 3:
        line = f"{_count(nos)} nos this week. Each one was a small act of courage."
        return line + (" And your nerves before asking eased." if calmer else "")
    if calmer:
        return "Your nerves before asking eased this week. That is practice paying off."
    if nos == 1:
        return "One no this week: you asked, and you heard it. That's the win."
    if nos == 2:
        return "Two nos this week: you asked, and you heard them. That's the win."
    if yeses == 1:
        return "Someone said yes this week. People often do, more than we expect."
    if yeses:
        return f"People said yes {yeses} times this week. They do, more often than we expect."
    if figures["pending"]:
        return "Your answers are on their way. Asking was the brave part."
    return "You came close this week. Getting near an ask is a step too."


def _average(total: int | None, count: int | None) -> float | None:
    return round(total / count, 2) if total is not None and count else None


def summary_for(user: User, week: str | None = None) -> WeekSummary:
    """Summarise one ISO week of the user's asks (default: this local week)."""
    today = user_today(user)
    start = parse_week(week, today) if week is not None else monday_of(today)
    end = start + dt.timedelta(days=6)
    before = start - dt.timedelta(days=7)
    this = Q(local_date__gte=start)
    sums = DayTally.objects.filter(
        user=user, local_date__gte=before, local_date__lte=end
    ).aggregate(
        asks=Sum("asks", filter=this, default=0),
        rejected=Sum("rejected", filter=this, default=0),
        no_response=Sum("no_response", filter=this, default=0),
        accepted=Sum("accepted", filter=this, default=0),
        partial=Sum("partial", filter=this, default=0),
        avoided=Sum("avoided", filter=this, default=0),
        pending=Sum("pending", filter=this, default=0),
        points=Sum("points", filter=this, default=0),
        before_sum=Sum("anxiety_before_sum", filter=this),
        before_count=Sum("anxiety_before_count", filter=this),
        previous_sum=Sum("anxiety_before_sum", filter=~this),
        previous_count=Sum("anxiety_before_count", filter=~this),
    )
    figures = {
        "asks": sums["asks"],
        "nos": sums["rejected"] + sums["no_response"],
        "yeses": sums["accepted"] + sums["partial"],
        "avoided": sums["avoided"],
        "pending": sums["pending"],
        "points": sums["points"],
    }
    highlights = list(
        Attempt.objects.filter(user=user, starred=True, local_date__gte=start, local_date__lte=end)
        .select_related("challenge")
        .order_by("occurred_at", "id")[:MAX_HIGHLIGHTS]
    )
    is_current = start == monday_of(today)
    anxiety_before = _average(sums["before_sum"], sums["before_count"])
    anxiety_previous = _average(sums["previous_sum"], sums["previous_count"])
    summary = WeekSummary(
        week=week_label(start),
        start=start,
        end=end,
        is_current=is_current,
        anxiety_before=anxiety_before,
        anxiety_before_previous=anxiety_previous,
        highlights=highlights,
        previous_week=week_label(before) if before.isocalendar().year >= EARLIEST_YEAR else None,
        next_week=None if is_current else week_label(start + dt.timedelta(days=7)),
        **figures,
    )
    line = encouragement(figures, summary.anxiety_change, is_current)
    return dataclasses.replace(summary, encouragement=line)


def summary_as_dict(summary: WeekSummary) -> dict[str, Any]:
    """Return the summary as JSON-ready values (the API shape)."""
    return {
        "week": summary.week,
        "start": summary.start,
        "end": summary.end,
        "asks": summary.asks,
        "nos": summary.nos,
        "yeses": summary.yeses,
        "avoided": summary.avoided,
        "pending": summary.pending,
        "points": summary.points,
        "anxiety_before_avg": summary.anxiety_before,
        "anxiety_before_previous_avg": summary.anxiety_before_previous,
        "anxiety_change": summary.anxiety_change,
        "highlights": [
            {
                "id": attempt.pk,
                "title": attempt.title,
                "outcome": attempt.outcome,
                "local_date": attempt.local_date,
            }
            for attempt in summary.highlights
        ],
        "encouragement": summary.encouragement,
        "previous_week": summary.previous_week,
        "next_week": summary.next_week,
    }
