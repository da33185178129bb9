"""The intake (how each kind of ask feels) and the personal ladder."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from rejection.challenges.deck import shipped_categories
from rejection.coach import queries, services
from rejection.coach.areas import AREAS
from rejection.coach.contracts import IntakeAnswers
from rejection.coach.model import DEFAULT_LEVEL
from rejection.coach.models import LadderStep
from rejection.core.contracts import problems
from rejection.core.errors import Conflict, Refused
from rejection.core.htmx import render_page_or_partial, wants_partial
from rejection.practice.reads import cached_read
from rejection.web.access import MemberRequest, member
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)

WHOLE = re.compile(r"^\s*\d{1,2}\s*$")
LADDER = "web/ladder.html"
LADDER_PARTIAL = "web/_ladder.html"


def _parse_intake(post: Any) -> dict[str, Any]:
    """Read the intake form into the service's shape; the service judges every value."""
    ratings: dict[str, Any] = {}
    for area in AREAS:
        raw = post.get(f"ratings.{area}")
        if raw is not None and raw != "":
            ratings[area] = int(raw) if WHOLE.match(raw) else raw
    return {
        "ratings": ratings,
        "focus": post.getlist("focus"),
        "goals": post.get("goals", ""),
        "skipped": "skip" in post,
    }


def _deck_names() -> dict[str, list[str]]:
    """Return, for each intake area, the names of the deck categories that belong to it."""
    names: dict[str, list[str]] = {area: [] for area in AREAS}
    for item in shipped_categories():  # the deck file: which area each category is in
        names.setdefault(item.area, []).append(item.name)
    return names


def _intake_rows(values: dict[str, Any], errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    ratings = values.get("ratings") or {}
    focus = set(values.get("focus") or [])
    deck = _deck_names()
    rows = []
    for area, label in AREAS.items():
        found = errors.get(f"ratings.{area}", [])
        value = ratings.get(area)
        if found or not isinstance(value, int):
            value = round(DEFAULT_LEVEL)  # a value the slider can show
        rows.append(
            {
                "key": area,
                "label": label,
                "value": value,
                "focus": area in focus,
                "errors": found,
                "deck": deck.get(area, []),
            }
        )
    return rows


@member
def intake(request: MemberRequest) -> HttpResponse:
    stored = queries.intake_for(request.user)
    if stored is None and request.method == "GET" and request.GET.get("step") != "questions":
        # The first visit opens on a short welcome: what this is, a day, the safety rules.
        return render(request, "web/welcome.html")
    errors: dict[str, list[str]] = {}
    if stored is not None and not stored.skipped:
        values: dict[str, Any] = {
            "ratings": stored.ratings,
            "focus": stored.focus,
            "goals": stored.goals,
        }
    else:
        values = {"ratings": {}, "focus": [], "goals": ""}
    if request.method == "POST":
        values = _parse_intake(request.POST)
        try:
            answers = IntakeAnswers.model_validate(values)
        except ValidationError as error:
            errors = problems(error)
        else:
            services.save_intake(request.user, answers)
            if values["skipped"]:
                messages.info(request, "No problem. You can tell us how things feel any time.")
                return redirect("today")
            messages.success(
                request, "Thank you. Here is your ladder, built from what you told us."
            )
            return redirect("ladder")
    context = {
        "rows": _intake_rows(values, errors),
        "goals": values.get("goals", ""),
        "errors": errors,
        "other_errors": {k: v for k, v in errors.items() if not k.startswith("ratings.")},
        "first_time": stored is None,
    }
    return render(request, "web/intake.html", context, status=400 if errors else 200)


def _ladder_context(request: MemberRequest, steps: list[queries.Step]) -> dict[str, Any]:
    on_ladder = {step.challenge.pk for step in steps}
    text = request.GET.get("q", "")[:120].replace("\x00", "")
    return {
        "steps": steps,
        "rungs": list(reversed(steps)),  # drawn top (hardest) to bottom (easiest)
        "next_step": next((step for step in steps if not step.done), None),
        "custom": queries.addable_custom(request.user, on_ladder),
        "q": text,
        "results": queries.search_usable(request.user, text, on_ladder) if text else [],
        "full": len(steps) >= services.MAX_STEPS,
        "has_intake": queries.intake_for(request.user) is not None,
    }


@member
def ladder(request: MemberRequest) -> HttpResponse:
    if not request.GET and not wants_partial(request) and not has_messages(request):
        # The ladder as it opens (no search) is kept until a change: every write to it
        # and the coach learning from this person (the data version), a shared difficulty
        # learned from anyone (the ratings' count) and the deck (custom cards are cards).
        page = cached_read(
            request.user,
            "ladder-page",
            lambda: page_for_cache(request, LADDER, _ladder_page_context(request)),
            queries.ratings_seen(request.user),
            *frame_parts(request),
        )
        return cached_page_response(request, page)
    return render_page_or_partial(request, LADDER, LADDER_PARTIAL, _ladder_page_context(request))


def _ladder_page_context(request: MemberRequest) -> dict[str, Any]:
    return _ladder_context(request, queries.ladder_for(request.user))


def _after_change(request: MemberRequest, steps: list[queries.Step], notice: str) -> HttpResponse:
    """Answer an edit: the ladder fragment for HTMX, else back to the page."""
    if wants_partial(request):
        context = {**_ladder_context(request, steps), "notice": notice}
        return render(request, LADDER_PARTIAL, context)
    messages.info(request, notice)
    return redirect("ladder")


@member
@require_POST
def move(request: MemberRequest, position: int) -> HttpResponse:
    offset = {"up": +1, "down": -1}.get(request.POST.get("direction", ""))
    if offset is None:
        raise Http404("Move a step up or down.")
    try:
        steps = services.move_step(request.user, position, offset)
    except LadderStep.DoesNotExist as missing:
        raise Http404("No such step.") from missing
    word = "up, a little harder" if offset > 0 else "down, a little easier"
    return _after_change(request, steps, f"Moved step {position} {word}.")


@member
@require_POST
def swap(request: MemberRequest, position: int) -> HttpResponse:
    try:
        steps = services.swap_step(request.user, position)
    except LadderStep.DoesNotExist as missing:
        raise Http404("No such step.") from missing
    except Conflict as conflict:
        return _after_change(request, queries.ladder_for(request.user), conflict.message)
    title = steps[position - 1].challenge.title
    return _after_change(request, steps, f"Swapped in “{title}”.")


@member
@require_POST
def add(request: MemberRequest) -> HttpResponse:
    raw = request.POST.get("challenge", "")
    if not (raw.isdigit() and len(raw) < 19):
        return _after_change(request, queries.ladder_for(request.user), "Choose a challenge.")
    challenge_id = int(raw)
    try:
        steps = services.add_step(request.user, challenge_id)
    except Refused as refused:
        return _after_change(request, queries.ladder_for(request.user), refused.message)
    added = next(step for step in steps if step.challenge.pk == challenge_id)
    return _after_change(
        request, steps, f"Added “{added.challenge.title}” as step {added.position}."
    )


@member
@require_POST
def rebuild(request: MemberRequest) -> HttpResponse:
    steps = services.build_ladder(request.user)
    return _after_change(
        request, steps, "Rebuilt from your intake: a fresh ladder, easiest at the bottom."
    )
