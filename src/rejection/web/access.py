"""Access helpers: load an object only if the signed-in user may see it, else 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rejection.accounts.models import ApiToken
from rejection.accounts.services import profile_for
from rejection.challenges.models import Challenge
from rejection.core.htmx import HtmxHttpRequest
from rejection.core.time import zone
from rejection.journal.models import Attempt

P = ParamSpec("P")


class MemberRequest(HtmxHttpRequest):
    """The request a ``member`` view receives: the user is signed in, never anonymous."""

    user: User


def member(
    view: Callable[Concatenate[MemberRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Require a signed-in user and read and show times in their own time zone."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        # login_required has turned anonymous visitors away and HtmxMiddleware has set
        # request.htmx, so this request is a MemberRequest.
        signed_in = cast(MemberRequest, request)
        with timezone.override(zone(profile_for(signed_in.user).timezone)):
            return view(signed_in, *args, **kwargs)

    return wrapped


def own_attempt(user: Any, pk: int) -> Attempt:
    """Return one of the user's attempts; anyone else's is a 404, never a 403."""
    return get_object_or_404(
        Attempt.objects.select_related("challenge__category"), pk=pk, user=user
    )


def visible_challenge(user: Any, pk: int) -> Challenge:
    """Return a deck challenge or one of the user's own custom ones."""
    return get_object_or_404(Challenge.objects.visible_to(user).select_related("category"), pk=pk)


def own_challenge(user: Any, pk: int) -> Challenge:
    """Return one of the user's own custom challenges; anyone else's is a 404."""
    return get_object_or_404(Challenge.objects.select_related("category"), pk=pk, author_id=user.pk)


def own_token(user: Any, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, pk=pk, user=user)
