"""Weeks in words, "30 Nov - 6 Dec" (an en dash), never an ISO name like 2026-W49 (API only)."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def span_words(start: dt.date, end: dt.date | None = None, today: dt.date | None = None) -> str:
    """Return "30 Nov - 6 Dec" (with an en dash) for a week (Monday to Sunday when no end is given).

    The year is written only when the week is not in the current year or spans two.
    """
    end = end or start + dt.timedelta(days=6)
    this_year = (today or dt.date.today()).year
    both = start.year != end.year
    first = f"{start.day} {MONTHS[start.month - 1]}" + (f" {start.year}" if both else "")
    last = f"{end.day} {MONTHS[end.month - 1]}"
    if both or end.year != this_year:
        last += f" {end.year}"
    return f"{first} \u2013 {last}"


@register.filter
def week_span(start: dt.date | None, end: dt.date | None = None) -> str:
    """{{ monday|week_span }} or {{ start|week_span:end }}: the week as dates."""
    if not isinstance(start, dt.date):
        return ""
    return span_words(start, end if isinstance(end, dt.date) else None)


@register.filter
def week_offset(start: dt.date | None, weeks: int) -> dt.date | None:
    """{{ monday|week_offset:-1 }}: the Monday a number of weeks before or after."""
    if not isinstance(start, dt.date):
        return None
    return start + dt.timedelta(weeks=int(weeks))
