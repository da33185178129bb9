"""Photos and videos on an ask: upload, the face review, the checklist, the clip, the files.

The owner's pages are 404 for everyone else; a file is served to whoever may see it
(rejection.media.access), anonymous visitors included for a public ask, and is a 404 exactly
like a missing one for anyone else.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from rejection.core.contracts import problems
from rejection.core.errors import Refused
from rejection.journal.models import Attempt
from rejection.media import services
from rejection.media.access import VARIANTS, file_name, may_see
from rejection.media.contracts import ConsentChecklist, KeptFaces
from rejection.media.models import ClipStatus, Media
from rejection.media.queries import BUSY, describe, faces_of
from rejection.media.serving import serve
from rejection.media.thumbs import face_thumbnail
from rejection.share.captions import caption_for
from rejection.share.queries import card_text
from rejection.web.access import MemberRequest, member, own_attempt


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _own_media(user: Any, pk: int) -> Media:
    return get_object_or_404(Media.objects.select_related("attempt"), pk=pk, owner=user)


@member
@require_POST
def upload(request: MemberRequest, pk: int) -> HttpResponse:
    attempt = own_attempt(request.user, pk)
    try:
        media = services.upload_media(request.user, attempt, request.FILES.get("file"))
    except Refused as refused:
        if _wants_json(request):
            return JsonResponse(
                {"error": refused.message, "field": refused.field or "file"}, status=422
            )
        from rejection.web.views.attempts import render_detail

        return render_detail(request, attempt, status=422, upload_error=refused.message)
    url = reverse("media_detail", args=[media.pk])
    if _wants_json(request):
        return JsonResponse({"id": media.pk, "status": media.status, "url": url}, status=201)
    return redirect(url)


def _context(media: Media) -> dict[str, Any]:
    attempt: Attempt = media.attempt
    context: dict[str, Any] = {
        "media": media,
        "item": describe(media, owner=True),
        "attempt": attempt,
        "faces": faces_of(media),
        "busy": media.status in BUSY,
        "making": media.clip_status == ClipStatus.MAKING,
    }
    if media.consent_at and (media.story or media.clip):
        # The share page's caption, with the same day as the clip's title.
        text = dataclasses.replace(card_text(attempt), day=services.day_number(attempt))
        context["caption"] = caption_for(text)
        context["variant_name"] = f"rejection-therapy-{media.pk}." + (
            "jpg" if media.kind == "photo" else "mp4"
        )
    return context


@member
def detail(request: MemberRequest, pk: int) -> HttpResponse:
    media = _own_media(request.user, pk)
    context = _context(media)
    if request.htmx and request.GET.get("poll"):
        if context["busy"] or context["making"]:
            return render(request, "web/_media_progress.html", context)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # finished: show the review in full
        return response
    return render(request, "web/media_detail.html", context)


def _back(media: Media) -> HttpResponse:
    return redirect("media_detail", media.pk)


def _refusal(request: MemberRequest, media: Media, message: str, status: int) -> HttpResponse:
    context = _context(media) | {"refusal": message}
    return render(request, "web/media_detail.html", context, status=status)


@member
@require_POST
def toggle_face(request: MemberRequest, pk: int) -> HttpResponse:
    media = _own_media(request.user, pk)
    raw = request.POST.get("face", "")
    if not raw.isdigit():
        return _refusal(request, media, "Choose a face to keep or blur.", 422)
    kept = set(media.kept_faces or [])
    kept ^= {int(raw)}
    try:
        services.keep_faces(request.user, media, KeptFaces(keep=sorted(kept)))
    except ValidationError:
        return _refusal(request, media, "That face is not in this photo or video.", 422)
    except Refused as refused:
        return _refusal(request, media, refused.message, refused.status)
    return _back(media)


@member
@require_POST
def done(request: MemberRequest, pk: int) -> HttpResponse:
    media = _own_media(request.user, pk)
    keep = request.POST.get("keep_original") == "on"
    try:
        services.finish_review(request.user, media, keep_original=keep)
    except Refused as refused:
        return _refusal(request, media, refused.message, refused.status)
    messages.success(
        request,
        "Review done. The original is kept privately, for you only."
        if keep
        else "Review done. The original is deleted; only the blurred copy is kept.",
    )
    return _back(media)


@member
@require_POST
def consent(request: MemberRequest, pk: int) -> HttpResponse:
    media = _own_media(request.user, pk)
    ticks = {name: request.POST.get(name) == "on" for name in ConsentChecklist.model_fields}
    try:
        checklist = ConsentChecklist(**ticks)
        services.confirm_consent(request.user, media, checklist)
    except ValidationError as error:
        context = _context(media) | {"consent_problems": problems(error.errors())}
        return render(request, "web/media_detail.html", context, status=422)
    except Refused as refused:
        return _refusal(request, media, refused.message, refused.status)
    messages.success(request, "Thank you for checking. People who can see this ask can see it.")
    return _back(media)


@member
@require_POST
def clip(request: MemberRequest, pk: int) -> HttpResponse:
    media = _own_media(request.user, pk)
    try:
        services.request_clip(request.user, media)
    except Refused as refused:
        return _refusal(request, media, refused.message, refused.status)
    return _back(media)


@member
def delete(request: MemberRequest, pk: int) -> HttpResponse:
    media = _own_media(request.user, pk)
    if request.method == "POST":
        attempt = media.attempt
        services.delete_media(request.user, media)
        messages.success(request, "Deleted, with every copy of it.")
        return redirect(attempt.get_absolute_url())
    return render(request, "web/media_delete.html", {"media": media, "attempt": media.attempt})


@member
def face(request: MemberRequest, pk: int, index: int) -> HttpResponse:
    """One face as filmed, from the original: its owner's alone, while the original exists."""
    media = _own_media(request.user, pk)
    picture = face_thumbnail(media, index)
    if picture is None:
        raise Http404("No such face.")
    response = HttpResponse(picture, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


def media_file(request: HttpRequest, pk: int, variant: str) -> HttpResponseBase:
    """Serve a file to whoever may see it; anyone else gets the 404 of a missing one."""
    if variant not in VARIANTS:
        raise Http404("No such file.")
    media = Media.objects.select_related("attempt").filter(pk=pk).first()
    if media is None or not may_see(request.user, media):
        raise Http404("No such file.")
    name = file_name(request.user, media, variant)
    if not name:
        raise Http404("No such file.")
    download = None
    if variant in ("story", "clip") and request.GET.get("download"):
        download = f"rejection-therapy-{media.pk}.{'jpg' if media.kind == 'photo' else 'mp4'}"
    return serve(request, name, download=download)
