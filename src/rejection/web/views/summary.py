"""The weekly summary page, and starring an ask as the week's highlight."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rejection.journal.services import update_attempt
from rejection.progress.summary import summary_for
from rejection.web.access import MemberRequest, member, own_attempt
from rejection.web.views.attempts import celebrate


@member
def week_summary(request: MemberRequest, week: str | None = None) -> HttpResponse:
    try:
        summary = summary_for(request.user, week)
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from None
    return render(request, "web/summary.html", {"summary": summary})


@member
@require_POST
def star(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = own_attempt(request.user, pk)
    update_attempt(request.user, attempt, {"starred": not attempt.starred})
    if attempt.starred:
        messages.success(request, "Starred as this week's highlight.")
    else:
        messages.success(request, "Star removed.")
    celebrate(request, getattr(attempt, "earned", []))
    return redirect(attempt)
