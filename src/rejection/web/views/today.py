"""Today's card, rerolls, rest days and choosing a program."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rejection.accounts.days import user_today
from rejection.core.errors import Conflict, Refused
from rejection.core.htmx import wants_partial
from rejection.practice.reads import cached_read
from rejection.practice.today import (
    reroll_today,
    today_after_reroll,
    today_for,
    todays_asks,
)
from rejection.progress.contracts import ProgramStart
from rejection.progress.models import Program
from rejection.progress.services import active_enrollment, start_program
from rejection.progress.services import take_rest_day as take_rest_day_service
from rejection.web.access import MemberRequest, member
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)
from rejection.web.errors import add_refusal, read_into
from rejection.web.forms import FinishForm, ProgramForm, StartForm

EMPTY_DECK = "web/deck_empty.html"
# Set when the person dismisses the note that explains Today; a year is "remembered".
INTRO_COOKIE = "rt_today_intro"
INTRO_SECONDS = 365 * 24 * 60 * 60


def _today(request: MemberRequest) -> dt.date:
    return user_today(request.user)


def card_context(data: object) -> dict[str, object]:
    """What the card's "I'm about to ask" form needs (also for the HTMX reroll)."""
    challenge = getattr(data, "challenge", None)
    initial = {"challenge": getattr(challenge, "pk", None)}
    return {"today": data, "start_form": StartForm(initial=initial)}


@member
def today(request: MemberRequest) -> HttpResponse:
    # Whether the note on how Today works may show: the one input not on the profile.
    intro_wanted = request.COOKIES.get(INTRO_COOKIE) != "seen"
    try:
        if has_messages(request):  # a note to show once: this page is not one to keep
            return render(request, "web/today.html", _today_context(request, intro_wanted))
        page = cached_read(
            request.user,
            "today-page",
            lambda: page_for_cache(
                request, "web/today.html", _today_context(request, intro_wanted)
            ),
            intro_wanted,
            *frame_parts(request),
        )
    except LookupError:
        return render(request, EMPTY_DECK, status=503)
    return cached_page_response(request, page)


def _today_context(request: MemberRequest, intro_wanted: bool) -> dict[str, object]:
    data = today_for(request.user)
    asks = todays_asks(request.user, data.date)
    # One "How did it go?" form per open ask, each with its own ids.
    finishing = [(ask, FinishForm(auto_id=f"finish{ask.pk}_%s")) for ask in asks.open]
    return {
        **card_context(data),
        "asks": asks,
        "current": next((pair for pair in finishing if pair[0] == asks.current), None),
        "stale": [pair for pair in finishing if pair[0] != asks.current],
        # Explained once, until dismissed; never in the way of "How did it go?".
        "show_intro": intro_wanted and not asks.open and not asks.latest,
    }


@member
@require_POST
def dismiss_intro(request: MemberRequest) -> HttpResponse:
    """Remember that the person has read how Today works."""
    response = redirect("today")
    response.set_cookie(
        INTRO_COOKIE,
        "seen",
        max_age=INTRO_SECONDS,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@member
@require_POST
def reroll(request: MemberRequest) -> HttpResponse:
    day = _today(request)
    try:
        if wants_partial(request):
            return _rerolled_card(request, day)
        reroll_today(request.user, day)
    except Conflict as conflict:
        messages.info(request, conflict.message)
    except LookupError:
        return render(request, EMPTY_DECK, status=503)
    return redirect("today")


def _rerolled_card(request: MemberRequest, day: dt.date) -> HttpResponse:
    """Return the new card for HTMX, or today's card with a kind word when none is left."""
    try:
        context = {**card_context(today_after_reroll(request.user, day)), "notice": ""}
    except Conflict as conflict:
        context = {**card_context(today_for(request.user, day)), "notice": conflict.message}
    return render(request, "web/_today_card.html", context)


@member
@require_POST
def rest_day(request: MemberRequest) -> HttpResponse:
    try:
        take_rest_day_service(request.user, _today(request))
    except Conflict as conflict:
        messages.info(request, conflict.message)
    else:
        messages.success(request, "Rest day taken. Your streak is safe. See you tomorrow.")
    return redirect("today")


@member
def programs(request: MemberRequest) -> HttpResponse:
    current = active_enrollment(request.user)
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        slug = form.cleaned_data["program"]
        if current is not None and not form.cleaned_data["confirm"]:
            program = Program.objects.get(slug=slug)
            context = {"form": form, "current": current, "program": program}
            return render(request, "web/program_confirm.html", context)
        start = read_into(form, ProgramStart, {"length_days": form.cleaned_data["length_days"]})
        enrollment = None
        try:
            if start is not None:
                enrollment = start_program(request.user, slug, _today(request), start)
        except Refused as refused:
            add_refusal(form, refused)
        if enrollment is not None:
            messages.success(
                request, f"Day 1 of {enrollment.program.name} starts today. One ask, that's all."
            )
            return redirect("today")
    bound_custom = form.is_bound and form.data.get("program") == "custom"
    context = {
        "programs": Program.objects.all(),
        "current": current,
        "form": form,
        "custom_form": form if bound_custom else ProgramForm(initial={"program": "custom"}),
    }
    return render(request, "web/programs.html", context, status=400 if form.errors else 200)
