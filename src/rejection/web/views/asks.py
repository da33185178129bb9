"""The shared ask page: what its owner chose to show, cheers and comments.

Anyone `can_see_attempt` allows may open it; everyone else gets a 404, exactly as for an id
that does not exist (the owner's private asks included). Cheers toggle in one tap (an HTMX
swap, or a plain form post and a redirect without JavaScript).
"""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rejection.community import cheers, comments
from rejection.community.cheers import shared_ask_path
from rejection.community.feed import ask_card, cheers_on, shared_attempt
from rejection.community.limits import TooMany
from rejection.community.models import COMMENT_LIMIT, CheerKind
from rejection.community.standing import Suspended
from rejection.core.errors import Forbidden, NotFound, Refused
from rejection.core.htmx import wants_partial
from rejection.media.queries import media_for_card
from rejection.web.access import MemberRequest, member
from rejection.web.errors import add_refusal, read_into


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_LIMIT}),
        strip=False,
    )
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


def too_many(request: MemberRequest, refused: TooMany) -> HttpResponse:
    """The pages' 429 for a community rate limit: a kind pause, with Retry-After."""
    context = {"minutes": math.ceil(refused.retry_after / 60)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


def _visible(request: MemberRequest, pk: int) -> Any:
    try:
        return shared_attempt(request.user, pk)
    except NotFound:
        raise Http404 from None


def _page(
    request: MemberRequest, pk: int, form: CommentForm | None = None, status: int = 200
) -> HttpResponse:
    try:
        card = ask_card(request.user, pk)
    except NotFound:
        raise Http404 from None
    context = {"card": card, "form": form or CommentForm(), "reply_to": request.GET.get("reply")}
    context.update(media_for_card(card.id, mine=card.mine))
    return render(request, "web/ask.html", context, status=status)


@member
def ask_page(request: MemberRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


def _back(request: MemberRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@member
@require_POST
def cheer(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = _visible(request, pk)
    kind = request.POST.get("kind", "")
    if kind not in CheerKind.values:
        return HttpResponse("Choose a kind of cheer.", status=422, content_type="text/plain")
    try:
        cheers.toggle_cheer(request.user, attempt, kind)
    except TooMany as refused:
        return too_many(request, refused)
    except Suspended as refused:
        messages.info(request, refused.message)
        if wants_partial(request):
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    except Refused:
        pass  # one's own ask: the buttons only show the counts
    if wants_partial(request):
        counts, mine = cheers_on(request.user, attempt)
        card = {"id": attempt.pk, "mine": attempt.user_id == request.user.pk}
        cheer_list = [(k.value, str(k.label), counts[k.value], k.value in mine) for k in CheerKind]
        return render(
            request,
            "web/_cheers.html",
            {"card": card, "cheer_list": cheer_list, "next": request.POST.get("next", "")},
        )
    return HttpResponseRedirect(_back(request, shared_ask_path(attempt.pk)))


@member
@require_POST
def comment(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = _visible(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        values = {"body": form.cleaned_data["body"]}
        if form.cleaned_data.get("parent_id"):
            values["parent_id"] = form.cleaned_data["parent_id"]
        new = read_into(form, comments.NewComment, values)
        if new is not None:
            try:
                made = comments.add_comment(request.user, attempt, new)
            except TooMany as refused:
                return too_many(request, refused)
            except NotFound as refused:
                if refused.field != "parent_id":
                    raise Http404 from None
                add_refusal(form, refused)
            except Refused as refused:
                add_refusal(form, refused)
            else:
                return HttpResponseRedirect(f"{shared_ask_path(attempt.pk)}#comment-{made.pk}")
    return _page(request, pk, form, status=422)


def _own_comment(request: MemberRequest, pk: int) -> Any:
    try:
        return comments.find_comment(request.user, pk)
    except NotFound:
        raise Http404 from None


@member
def comment_edit(request: MemberRequest, pk: int) -> HttpResponse:
    found = _own_comment(request, pk)
    if found.author_id != request.user.pk:
        raise PermissionDenied
    form = CommentForm(request.POST or None, initial={"body": found.body})
    late = not comments.can_edit(request.user, found)
    if request.method == "POST" and form.is_valid():
        changes = read_into(form, comments.CommentChanges, {"body": form.cleaned_data["body"]})
        if changes is not None:
            try:
                comments.edit_comment(request.user, found, changes)
            except Suspended as refused:
                add_refusal(form, refused)
            except Forbidden:
                raise PermissionDenied from None
            except Refused as refused:
                add_refusal(form, refused)
            else:
                return HttpResponseRedirect(
                    f"{shared_ask_path(found.attempt_id)}#comment-{found.pk}"
                )
    status = 422 if request.method == "POST" else 200
    context = {"comment": found, "form": form, "late": late}
    return render(request, "web/comment_edit.html", context, status=status)


@member
def comment_delete(request: MemberRequest, pk: int) -> HttpResponse:
    found = _own_comment(request, pk)
    if not comments.can_delete(request.user, found, found.attempt):
        raise PermissionDenied
    if request.method == "POST":
        back = shared_ask_path(found.attempt_id)
        comments.delete_comment(request.user, found)
        return HttpResponseRedirect(back)
    return render(request, "web/comment_delete.html", {"comment": found})
