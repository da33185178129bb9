"""Reminders under Settings, the travel prompt's switch, unsubscribe and the calendar feed."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from rejection.accounts.contracts import ProfileChanges
from rejection.core.contracts import problems
from rejection.core.errors import Refused
from rejection.practice.profile import change_profile
from rejection.reminders import calendar, mail, push
from rejection.reminders.contracts import NewPushSubscription, ReminderChanges
from rejection.reminders.models import DAY_NAMES, ReminderSettings
from rejection.reminders.queries import calendar_url, reminders_view
from rejection.reminders.services import (
    add_subscription,
    change_reminders,
    follow_zone,
    rotate_calendar,
    settings_for,
    turn_email_off,
)
from rejection.web.access import MemberRequest, member
from rejection.web.errors import add_refusal, read_into

DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class ReminderForm(forms.Form):
    enabled = forms.BooleanField(required=False, label="Remind me")
    time = forms.CharField(
        max_length=5,
        label="At",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Your local time.",
    )
    days = forms.MultipleChoiceField(
        required=False,
        choices=list(zip(DAY_NAMES, DAY_LABELS, strict=True)),
        widget=forms.CheckboxSelectMultiple,
        label="On",
    )
    push = forms.BooleanField(required=False, label="On this phone or computer (push)")
    email = forms.BooleanField(required=False, label="By e-mail")
    streak_nudge = forms.BooleanField(
        required=False, label="A gentle nudge at 20:00 when my streak could use one"
    )


@member
def reminders_page(request: MemberRequest) -> HttpResponse:
    view = reminders_view(request.user)
    initial = dict(view)
    if not view["enabled"] and view["suggested_time"]:
        initial["time"] = view["suggested_time"]  # a first set-up starts at the learned time
    form = ReminderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = read_into(form, ReminderChanges, form.cleaned_data)
        if changes is not None:
            try:
                change_reminders(request.user, changes, request)
            except Refused as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, "Reminders saved.")
                return redirect("reminders")
    context: dict[str, Any] = {
        "form": form,
        "view": view,
        "public_key": push.public_key(),
        "calendar_url": calendar_url(settings_for(request.user)),
        "subscriptions": request.user.push_subscriptions.count(),
    }
    return render(request, "web/reminders.html", context, status=400 if form.errors else 200)


@member
@require_POST
def push_subscribe(request: MemberRequest) -> HttpResponse:
    """Keep the subscription the page's script made after the person tapped "turn on"."""
    try:
        new = NewPushSubscription.model_validate(json.loads(request.body or b"null"))
        subscription = add_subscription(request.user, new)
    except (ValueError, ValidationError) as error:
        fields = problems(error) if isinstance(error, ValidationError) else {}
        return JsonResponse({"error": {"code": "invalid", "fields": fields}}, status=422)
    except Refused as refused:
        return JsonResponse({"error": {"code": refused.code, "fields": refused.fields}}, status=422)
    return JsonResponse({"id": subscription.pk}, status=201)


@member
@require_POST
def calendar_rotate(request: MemberRequest) -> HttpResponse:
    rotate_calendar(request.user)
    messages.success(request, "Your calendar has a new address; the old one no longer works.")
    return redirect("reminders")


@member
@require_POST
def switch_zone(request: MemberRequest) -> HttpResponse:
    """The travel prompt's one tap: the profile (and so reminders) moves to this zone."""
    try:
        changes = ProfileChanges.model_validate({"timezone": request.POST.get("timezone", "")})
    except ValidationError:
        messages.error(request, "That time zone is not one we know.")
        return redirect("settings")
    change_profile(request.user, changes)
    follow_zone(request.user)
    messages.success(request, f"Your day now follows {changes.timezone}.")
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("today")


@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop reminder e-mails from a signed link, no sign-in needed (RFC 8058 one-click POST)."""
    user_id = mail.user_id_from(token)
    if user_id is None or not ReminderSettings.objects.filter(user_id=user_id).exists():
        raise Http404("No such link.")
    if request.method == "POST":
        turn_email_off(user_id)
        return render(request, "web/unsubscribed.html", {"done": True})
    return render(request, "web/unsubscribed.html", {"done": False})


def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """Serve the private calendar feed; the secret in the address is the only key."""
    row = ReminderSettings.objects.select_related("user").filter(calendar_secret=secret).first()
    if row is None:
        raise Http404("No such calendar.")
    body = calendar.feed(row, row.user)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
