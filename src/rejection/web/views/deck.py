"""Browsing the deck (open to everyone), writing a private challenge and sharing it."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from rejection.challenges.contracts import ChallengeChanges, NewChallenge
from rejection.challenges.queries import find_challenges
from rejection.challenges.services import create_custom_challenge, request_share
from rejection.core.errors import Refused
from rejection.core.htmx import HtmxHttpRequest, render_page_or_partial
from rejection.practice.challenges import delete_challenge, edit_challenge
from rejection.web.access import MemberRequest, member, own_challenge, visible_challenge
from rejection.web.errors import add_refusal, read_into
from rejection.web.forms import ChallengeForm, DeckFilterForm, split_tags

PAGE_SIZE = 20


def deck(request: HtmxHttpRequest) -> HttpResponse:
    form = DeckFilterForm(request.GET or None)
    form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    cards = find_challenges(
        request.user,
        category=data.get("category"),
        difficulty_min=data.get("min"),
        difficulty_max=data.get("max"),
        text=data.get("q"),
    )
    page = Paginator(cards.order_by("difficulty", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render_page_or_partial(request, "web/deck.html", "web/_deck_list.html", context)


def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a challenge; a POST from its author asks a moderator to share it with everyone."""
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    challenge = visible_challenge(request.user, pk)
    mine = challenge.author_id is not None and challenge.author_id == request.user.pk
    if request.method == "POST":
        if not mine:
            raise Http404
        try:
            request_share(cast(MemberRequest, request).user, challenge)
        except Refused as refused:
            if refused.field == "safety":
                messages.error(request, "This one stays just for you; the reason is below.")
            else:
                messages.info(request, refused.message)
        else:
            messages.success(
                request, "Sent for review. A moderator reads it before anyone sees it."
            )
        return redirect(challenge)
    return render(request, "web/challenge_detail.html", {"challenge": challenge, "mine": mine})


@login_required
def challenge_new(request: MemberRequest) -> HttpResponse:
    # From the deck's search with nothing found: start from the words searched for.
    initial = {"title": request.GET.get("title", "")[:120].replace("\x00", "").strip()}
    form = ChallengeForm(request.POST or None, initial=initial)
    new = None
    if request.method == "POST" and form.is_valid():
        values = {**form.cleaned_data, "tags": split_tags(form.cleaned_data["tags"])}
        new = read_into(form, NewChallenge, values)
    if new is not None:
        try:
            challenge = create_custom_challenge(request.user, new)
        except Refused as refused:
            add_refusal(form, refused)
        else:
            if challenge.is_flagged:
                messages.info(request, "Saved, only for you. See why below.")
            else:
                messages.success(request, "Saved to your deck. Only you can see it.")
            return redirect(challenge)
    return render(
        request, "web/challenge_new.html", {"form": form}, status=400 if form.errors else 200
    )


@member
def challenge_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Edit your own challenge: the same form as writing one, screened again on save."""
    challenge = own_challenge(request.user, pk)
    if challenge.is_shared:
        messages.info(request, "This one is shared with everyone now, so it stays as it is.")
        return redirect(challenge)
    initial = {
        "title": challenge.title,
        "script": challenge.script,
        "where": challenge.where,
        "category": challenge.category.slug,
        "difficulty": challenge.difficulty,
        "tags": ", ".join(challenge.tags),
        "why": challenge.why,
        "safety": challenge.safety,
        "answer_later": challenge.answer_later,
    }
    form = ChallengeForm(request.POST or None, initial=initial)
    changes = None
    if request.method == "POST" and form.is_valid():
        values = {**form.cleaned_data, "tags": split_tags(form.cleaned_data["tags"])}
        changes = read_into(form, ChallengeChanges, values)
    if changes is not None:
        try:
            edited = edit_challenge(request.user, challenge.pk, changes)
        except Refused as refused:
            add_refusal(form, refused)
        else:
            if edited.is_flagged:
                messages.info(request, "Saved, still only for you. See why below.")
            else:
                messages.success(request, "Saved. The coach can suggest it again.")
            return redirect(edited)
    context = {"form": form, "challenge": challenge}
    return render(request, "web/challenge_edit.html", context, status=400 if form.errors else 200)


@member
def challenge_delete(request: MemberRequest, pk: int) -> HttpResponse:
    """Ask once, then delete your own challenge; its asks stay in the journal."""
    challenge = own_challenge(request.user, pk)
    if request.method == "POST":
        try:
            delete_challenge(request.user, challenge.pk)
        except Refused as refused:
            messages.info(request, refused.message)
            return redirect(challenge)
        messages.success(request, "Deleted. Asks you logged with it stay in your journal.")
        return redirect("deck")
    return render(request, "web/challenge_delete.html", {"challenge": challenge})
