"""The plain-language sentences above each chart: warm, never shaming, never clinical."""

from __future__ import annotations

import datetime as dt

from rejection.progress.insights import Insights
from rejection.web.charts.svg import MONTHS
from rejection.web.copy import percent


def day_words(day: dt.date, year: bool = True) -> str:
    """Return "9 Mar 2026" (or "9 Mar")."""
    words = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{words} {day.year}" if year else words


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def first_active(insights: Insights) -> dt.date | None:
    """Return the first day the person was active, when that is inside the window."""
    if sum(insights.stats["totals_by_outcome"].values()) > insights.window_asks:
        return None  # asks from before the window: they began earlier than it shows
    active = [day.date for day in insights.heatmap if day.asks or day.rest_day]
    active += [point.date for point in insights.series]
    return min(active, default=None)


def days_since_start(insights: Insights) -> int | None:
    """Return how many days the person has been at it, when they began inside the window."""
    first = first_active(insights)
    if first is None or first <= insights.start:
        return None
    return (insights.end - first).days + 1


def window_words(insights: Insights) -> str:
    """Name the span the sentences cover: the window, or a newer person's first days."""
    days = days_since_start(insights)
    if days is not None:
        if days == 1:
            return "your first day"
        if days < 21:
            return f"your first {days} days"
        return f"your first {days // 7} weeks"
    return f"these {plural(insights.weeks, 'week')}" if insights.weeks > 1 else "this week"


def expected_sentence(predicted: float | None, actual: float | None) -> str:
    expected, got = percent(predicted), percent(actual)
    if expected is None or got is None:
        return ""
    return f"You expected a no {expected}% of the time; you got one {got}% of the time."


def nerves_sentence(insights: Insights) -> str:
    trend = insights.nerves_trend()
    if trend is None:
        return ""
    first, last = trend
    span = window_words(insights)
    if len([p for p in insights.series if p.rolling_before is not None]) == 1:
        return f"Your nerves before an ask were {first:.1f} out of 10 in {span}."
    if round(last, 1) < round(first, 1):
        return (
            f"Your nerves before an ask went from {first:.1f} to {last:.1f} on average over {span}."
        )
    if round(last, 1) == round(first, 1):
        return f"Your nerves before an ask held steady around {last:.1f} over {span}."
    return (
        f"Your nerves before an ask went from {first:.1f} to {last:.1f} on average over {span}. "
        "Bigger asks can feel that way, and every one still counts."
    )


def weekly_sentence(insights: Insights) -> str:
    yeses = sum(week.yeses for week in insights.weekly)
    completed = sum(week.completed for week in insights.weekly)
    if not completed:
        return ""
    share = round(yeses * 100 / completed)
    return (
        f"In {window_words(insights)}, people said yes (or partly yes) to "
        f"{yeses} of your {plural(completed, 'answered ask')} ({share}%)."
    )


def categories_sentence(insights: Insights) -> str:
    rows = insights.by_category
    if not rows:
        return ""
    if len(rows) == 1:
        return f"All {plural(rows[0].asks, 'ask')} so far are in {rows[0].name}."
    return f"You have asked in {len(rows)} kinds of situation, most often {rows[0].name}."


def surprise_sentence(insights: Insights) -> str:
    """Name the category where the world said no least often compared with the guess."""
    gaps = [
        (row.predicted - row.actual, row)
        for row in insights.by_category
        if row.predicted is not None and row.actual is not None and row.completed >= 2
    ]
    if not gaps:
        return ""
    gap, row = max(gaps, key=lambda item: item[0])
    if gap < 0.1:
        return ""
    return (
        f"The biggest surprise: {row.name}, where you expected a no "
        f"{percent(row.predicted)}% of the time and got one {percent(row.actual)}% of the time."
    )


def calendar_sentence(insights: Insights) -> str:
    asked = sum(1 for day in insights.heatmap if day.asks)
    rests = sum(1 for day in insights.heatmap if day.rest_day)
    if not asked and not rests:
        return ""
    since = days_since_start(insights)
    if since is not None:
        words = f"You asked on {asked} of the {plural(since, 'day')} since you began"
    else:
        words = f"You asked on {asked} of the last {plural(len(insights.heatmap), 'day')}"
    if rests:
        words += f", and took {plural(rests, 'rest day')}"
    return words + "."


def streak_sentence(insights: Insights) -> str:
    if not insights.streak_runs:
        return ""
    longest = max(run.length for run in insights.streak_runs)
    runs = len(insights.streak_runs)
    return f"Your longest run in {window_words(insights)} was {plural(longest, 'day')}" + (
        f", across {runs} runs." if runs > 1 else "."
    )
