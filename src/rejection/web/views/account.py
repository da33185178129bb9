"""Settings: the profile and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.models import ApiToken
from rejection.accounts.services import create_token, profile_for, revoke_token
from rejection.community.profiles import change_profile
from rejection.core.errors import Refused
from rejection.reminders.services import follow_zone
from rejection.web.access import MemberRequest, member, own_token
from rejection.web.errors import add_refusal, read_into
from rejection.web.forms import ProfileForm, TokenForm
from rejection.web.friend_forms import PublicProfileForm, people_settings
from rejection.web.templatetags.ui import THEME_COOKIE, THEMES, theme_of


def _page(
    request: MemberRequest,
    profile_form: ProfileForm,
    token_form: TokenForm,
    public_form: PublicProfileForm | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": profile_form,
        "token_form": token_form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "theme": theme_of(request),
        **people_settings(request.user, public_form),
    }
    errors = profile_form.errors or token_form.errors or (public_form and public_form.errors)
    return render(request, "web/settings.html", context, status=400 if errors else 200)


def settings_with(request: MemberRequest, public_form: PublicProfileForm) -> HttpResponse:
    """The settings page showing what was wrong with the public profile form."""
    profile = profile_for(request.user)
    return _page(request, ProfileForm(initial=_initial(profile)), TokenForm(), public_form)


def _initial(profile: Any) -> dict[str, Any]:
    return {
        "display_name": profile.display_name,
        "timezone": profile.timezone,
        "streak_mode": profile.streak_mode,
    }


@member
def settings_page(request: MemberRequest) -> HttpResponse:
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, initial=_initial(profile))
    changes = None
    if request.method == "POST" and form.is_valid():
        changes = read_into(form, ProfileChanges, form.cleaned_data)
    if changes is not None:
        try:
            change_profile(request.user, changes)
        except Refused as refused:  # e.g. a display name the safety screen stops
            add_refusal(form, refused)
            return _page(request, form, TokenForm())
        follow_zone(request.user)
        messages.success(request, "Settings saved.")
        return redirect("settings")
    return _page(request, form, TokenForm())


@member
@require_POST
def token_create(request: MemberRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        profile = profile_for(request.user)
        return _page(request, ProfileForm(initial=_initial(profile)), form)
    token, raw = create_token(request.user, form.cleaned_data["name"])
    response = render(request, "web/token_created.html", {"token": token, "raw": raw})
    # The raw token is shown once: never keep this page in any cache.
    response["Cache-Control"] = "no-store"
    return response


@member
def token_revoke(request: MemberRequest, pk: int) -> HttpResponse:
    token = own_token(request.user, pk)
    if request.method == "POST":
        if not revoke_token(request.user, token.pk):
            raise Http404("No such token.")
        messages.success(
            request, f"Token “{token.name}” revoked. Anything using it stops working now."
        )
        return redirect("settings")
    return render(request, "web/token_revoke.html", {"token": token})


@member
@require_POST
def theme(request: MemberRequest) -> HttpResponse:
    """Keep the light/dark choice in a cookie ("device" clears it and follows the phone)."""
    choice = request.POST.get("theme", "")
    response = redirect("settings")
    if choice in THEMES:
        response.set_cookie(
            THEME_COOKIE, choice, max_age=365 * 24 * 3600, samesite="Lax",
            secure=request.is_secure(), httponly=True,
        )  # fmt: skip
    elif choice == "device":
        response.delete_cookie(THEME_COOKIE, samesite="Lax")
    else:
        messages.error(request, "Pick one of the three looks.")
        return response
    messages.success(request, "Look saved.")
    return response
