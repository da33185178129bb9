"""The journal: the user's asks, newest first, filtered and paged."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse

from rejection.core.htmx import render_page_or_partial, wants_partial
from rejection.journal.models import Attempt, Outcome
from rejection.web.access import MemberRequest, member
from rejection.web.forms import RESOLVE_CHOICES, JournalFilterForm

PAGE_SIZE = 20
PENDING_SHOWN = 10


def _filtered(queryset: QuerySet[Attempt], data: dict[str, Any]) -> QuerySet[Attempt]:
    if data.get("outcome"):
        queryset = queryset.filter(outcome=data["outcome"])
    if data.get("category"):
        queryset = queryset.filter(challenge__category__slug=data["category"])
    if data.get("from"):
        queryset = queryset.filter(local_date__gte=data["from"])
    if data.get("to"):
        queryset = queryset.filter(local_date__lte=data["to"])
    if text := (data.get("q") or "").strip():
        queryset = queryset.filter(
            Q(ask__icontains=text)
            | Q(challenge__title__icontains=text)
            | Q(feared_outcome__icontains=text)
            | Q(what_happened__icontains=text)
            | Q(learned__icontains=text)
            | Q(tags__icontains=text)
        )
    return queryset


@member
def journal(request: MemberRequest) -> HttpResponse:
    form = JournalFilterForm(request.GET or None)
    form.is_valid()
    mine = Attempt.objects.filter(user=request.user).select_related("challenge__category")
    page = Paginator(_filtered(mine, getattr(form, "cleaned_data", {})), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
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
