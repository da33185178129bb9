"""Friends, requests, the invite link, blocks and mutes, and a person's page."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rejection.accounts.contracts import ProfileChanges
from rejection.community import blocks, friends
from rejection.community.limits import TooMany
from rejection.community.profiles import (
    as_shared,
    change_profile,
    relation_between,
    view_person,
)
from rejection.community.queries import friends_page
from rejection.core.errors import NotFound, Refused
from rejection.web.access import MemberRequest, member
from rejection.web.errors import add_refusal, read_into
from rejection.web.friend_forms import PublicProfileForm, UsernameForm


def too_many(request: HttpRequest, refused: TooMany) -> HttpResponse:
    """The friendly 429 page, with Retry-After, for a service's rate limit."""
    context = {"minutes": math.ceil(refused.retry_after / 60)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


def _page(request: MemberRequest, form: UsernameForm, status: int = 200) -> HttpResponse:
    link = friends.invite_link(request.user)
    context: dict[str, Any] = {
        "page": friends_page(request.user),
        "form": form,
        "invite_url": request.build_absolute_uri(reverse("friend_invite", args=[link.token])),
    }
    return render(request, "web/friends.html", context, status=status)


@member
def friends_list(request: MemberRequest) -> HttpResponse:
    return _page(request, UsernameForm())


def _sent_message(sent: friends.Sent) -> str:
    name = sent.person.profile.name
    if sent.status == "friends":
        return f"You and {name} are friends now."
    return f"Request sent to {name}. They can say yes whenever suits them."


@member
@require_POST
def send_request(request: MemberRequest) -> HttpResponse:
    form = UsernameForm(request.POST)
    if form.is_valid():
        try:
            sent = friends.send_request(request.user, form.cleaned_data["username"])
        except TooMany as refused:
            return too_many(request, refused)
        except Refused as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, _sent_message(sent))
            return redirect(_next(request, "friends"))
    return _page(request, form, status=400)


def _next(request: HttpRequest, default: str) -> str:
    """Go back to the person's page when the button was there."""
    target = request.POST.get("next", "")
    return target if target.startswith("/people/") else reverse(default)


@member
@require_POST
def accept(request: MemberRequest, pk: int) -> HttpResponse:
    try:
        friend = friends.accept_request(request.user, pk)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    messages.success(request, f"You and {friend.profile.name} are friends now.")
    return redirect(_next(request, "friends"))


@member
@require_POST
def decline(request: MemberRequest, pk: int) -> HttpResponse:
    try:
        friends.decline_request(request.user, pk)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    messages.success(request, "Declined. They won't be told.")
    return redirect("friends")


@member
@require_POST
def reset_invite(request: MemberRequest) -> HttpResponse:
    friends.reset_invite_link(request.user)
    messages.success(request, "Here is a new invite link. The old one no longer works.")
    return redirect(reverse("friends") + "#invite")


def invite(request: HttpRequest, token: str) -> HttpResponse:
    """Someone's invite link: who invited you, and one button to be friends.

    Signed out, it goes through sign-up (or log-in) and comes back here.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("account_signup"))
    return _invite(request, token)  # type: ignore[arg-type]


@member
def _invite(request: MemberRequest, token: str) -> HttpResponse:
    try:
        inviter = friends.inviter_for(request.user, token)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    if request.method == "POST":
        try:
            sent = friends.accept_invite(request.user, token)
        except TooMany as refused:
            return too_many(request, refused)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _sent_message(sent))
            return redirect("person", inviter.get_username())
    context = {
        "inviter": inviter,
        "own": inviter.pk == request.user.pk,
        "relation": relation_between(request.user, inviter),
    }
    return render(request, "web/friend_invite.html", context)


def person(request: HttpRequest, username: str) -> HttpResponse:
    """A person's page: only what they share with the viewer; else the same 404 as no one."""
    viewer = request.user if request.user.is_authenticated else None
    try:
        view = view_person(viewer, username)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    context = {"view": view, "asks": [as_shared(ask) for ask in view.asks]}
    return render(request, "web/person.html", context)


def _act(request: MemberRequest, username: str, action: Any, line: str) -> HttpResponse:
    try:
        person = action(request.user, username)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect("friends")
    name = person.profile.name if person is not None else username
    messages.success(request, line.format(name=name))
    return redirect(_next(request, "friends"))


def _returning(action: Any) -> Any:
    """Wrap a use case that returns nothing so `_act` can name the person."""

    def run(user: Any, username: str) -> Any:
        action(user, username)
        return friends.person_named(None, username)

    return run


@member
@require_POST
def unfriend(request: MemberRequest, username: str) -> HttpResponse:
    line = "You and {name} are no longer friends. They won't be told."
    return _act(request, username, _returning(friends.remove_friend), line)


@member
@require_POST
def block(request: MemberRequest, username: str) -> HttpResponse:
    try:
        person = blocks.block(request.user, username)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect("friends")
    messages.success(
        request, f"Blocked {person.profile.name}. You won't see each other; they won't be told."
    )
    return redirect("friends")


@member
@require_POST
def unblock(request: MemberRequest, username: str) -> HttpResponse:
    return _act(request, username, _returning(blocks.unblock), "Unblocked {name}.")


@member
@require_POST
def mute(request: MemberRequest, username: str) -> HttpResponse:
    line = "Muted {name}: their asks stay out of your feed. They won't be told."
    return _act(request, username, blocks.mute, line)


@member
@require_POST
def unmute(request: MemberRequest, username: str) -> HttpResponse:
    return _act(request, username, _returning(blocks.unmute), "Unmuted {name}.")


@member
@require_POST
def public_profile(request: MemberRequest) -> HttpResponse:
    """Settings: about me and the public profile (after confirming 18 or over)."""
    from rejection.web.views.account import settings_with

    profile = request.user.profile
    form = PublicProfileForm(request.POST)
    if form.is_valid():
        changes = read_into(
            form, ProfileChanges, form.changes(profile.adult_confirmed_at is not None)
        )
        if changes is not None:
            try:
                change_profile(request.user, changes)
            except Refused as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, "Profile saved.")
                return redirect(reverse("settings") + "#people-title")
    return settings_with(request, public_form=form)
