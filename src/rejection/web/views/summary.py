"""The weekly summary page, and starring an ask as the week's highlight."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from rejection.core.contracts import check
from rejection.core.errors import NotFound
from rejection.journal.contracts import AskChanges
from rejection.practice.asks import edit_ask
from rejection.progress.contracts import IsoWeek
from rejection.progress.summary import summary_for
from rejection.web.access import MemberRequest, member, own_attempt
from rejection.web.views.attempts import celebrate


@member
def week_summary(request: MemberRequest, week: str | None = None) -> HttpResponse:
    try:
        summary = summary_for(request.user, None if week is None else check(IsoWeek, week))
    except (ValidationError, NotFound) as error:
        raise Http404("No such week.") from error
    return render(request, "web/summary.html", {"summary": summary})


@member
@require_POST
def star(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = own_attempt(request.user, pk)
    edited = edit_ask(request.user, attempt, AskChanges(starred=not attempt.starred))
    if attempt.starred:
        messages.success(request, "Starred as this week's highlight.")
    else:
        messages.success(request, "Star removed.")
    celebrate(request, edited.earned)
    return redirect(attempt)
