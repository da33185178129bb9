"""The journal: the user's asks, newest first, filtered and paged."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse

from rejection.core.htmx import render_page_or_partial, wants_partial
from rejection.journal.models import Attempt, Outcome
from rejection.journal.queries import find_attempts
from rejection.web.access import MemberRequest, member
from rejection.web.forms import RESOLVE_CHOICES, JournalFilterForm

PAGE_SIZE = 20
PENDING_SHOWN = 10


def _filtered(user: Any, data: dict[str, Any]) -> QuerySet[Attempt]:
    return find_attempts(
        user,
        outcome=data.get("outcome"),
        category=data.get("category"),
        date_from=data.get("from"),
        date_to=data.get("to"),
        text=data.get("q"),
    )


@member
def journal(request: MemberRequest) -> HttpResponse:
    form = JournalFilterForm(request.GET or None)
    form.is_valid()
    mine = Attempt.objects.filter(user=request.user).select_related("challenge__category")
    page = Paginator(
        _filtered(request.user, getattr(form, "cleaned_data", {})), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
    }
    if not wants_partial(request):
        context["pending"] = list(mine.filter(outcome=Outcome.PENDING)[:PENDING_SHOWN])
        context["resolve_choices"] = RESOLVE_CHOICES
    return render_page_or_partial(request, "web/journal.html", "web/_journal_list.html", context)
