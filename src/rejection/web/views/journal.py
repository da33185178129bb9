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
from rejection.web.access import MemberRequest, member
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


def _day_labels(pattern: str) -> Callable[[dt.datetime], str]:
    """Return a formatter that writes each local day once, however many asks share it.

    The words are the template date filter's; formatting a date takes it some 20 microseconds.
    """

    @cache
    def label(day: dt.date) -> str:
        return date_format(day, pattern)

    return lambda when: label(localtime(when).date())


def _rows(attempts: Iterable[Attempt]) -> list[Row]:
    day = _day_labels("D j M Y")
    return [
        {
            "url": attempt.get_absolute_url(),
            "outcome": attempt.outcome,
            "outcome_label": outcome_label(attempt.outcome),
            "title": attempt.title,
            "day": day(attempt.occurred_at),
            "category": attempt.challenge.category.name if attempt.challenge else None,
            "points": attempt.points,
        }
        for attempt in attempts
    ]


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
        "rows": _rows(page),
        "query": query.urlencode(),
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
    }
    if not wants_partial(request):
        pending = find_attempts(request.user, outcome=Outcome.PENDING).only(*SHOWN_FIELDS)
        context["pending"] = list(pending[:PENDING_SHOWN])
    return render_page_or_partial(request, "web/journal.html", "web/_journal_list.html", context)
