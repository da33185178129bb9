"""Sharing an ask: the caption with editable hashtags, and the two card images."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from pydantic import ValidationError as ContractError

from rejection.core.contracts import check, problems
from rejection.share.captions import caption_for, default_hashtags
from rejection.share.cards import DEFAULT_THEME, SIZES, THEMES, render_card
from rejection.share.contracts import MAX_HASHTAG_LENGTH, MAX_HASHTAGS, Hashtags
from rejection.share.queries import card_text, shareable_attempt
from rejection.web.access import MemberRequest, member

LABELS = {"story": "Story", "square": "Square"}


class HashtagForm(forms.Form):
    """The hashtags of the caption, sent by GET: nothing is stored."""

    hashtags = forms.CharField(
        label="Hashtags",
        max_length=400,
        error_messages={"required": "Add at least one hashtag."},
        help_text=f"Up to {MAX_HASHTAGS}, separated by spaces. Letters, digits and _, "
        f"at most {MAX_HASHTAG_LENGTH} characters each.",
    )

    def clean_hashtags(self) -> list[str]:
        try:
            tags: list[str] = check(Hashtags, self.cleaned_data["hashtags"])
        except ContractError as error:
            raise ValidationError(problems(error)["__all__"]) from error
        return tags


def _theme(request: HttpRequest) -> str:
    theme = request.GET.get("theme", DEFAULT_THEME)
    return theme if theme in THEMES else DEFAULT_THEME


def _cards(pk: int, day: int | None, theme: str) -> list[dict[str, Any]]:
    stem = f"rejection-therapy-day-{day:02d}" if day else "rejection-therapy"
    query = "" if theme == DEFAULT_THEME else f"?theme={theme}"
    return [
        {
            "size": size,
            "label": LABELS[size],
            "width": spec.width,
            "height": spec.height,
            "url": reverse("attempt_card", args=[pk, size]) + query,
            "filename": f"{stem}-{size}{'' if theme == DEFAULT_THEME else '-' + theme}.png",
        }
        for size, spec in SIZES.items()
    ]


@member
def share(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = shareable_attempt(request.user, pk, owner_only=True)
    if attempt is None:
        raise Http404("No such ask.")
    text = card_text(attempt)
    tags = default_hashtags(text.outcome)
    form = HashtagForm(
        request.GET if "hashtags" in request.GET else None,
        initial={"hashtags": " ".join(f"#{tag}" for tag in tags)},
    )
    if form.is_bound and form.is_valid():
        tags = form.cleaned_data["hashtags"]
    theme = _theme(request)
    hashtags = request.GET.get("hashtags")
    context = {
        "attempt": attempt,
        "text": text,
        "form": form,
        "caption": caption_for(text, tags),
        "cards": _cards(attempt.pk, text.day, theme),
        "theme": theme,
        "themes": [
            {"key": key, "label": look.label, "current": key == theme}
            for key, look in THEMES.items()
        ],
        "hashtags": hashtags if form.is_bound and form.is_valid() else None,
    }
    return render(request, "web/share.html", context, status=400 if form.errors else 200)


@require_safe
def card(request: HttpRequest, pk: int, size: str) -> HttpResponse:
    """Answer the card PNG to its owner, or to anyone when the ask is public; else 404."""
    theme = request.GET.get("theme", DEFAULT_THEME)
    if size not in SIZES or theme not in THEMES:
        raise Http404("No such card size or theme.")
    attempt = shareable_attempt(request.user, pk)
    if attempt is None:
        raise Http404("No such ask.")
    response = HttpResponse(render_card(card_text(attempt), size, theme), content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response
