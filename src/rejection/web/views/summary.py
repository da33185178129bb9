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
from rejection.practice.reads import cached_read
from rejection.progress.contracts import IsoWeek
from rejection.progress.summary import summary_for
from rejection.web.access import MemberRequest, member, own_attempt
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)
from rejection.web.views.attempts import celebrate


@member
def week_summary(request: MemberRequest, week: str | None = None) -> HttpResponse:
    if has_messages(request):  # a note to show once: this page is not one to keep
        return render(request, "web/summary.html", _summary_context(request, week))
    # Kept until a change, as Today is: the week's figures move only with a write, a new
    # day (the current week grows) or the deck (the highlights' titles).
    page = cached_read(
        request.user,
        "week-page",
        lambda: page_for_cache(request, "web/summary.html", _summary_context(request, week)),
        week or "",
        *frame_parts(request),
    )
    return cached_page_response(request, page)


def _summary_context(request: MemberRequest, week: str | None) -> dict[str, object]:
    try:
        summary = summary_for(request.user, None if week is None else check(IsoWeek, week))
    except (ValidationError, NotFound) as error:
        raise Http404("No such week.") from error
    return {"summary": summary}


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
