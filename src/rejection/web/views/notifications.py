"""The notifications page, its channel choices, and reporting something to the moderators."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rejection.community.inbox import (
    channels_for,
    choose_channels,
    mark_read,
    page_of,
)
from rejection.community.limits import TooMany
from rejection.community.models import REPORT_NOTE_LIMIT, ReportReason, ReportTarget
from rejection.community.reports import THANKS, NewReport, file_report, reported_item
from rejection.core.errors import NotFound, Refused
from rejection.web.access import MemberRequest, member
from rejection.web.errors import add_refusal, read_into

PAGE = 20


class ChannelsForm(forms.Form):
    push = forms.BooleanField(required=False, label="By push, on the devices I get reminders on")
    email = forms.BooleanField(required=False, label="By e-mail, to my confirmed address")


@member
def notifications(request: MemberRequest) -> HttpResponse:
    """Newest first, a page at a time; opening the page marks them all read."""
    cursor = request.GET.get("cursor", "")[:40] or None
    items, next_cursor = page_of(request.user, cursor, PAGE)
    if not cursor:
        mark_read(request.user)  # the rows above keep showing which ones were new
        request.user.unread_notifications = 0  # type: ignore[attr-defined]  # the bell counts after
    channels = channels_for(request.user)
    form = ChannelsForm(initial={"push": channels.push, "email": channels.email})
    context: dict[str, Any] = {
        "items": items,
        "next_cursor": next_cursor,
        "cursor": cursor,
        "form": form,
    }
    return render(request, "web/notifications.html", context)


@member
@require_POST
def notifications_read(request: MemberRequest) -> HttpResponse:
    mark_read(request.user)
    messages.success(request, "All caught up.")
    return redirect("notifications")


@member
@require_POST
def notification_channels(request: MemberRequest) -> HttpResponse:
    form = ChannelsForm(request.POST)
    form.is_valid()  # two check boxes: anything missing is simply off
    choose_channels(
        request.user, bool(form.cleaned_data.get("push")), bool(form.cleaned_data.get("email"))
    )
    messages.success(request, "Saved. The bell here always has everything too.")
    return redirect("notifications")


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=ReportReason.choices, widget=forms.RadioSelect, label="What is wrong?"
    )
    note = forms.CharField(
        required=False,
        max_length=REPORT_NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything the moderators should know",
        help_text="Only the moderators read this.",
    )


WHAT = {ReportTarget.ASK: "this ask", ReportTarget.COMMENT: "this comment"}


def _too_many(request: MemberRequest, refused: TooMany) -> HttpResponse:
    context = {"minutes": math.ceil(refused.retry_after / 60)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


@member
def report(request: MemberRequest, target: str, pk: int) -> HttpResponse:
    """Report an ask, a comment or a person you can see; 404 for anything you cannot."""
    if target not in ReportTarget.values:
        raise Http404
    try:
        item, owner_id = reported_item(request.user, target, pk)
    except NotFound:
        raise Http404 from None
    what = WHAT.get(ReportTarget(target)) or f"{item.get_username()}"
    if owner_id == request.user.pk:
        return render(request, "web/report.html", {"what": what, "own": True})
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {**form.cleaned_data, "target": target, "id": pk}
        contract = read_into(form, NewReport, values)
        if contract is not None:
            try:
                file_report(request.user, contract)
            except TooMany as refused:
                return _too_many(request, refused)
            except NotFound:
                raise Http404 from None
            except Refused as refused:
                add_refusal(form, refused)
            else:
                return render(request, "web/report_done.html", {"thanks": THANKS})
    return render(request, "web/report.html", {"form": form, "what": what, "target": target})
