"""The journal: the user's asks, newest first, filtered and paged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from rejection.core.htmx import render_page_or_partial, wants_partial
from rejection.journal.models import Attempt, Outcome
from rejection.journal.queries import find_attempts
from rejection.practice.reads import cached_read
from rejection.web.access import MemberRequest, member
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)
from rejection.web.copy import outcome_label
from rejection.web.forms import JournalFilterForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PAGE_SIZE = 20
PENDING_SHOWN = 10
# The columns the page shows: the challenge and its category also hold long texts the
# list never reads, and loading them was a third of the query's time.
SHOWN_FIELDS = (
    "ask",
    "outcome",
    "occurred_at",
    "points",
    "anxiety_before",
    "anxiety_after",
    "challenge__title",
    "challenge__category__name",
)


class Row(TypedDict):
    """One ask of the list as plain values, which the template reads in one step each."""

    url: str
    outcome: str
    outcome_label: str
    title: str
    day: str
    category: str | None  # None for an ask made without a challenge
    points: int
    time: str
    nerves: str  # "7 → 3", "7 →" or "" (the change when both were rated)
    nerves_words: str  # the same for a screen reader


class DayGroup(TypedDict):
    """The asks of one local day, newest first, under the day's heading."""

    day: str
    iso: str
    rows: list[Row]


def _nerves(before: int | None, after: int | None) -> tuple[str, str]:
    if before is None and after is None:
        return "", ""
    if after is None:
        return f"{before} \u2192", f"Nerves {before} out of 10 before"
    if before is None:
        return f"\u2192 {after}", f"Nerves {after} out of 10 after"
    return f"{before} \u2192 {after}", f"Nerves {before} before, {after} after, out of 10"


def _day_labels(pattern: str) -> Callable[[dt.datetime], str]:
    """Return a formatter that writes each local day once, however many asks share it.

    The words are the template date filter's; formatting a date takes it some 20 microseconds.
    """

    @cache
    def label(day: dt.date) -> str:
        return date_format(day, pattern)

    return lambda when: label(localtime(when).date())


def _day_heading() -> Callable[[dt.datetime], str]:
    """Return a formatter of local days as headings: Today, Yesterday, "Sunday 1 March"."""
    today = localtime().date()
    names = {today: "Today", today - dt.timedelta(days=1): "Yesterday"}
    this_year, other_year = _day_labels("l j F"), _day_labels("l j F Y")

    def heading(when: dt.datetime) -> str:
        day = localtime(when).date()
        if day in names:
            return names[day]
        return this_year(when) if day.year == today.year else other_year(when)

    return heading


def _rows(attempts: Iterable[Attempt]) -> list[Row]:
    day = _day_heading()
    rows: list[Row] = []
    for attempt in attempts:
        nerves, nerves_words = _nerves(attempt.anxiety_before, attempt.anxiety_after)
        rows.append(
            {
                "url": attempt.get_absolute_url(),
                "outcome": attempt.outcome,
                "outcome_label": outcome_label(attempt.outcome),
                "title": attempt.title,
                "day": day(attempt.occurred_at),
                "category": attempt.challenge.category.name if attempt.challenge else None,
                "points": attempt.points,
                "time": localtime(attempt.occurred_at).strftime("%H:%M"),
                "nerves": nerves,
                "nerves_words": nerves_words,
            }
        )
    return rows


def _by_day(rows: list[Row]) -> list[DayGroup]:
    """Group rows (newest first) under one heading per local day."""
    groups: list[DayGroup] = []
    for row in rows:
        if not groups or groups[-1]["day"] != row["day"]:
            groups.append({"day": row["day"], "iso": str(len(groups)), "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def _filtered(user: User, data: dict[str, Any]) -> QuerySet[Attempt]:
    return find_attempts(
        user,
        outcome=data.get("outcome"),
        category=data.get("category"),
        date_from=data.get("from"),
        date_to=data.get("to"),
        text=data.get("q"),
    ).only(*SHOWN_FIELDS)


@member
def journal(request: MemberRequest) -> HttpResponse:
    if not request.GET and not wants_partial(request) and not has_messages(request):
        # The Journal tab as it opens (the first page, no filter) is kept until a change.
        page = cached_read(
            request.user,
            "journal-page",
            lambda: page_for_cache(request, "web/journal.html", _journal_context(request)),
            *frame_parts(request),
        )
        return cached_page_response(request, page)
    context = _journal_context(request)
    return render_page_or_partial(request, "web/journal.html", "web/_journal_list.html", context)


def _journal_context(request: MemberRequest) -> dict[str, Any]:
    form = JournalFilterForm(request.GET or None)
    form.is_valid()
    page = Paginator(
        _filtered(request.user, getattr(form, "cleaned_data", {})), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "groups": _by_day(_rows(page)),
        "query": query.urlencode(),
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
    }
    if not wants_partial(request):
        pending = find_attempts(request.user, outcome=Outcome.PENDING).only(*SHOWN_FIELDS)
        context["pending"] = list(pending[:PENDING_SHOWN])
    return context
