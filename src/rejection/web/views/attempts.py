"""Logging an ask, and reading, editing, resolving and deleting one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import uuid4

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rejection.accounts.days import cached_until_change
from rejection.challenges.models import Challenge
from rejection.community.sharing import edit_ask, log_ask
from rejection.core.errors import Refused
from rejection.journal.contracts import AskChanges, NewAsk
from rejection.journal.models import Attempt, Outcome
from rejection.media.queries import media_panel
from rejection.practice.asks import delete_ask
from rejection.practice.asks import edit_ask as finish_ask
from rejection.practice.celebration import celebration_for
from rejection.progress.milestones import icon_of, milestone_message
from rejection.web.access import MemberRequest, member, own_attempt, visible_challenge
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)
from rejection.web.copy import logged_message, resolved_message
from rejection.web.errors import add_refusal, read_into
from rejection.web.forms import AttemptForm, FinishForm, LogForm, ResolveForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _challenge_from(user: User, raw: Any) -> Challenge | None:
    """Return the challenge named in the form or query string, if the user may see it."""
    if raw in (None, ""):
        return None
    if not str(raw).isdigit():
        raise Http404("No such challenge.")
    return visible_challenge(user, int(raw))


def celebrate(request: MemberRequest, earned: list[Any]) -> None:
    """Add one warm line for each milestone the last write earned."""
    for item in earned:
        messages.success(request, milestone_message(item), extra_tags="milestone")


# The milestones an ask just earned, kept for its celebration page to show in place.
JUST_EARNED = "rt_just_earned"


def celebrate_on_its_page(request: MemberRequest, attempt: Attempt, earned: list[Any]) -> None:
    """Keep what this ask earned for its celebration, where it is shown with the rest."""
    # Most asks earn no milestone: writing nothing then spares the session a write (on
    # SQLite, a second turn at the one writer's lock for every logged ask).
    if earned:
        request.session[JUST_EARNED] = {"attempt": attempt.pk, "earned": earned}
    elif JUST_EARNED in request.session:
        del request.session[JUST_EARNED]  # an earlier ask's, never shown: not this one's


# Sent by static/js/offline.js with an ask that was kept on the phone with no connection.
KEPT_OFFLINE_HEADER = "X-Kept-Offline"


@member
def log(request: MemberRequest) -> HttpResponse:
    if request.method != "POST" and not request.GET and not has_messages(request):
        return _blank_log_form(request)
    if request.method == "POST":
        form = LogForm(request.POST)
        # An ask sent later from the phone gets 204 instead of a redirect, so the lines
        # below wait in the session for the page that sent it to reload and show them.
        kept = request.headers.get(KEPT_OFFLINE_HEADER) == "1"
        ask = read_into(form, NewAsk, form.ask_fields()) if form.is_valid() else None
        if ask is not None:
            key = form.cleaned_data.get("idempotency_key") or None
            try:
                logged = log_ask(request.user, ask, key)
            except Refused as refused:
                if refused.code != "idempotency_key_reused":
                    add_refusal(form, refused)
                    if kept:
                        return _refused_kept(refused)
                elif kept:
                    return HttpResponse(status=204)  # its key is taken: it is in the journal
                else:
                    # The same form, changed and sent again (the back button): the first
                    # version is saved; editing it is the honest way to change it.
                    messages.info(request, "That form was already saved. Edit it in your journal.")
                    return redirect("journal")
            else:
                if not logged.created:
                    if not kept:  # a phone sending twice (two tabs) needs no word about it
                        messages.info(request, "Already saved. It only counts once.")
                elif (attempt := logged.attempt) is not None:
                    streak = request.user.profile.current_streak
                    line = logged_message(attempt.outcome, attempt.points, streak)
                    if kept:
                        # Each ask sent later keeps its own line: the page that sent it
                        # shows them side by side (static/js/offline.js).
                        earned = [milestone_message(item) for item in logged.earned]
                        return JsonResponse(
                            {"line": line, "milestones": earned, "url": attempt.get_absolute_url()}
                        )
                    if attempt.outcome == Outcome.IN_PROGRESS:
                        # Today's "How did it go?" card is the answer; no line above it.
                        return redirect("today")
                    celebrate_on_its_page(request, attempt, logged.earned)
                    return redirect("attempt_celebrate", attempt.pk)
                return HttpResponse(status=204) if kept else redirect("today")
        if kept and form.errors:
            return _refused_form(form)
        raw = str(form.data.get("challenge"))
        challenge = (
            Challenge.objects.visible_to(request.user)
            .select_related("category")
            .filter(pk=int(raw))
            .first()
            if raw.isdigit()
            else None
        )
    else:
        challenge = _challenge_from(request.user, request.GET.get("challenge"))
        initial: dict[str, Any] = {
            "occurred_at": timezone.localtime().replace(second=0, microsecond=0)
        }
        if challenge is not None:
            initial.update(challenge=challenge.pk, ask=challenge.title)
        form = LogForm(initial=initial)
    context = {"form": form, "challenge": challenge}
    return render(request, "web/log.html", context, status=400 if form.errors else 200)


# What each drawing of the blank form has of its own (web.cached_html fills them in).
NOW_PLACEHOLDER = "@@occurred-at-placeholder@@"
KEY_PLACEHOLDER = "@@idempotency-key-placeholder@@"


def _blank_log_form(request: MemberRequest) -> HttpResponse:
    """The Log tab as it opens: kept per person, frame and all, and filled in at each view.

    Every field is the same on each visit but the time (now, to the minute), the fresh
    idempotency key and the CSRF token; those go in the kept page as placeholders, so the
    form is drawn once per person and data version instead of at every visit.
    """

    def build() -> str:
        form = LogForm(initial={"occurred_at": NOW_PLACEHOLDER})
        form.fields["idempotency_key"].initial = KEY_PLACEHOLDER
        return page_for_cache(request, "web/log.html", {"form": form, "challenge": None})

    page = cached_until_change(request.user, "log-page", build, *frame_parts(request))
    now = timezone.localtime().replace(second=0, microsecond=0)
    when = LogForm.base_fields["occurred_at"].widget.format_value(now)
    return cached_page_response(
        request, page, {NOW_PLACEHOLDER: when, KEY_PLACEHOLDER: uuid4().hex}
    )


def _refused_kept(refused: Refused) -> JsonResponse:
    """Say why an ask kept offline was refused, by field, for the page that sent it."""
    field = refused.field or "__all__"
    return JsonResponse({"errors": {field: [refused.message]}}, status=400)


def _refused_form(form: LogForm) -> JsonResponse:
    errors = {name: [str(text) for text in texts] for name, texts in form.errors.items()}
    return JsonResponse({"errors": errors}, status=400)


@member
@require_POST
def finish(request: MemberRequest, pk: int) -> HttpResponse:
    """ "How did it go?": finish an ask in progress with its outcome and nerves after."""
    attempt = own_attempt(request.user, pk)
    if attempt.outcome != Outcome.IN_PROGRESS:
        return redirect("attempt_celebrate", attempt.pk)  # finished already (a second tap)
    form = FinishForm(request.POST)
    if not form.is_valid():
        for name, problems in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(p) for p in problems)}".lstrip(": "))
        return redirect("today")
    values = {"outcome": form.cleaned_data["outcome"]}
    if form.cleaned_data.get("anxiety_after") is not None:
        values["anxiety_after"] = form.cleaned_data["anxiety_after"]
    edited = finish_ask(request.user, attempt, AskChanges(**values))
    celebrate_on_its_page(request, attempt, edited.earned)
    return redirect("attempt_celebrate", attempt.pk)


@member
def celebration(request: MemberRequest, pk: int) -> HttpResponse:
    """The reward after a logged ask: points, streak, nerves, prediction, the next milestone."""
    attempt = own_attempt(request.user, pk)
    if attempt.outcome == Outcome.IN_PROGRESS:
        return redirect("today")
    kept = request.session.get(JUST_EARNED) or {}
    earned = kept.get("earned", []) if kept.get("attempt") == attempt.pk else []
    if kept:
        del request.session[JUST_EARNED]
    context = {
        "party": celebration_for(request.user, attempt),
        "attempt": attempt,
        "earned": [{**item, "icon": icon_of(item["code"])} for item in earned],
    }
    return render(request, "web/celebration.html", context)


@member
def detail(request: MemberRequest, pk: int) -> HttpResponse:
    return render_detail(request, own_attempt(request.user, pk))


def render_detail(
    request: MemberRequest, attempt: Attempt, status: int = 200, **extra: Any
) -> HttpResponse:
    context: dict[str, Any] = {"attempt": attempt, **extra}
    if attempt.outcome == Outcome.IN_PROGRESS:
        # Started and never finished: how it went can be said here as on Today.
        context["finish_form"] = FinishForm(auto_id=f"finish{attempt.pk}_%s")
    context |= media_panel(request.user, attempt)
    return render(request, "web/attempt_detail.html", context, status=status)


def _initial(attempt: Attempt) -> dict[str, Any]:
    return {
        "challenge": attempt.challenge_id,
        "ask": attempt.ask,
        "outcome": attempt.outcome,
        "anxiety_before": attempt.anxiety_before,
        "anxiety_after": attempt.anxiety_after,
        "predicted_rejection": attempt.predicted_rejection,
        "feared_outcome": attempt.feared_outcome,
        "what_happened": attempt.what_happened,
        "learned": attempt.learned,
        "tags": ", ".join(attempt.tags),
        "occurred_at": attempt.occurred_at,
        "visibility": attempt.visibility,
        "share_feared": attempt.share_feared,
        "share_happened": attempt.share_happened,
        "share_learned": attempt.share_learned,
        "share_anxiety": attempt.share_anxiety,
    }


@member
def edit(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = own_attempt(request.user, pk)
    form = AttemptForm(request.POST or None, initial=_initial(attempt))
    if request.method == "POST" and form.is_valid():
        was_pending = attempt.outcome == Outcome.PENDING
        # Re-sending an unchanged time would re-date the ask in today's time zone.
        values = form.ask_fields(with_when="occurred_at" in form.changed_data)
        changes = read_into(form, AskChanges, values)
        try:
            edited = edit_ask(request.user, attempt, changes) if changes else None
        except Refused as refused:
            add_refusal(form, refused)
        else:
            if edited is not None:
                if was_pending and attempt.outcome != Outcome.PENDING:
                    messages.success(request, resolved_message(attempt.outcome, attempt.points))
                else:
                    messages.success(request, "Saved.")
                celebrate(request, edited.earned)
                return redirect(attempt)
    context = {"form": form, "attempt": attempt, "challenge": attempt.challenge}
    return render(request, "web/attempt_edit.html", context, status=400 if form.errors else 200)


@member
@require_POST
def resolve(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = own_attempt(request.user, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Outcome: " + " ".join(str(message) for message in form.errors.get("outcome", [])),
        )
        return redirect(attempt)
    edited = finish_ask(request.user, attempt, AskChanges(outcome=form.cleaned_data["outcome"]))
    messages.success(request, resolved_message(attempt.outcome, attempt.points))
    celebrate(request, edited.earned)
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(attempt)


@member
def delete(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = own_attempt(request.user, pk)
    if request.method == "POST":
        delete_ask(request.user, attempt)
        messages.success(request, "Deleted. It is gone from your journal, points and streaks.")
        return redirect("journal")
    return render(request, "web/attempt_delete.html", {"attempt": attempt})
