"""Photos and short videos on an ask: upload, the face review, consent, the clip, the files.

Someone who may not see a media item (or its ask) gets 404 exactly as for one that does not
exist; anyone but the owner sees an item only once its owner confirmed the checklist, and
then only on an ask shared with them (docs/media.md).
"""

from __future__ import annotations

from typing import Any

from django.http.response import HttpResponseBase
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.params import Path

from rejection.api import auth
from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.schemas.common import MAX_ID
from rejection.api.schemas.media import (
    ConsentChecklist,
    FileParams,
    KeptFaces,
    MediaChanges,
    MediaCreated,
    MediaList,
    MediaOut,
)
from rejection.community.visibility import can_see_attempt
from rejection.core.limits import upload_limit
from rejection.journal.models import Attempt
from rejection.media import services
from rejection.media.access import file_name, may_see
from rejection.media.models import Media
from rejection.media.queries import describe, media_of_attempt
from rejection.media.serving import serve

router = Router(tags=["media"])
AttemptId = Path(..., ge=1, le=MAX_ID)
MediaId = Path(..., ge=1, le=MAX_ID)
UPLOAD = File(None, description="The photo or video.")


def _seen_attempt(request: ApiRequest, attempt_id: int) -> Attempt:
    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is None or not can_see_attempt(request.auth, attempt):
        raise ApiError(404)
    return attempt


def _seen(request: ApiRequest, media_id: int) -> Media:
    media = Media.objects.select_related("attempt").filter(pk=media_id).first()
    if media is None or not may_see(request.auth, media):
        raise ApiError(404)
    return media


def _own(request: ApiRequest, media_id: int) -> Media:
    media = Media.objects.select_related("attempt").filter(pk=media_id).first()
    if media is None or media.owner_id != request.auth.pk:
        raise ApiError(404)
    return media


def _out(request: ApiRequest, media: Media) -> dict[str, Any]:
    return describe(media, owner=media.owner_id == request.auth.pk)


@router.post(
    "/attempts/{attempt_id}/media",
    response={202: MediaCreated, **errors(400, 401, 404, 413, 422, 429)},
    auth=auth.BearerAuth(body_limit=upload_limit),
    summary="Attach a photo or a short video to your ask (multipart)",
    description="Send the file as multipart/form-data in the part `file`: a photo (JPEG, PNG, "
    "WebP, HEIC, at most 50 megapixels) or a video (MP4, MOV, WebM, at most 90 s and 200 MB). "
    "The type is read from the bytes, never the name. A file we will not take (corrupt, too "
    "big, too long, a decompression bomb, your space full) is a 422 naming `file`, and "
    "nothing is kept. Cleaning (metadata stripped, every face blurred) runs in the "
    "background: poll `GET /media/{id}` for its progress.",
)
def upload(
    request: ApiRequest, attempt_id: int = AttemptId, file: UploadedFile | None = UPLOAD
) -> Status:
    attempt = Attempt.objects.filter(pk=attempt_id, user=request.auth).first()
    if attempt is None:
        raise ApiError(404)
    media = services.upload_media(request.auth, attempt, file)
    return Status(202, {"id": media.pk, "status": media.status})


@router.get(
    "/attempts/{attempt_id}/media",
    response={200: MediaList, **errors(401, 404, 422, 429)},
    summary="The photos and videos on an ask you can see",
    description="All of them for the owner; for anyone the ask is shared with, those whose "
    "owner confirmed the checklist.",
)
def list_media(request: ApiRequest, attempt_id: int = AttemptId) -> dict[str, Any]:
    attempt = _seen_attempt(request, attempt_id)
    items = media_of_attempt(request.auth, attempt)
    owner = attempt.user_id == request.auth.pk
    return {"items": [describe(item, owner=owner) for item in items]}


@router.get(
    "/media/{media_id}",
    response={200: MediaOut, **errors(401, 404, 422, 429)},
    summary="One photo or video: its status, progress, faces and consent",
)
def get_media(request: ApiRequest, media_id: int = MediaId) -> dict[str, Any]:
    return _out(request, _seen(request, media_id))


@router.patch(
    "/media/{media_id}",
    response={200: MediaOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Review the faces, finish the review, confirm the checklist",
    description="`keep_faces` re-renders from the original (409 once the original is "
    "deleted); `done: true` finishes the review and deletes the original unless "
    "`keep_original` is true; `consent` (all three true) lets the people the ask is shared "
    "with see it, and finishes the review if it was open.",
)
def patch_media(request: ApiRequest, body: MediaChanges, media_id: int = MediaId) -> Any:
    media = _own(request, media_id)
    if body.keep_faces is not None:
        media = services.keep_faces(request.auth, media, KeptFaces(keep=body.keep_faces))
    if body.done:
        keep = media.keep_original if body.keep_original is None else body.keep_original
        media = services.finish_review(request.auth, media, keep_original=keep)
    elif body.keep_original is not None and media.reviewed_at is None:
        media.keep_original = body.keep_original
        media.save(update_fields=["keep_original"])
    if body.consent is not None:
        media = services.confirm_consent(request.auth, media, body.consent)
    media.refresh_from_db()
    return _out(request, media)


@router.post(
    "/media/{media_id}/faces",
    response={200: MediaOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Choose the faces to keep unblurred (every other one is blurred)",
)
def post_faces(request: ApiRequest, body: KeptFaces, media_id: int = MediaId) -> Any:
    media = services.keep_faces(request.auth, _own(request, media_id), body)
    return _out(request, media)


@router.post(
    "/media/{media_id}/consent",
    response={200: MediaOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Confirm the checklist before anyone else sees it or the clip is downloaded",
)
def post_consent(request: ApiRequest, body: ConsentChecklist, media_id: int = MediaId) -> Any:
    media = services.confirm_consent(request.auth, _own(request, media_id), body)
    return _out(request, media)


@router.post(
    "/media/{media_id}/clip",
    response={202: MediaOut, **errors(401, 404, 409, 413, 422, 429)},
    summary="Make the clip (a video) or the story image (a photo) to post",
    description='A vertical 1080x1920 file with the title "Rejection Therapy day 07: <the '
    'ask>" and the outcome. 409 until the faces are reviewed. Download it with '
    "`GET /media/{id}/file?variant=clip` (or `story`) once the checklist is confirmed.",
)
def post_clip(request: ApiRequest, media_id: int = MediaId) -> Status:
    media = services.request_clip(request.auth, _own(request, media_id))
    return Status(202, _out(request, media))


# The cleaned copies, stories and clips are JPEG or MP4; an original kept privately is
# whatever was uploaded.
FILE_TYPES = (
    "image/jpeg", "video/mp4", "image/png", "image/webp", "image/heic", "video/quicktime",
    "video/webm",
)  # fmt: skip
FILE_DOC = {
    "responses": {
        200: {
            "description": "The file (JPEG or MP4, an original as uploaded; byte ranges are "
            "honoured with 206). From an S3 store the answer is instead a 302 to a link "
            "signed for a few minutes.",
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}} for kind in FILE_TYPES
            },
        }
    }
}


@router.get(
    "/media/{media_id}/file",
    response={200: None, 206: None, 302: None, **errors(401, 404, 416, 422, 429)},
    summary="Download a photo or video: blurred, original, story or clip",
    openapi_extra=FILE_DOC,
)
def get_file(
    request: ApiRequest, params: Query[FileParams], media_id: int = MediaId
) -> HttpResponseBase:
    media = _seen(request, media_id)
    name = file_name(request.auth, media, params.variant)
    if not name:
        raise ApiError(404)
    download = None
    if params.variant in ("story", "clip"):
        download = f"rejection-therapy-{media.pk}.{'jpg' if media.kind == 'photo' else 'mp4'}"
    return serve(request, name, download=download)


@router.delete("/media/{media_id}", response={204: None, **errors(401, 404, 422, 429)})
def delete_media(request: ApiRequest, media_id: int = MediaId) -> Status:
    services.delete_media(request.auth, _own(request, media_id))
    return Status(204, None)
