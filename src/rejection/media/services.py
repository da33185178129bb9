"""Use cases for media on an ask: upload, clean, review the faces, consent, make the clip,
delete, and the sweep of originals left behind.

The upload checks what is cheap to check at once (the bytes' type, an image's header and
size, a video's duration) so a bad file is a 422 and nothing is kept; the cleaning itself
(faces, metadata) runs as a job (rejection.media.tasks) that writes its progress on the row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from rejection.core.errors import Conflict, NotFound, Refused
from rejection.journal.models import Attempt, Outcome
from rejection.media import files
from rejection.media.contracts import ConsentChecklist, KeptFaces
from rejection.media.models import FILE_FIELDS, ClipStatus, Kind, Media, Status
from rejection.media.processing.sniff import MediaRefused, sniff
from rejection.share.captions import BRAND, day_label
from rejection.share.queries import program_day

logger = logging.getLogger(__name__)

IMAGE_FORMATS = frozenset({"jpeg", "png", "webp", "heic"})
# How long an original may wait for its review before it is deleted anyway.
ORIGINAL_DAYS = 7
# The sticker at the end of a clip, by outcome.
OUTCOME_STICKERS: dict[str, str] = {
    Outcome.REJECTED: "NO",
    Outcome.NO_RESPONSE: "NO ANSWER",
    Outcome.PARTIAL: "HALF A YES",
    Outcome.ACCEPTED: "YES",
    Outcome.PENDING: "WAITING",
    Outcome.AVOIDED: "NEXT TIME",
    Outcome.IN_PROGRESS: "ASKING",
}


class UploadRefused(Refused):
    """A file that is not kept: wrong type, corrupt, too big, too long, over the quota."""

    status = 422

    def __init__(self, message: str, field: str = "file", code: str = "media_refused") -> None:
        super().__init__(code, message, field)


class NotThere(Conflict):
    """It names a face this media does not have (a fact of the data, not of the request)."""


# ---------------------------------------------------------------- quota


def used_bytes(user: Any) -> int:
    """Every stored byte of the person's media: originals, cleaned copies and variants."""
    columns = [column for _, column in FILE_FIELDS]
    total = Media.objects.filter(owner=user).aggregate(
        total=Sum(sum((F(column) for column in columns[1:]), F(columns[0])))
    )["total"]
    return int(total or 0)


def quota_bytes() -> int:
    return int(settings.MEDIA_QUOTA_BYTES)


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.0f} MB" if count >= 1_000_000 else f"{count / 1000:,.0f} kB"


def refuse_over_quota(user: Any, incoming: int) -> None:
    used, quota = used_bytes(user), quota_bytes()
    if used + incoming > quota:
        raise UploadRefused(
            f"Your space for photos and videos is full ({_megabytes(used)} of "
            f"{_megabytes(quota)} used). Delete a photo or video you no longer need, "
            "then try again.",
            code="media_quota_full",
        )


# ---------------------------------------------------------------- upload


def refuse_large_upload(size: int) -> None:
    limit = int(settings.MEDIA_UPLOAD_MAX_BYTES)
    if size > limit:
        raise UploadRefused(
            f"This file is {_megabytes(size)}; the largest we take is {_megabytes(limit)}. "
            "Trim the video or send a shorter one.",
            code="media_too_large",
        )


def _check(upload: Any) -> tuple[str, dict[str, Any]]:
    """Name the upload's format from its bytes and check what can be checked cheaply."""
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    try:
        kind = sniff(head)
        with files.local_copy(upload) as path:
            if kind in IMAGE_FORMATS:
                from rejection.media.processing.images import check_image

                check_image(path)
                return kind, {}
            from rejection.media.processing.video import probe

            info = probe(path)
    except MediaRefused as refused:
        raise UploadRefused(refused.reason) from refused
    return kind, {
        "duration": info.duration,
        "width": info.width,
        "height": info.height,
    }


def upload_media(user: Any, attempt: Attempt, upload: Any) -> Media:
    """Keep an upload on the owner's ask and queue its cleaning; refuse a bad file at once."""
    if attempt.user_id != user.pk:
        raise NotFound("No such ask.")
    if upload is None:
        raise UploadRefused("Choose a photo or a video.", code="media_missing")
    refuse_large_upload(upload.size)
    refuse_over_quota(user, upload.size)
    fmt, facts = _check(upload)
    name, size = files.save_upload(upload, "original", files.EXTENSIONS[fmt])
    try:
        with transaction.atomic():
            media = Media.objects.create(
                owner=user,
                attempt=attempt,
                kind=Kind.PHOTO if fmt in IMAGE_FORMATS else Kind.VIDEO,
                source_format=fmt,
                original=name,
                original_bytes=size,
                **facts,
            )
            _queue("process_media", media.pk)
    except BaseException:
        files.delete(name)
        raise
    return media


def _queue(task_name: str, *args: Any) -> None:
    from rejection.core.jobs import enqueue_after_commit
    from rejection.media import tasks

    enqueue_after_commit(getattr(tasks, task_name), *args)


# ---------------------------------------------------------------- cleaning (the job)


def _as_dict(item: Any) -> dict[str, Any]:
    if hasattr(item, "as_dict"):
        return dict(item.as_dict())
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return dict(item)


def _from_dict(cls: Any, data: dict[str, Any]) -> Any:
    if hasattr(cls, "from_dict"):
        return cls.from_dict(data)
    return cls(**data)


def progress_writer(media_id: int, low: int = 0, high: int = 99) -> Callable[..., None]:
    """A callback for the processing library: writes the percentage when it moves."""
    last = [-1]

    def report(*args: Any) -> None:
        if len(args) >= 2 and args[1]:
            fraction = float(args[0]) / float(args[1])
        elif args:
            value = float(args[0])
            fraction = value / 100 if value > 1 else value
        else:
            return
        percent = low + round(max(0.0, min(1.0, fraction)) * (high - low))
        if percent != last[0]:
            last[0] = percent
            Media.objects.filter(pk=media_id).update(progress=percent)

    return report


def face_box(face: dict[str, Any]) -> dict[str, float]:
    """The box to draw for a stored face: a photo's box, or a video track's first box."""
    if {"x", "y", "w", "h"} <= face.keys():
        return {key: float(face[key]) for key in ("x", "y", "w", "h")}
    frames = face.get("frames")
    if isinstance(frames, dict) and frames:
        # A video's track: where the detector was surest, as the owner should see it.
        best = max(frames.values(), key=lambda box: float(box.get("score", 0.0)))
        return face_box(best)
    for key in ("box", "first", "largest"):
        if isinstance(face.get(key), dict):
            return face_box(face[key])
    boxes = face.get("boxes") or []
    for item in boxes:
        box = item.get("box", item) if isinstance(item, dict) else None
        if isinstance(box, dict) and {"x", "y", "w", "h"} <= box.keys():
            return face_box(box)
        if isinstance(item, list | tuple) and len(item) >= 2 and isinstance(item[1], dict):
            return face_box(item[1])
    return {"x": 0.0, "y": 0.0, "w": 0.0, "h": 0.0}


def clean(media_id: int) -> None:
    """Clean one upload: strip metadata, blur every face not kept, from the private original."""
    media = Media.objects.filter(pk=media_id).first()
    if media is None:
        return  # deleted before its turn
    if not media.original:
        Media.objects.filter(pk=media_id).update(
            status=Status.FAILED, error="The original is gone, so it cannot be cleaned again."
        )
        return
    Media.objects.filter(pk=media_id).update(status=Status.PROCESSING, progress=0, error="")
    try:
        result = _clean(media)
    except MediaRefused as refused:
        Media.objects.filter(pk=media_id).update(status=Status.FAILED, error=refused.reason[:300])
        return
    except Exception:
        logger.exception("Cleaning media %s failed", media_id)
        Media.objects.filter(pk=media_id).update(
            status=Status.FAILED, error="Something went wrong while cleaning it; try again."
        )
        return
    name, size, faces, width, height = result
    with transaction.atomic():
        current = Media.objects.select_for_update().filter(pk=media_id).first()
        if current is None:
            files.delete(name)  # deleted while it was being cleaned
            return
        if sorted(current.kept_faces or []) != sorted(media.kept_faces or []):
            # The owner changed the faces to keep while this ran: a newer job renders that
            # choice, and this render (maybe unblurring a face now to be blurred) is dropped.
            files.delete(name)
            return
        old = str(current.cleaned)
        # A finished review stays finished when a kept face is changed afterwards.
        status = Status.READY if current.reviewed_at else Status.REVIEW
        Media.objects.filter(pk=media_id).update(
            cleaned=name,
            cleaned_bytes=size,
            faces=faces,
            width=width,
            height=height,
            status=status,
            progress=100,
        )
        if old:
            transaction.on_commit(lambda: files.delete(old))


def _clean(media: Media) -> tuple[str, int, list[dict[str, Any]], int | None, int | None]:
    keep = set(media.kept_faces or [])
    with files.workdir() as folder:
        source = files.fetch(str(media.original), folder, "original")
        report = progress_writer(media.pk)
        if media.kind == Kind.PHOTO:
            from rejection.media.processing.faces import Box
            from rejection.media.processing.images import clean_image

            target = folder / "cleaned.jpg"
            known = [_from_dict(Box, face) for face in media.faces] if media.faces else None
            report(0.1)
            image = clean_image(source, target, keep=keep, faces=known)
            faces = [_as_dict(face) for face in image.faces]
            name, size = files.save(target, "cleaned", "jpg")
            return name, size, faces, image.width, image.height
        from rejection.media.processing import video as processing_video

        target = folder / "cleaned.mp4"
        tracks = None
        if media.faces and hasattr(processing_video, "Track"):
            tracks = [_from_dict(processing_video.Track, face) for face in media.faces]
        # The owner names faces by their place in the list; a video names its tracks by id.
        ids = {int(media.faces[i].get("id", i)) for i in keep if i < len(media.faces)}
        clip = processing_video.clean_video(
            source, target, keep_tracks=ids, tracks=tracks, progress=report
        )
        fps = clip.info.fps or 1.0
        # When each face is on screen, so the review can show it (seconds, rounded).
        faces = [
            _as_dict(track)
            | {
                "first_s": round(track.first / fps, 2),
                "last_s": round(track.last / fps, 2),
                "best_s": round(track.best_frame / fps, 2),
            }
            for track in clip.tracks
        ]
        name, size = files.save(target, "cleaned", "mp4")
        return name, size, faces, clip.info.width, clip.info.height


# ---------------------------------------------------------------- review and consent


def _editable(user: Any, media: Media) -> None:
    if media.owner_id != user.pk:
        raise NotFound("No such photo or video.")
    if media.status in (Status.UPLOADED, Status.PROCESSING):
        raise Conflict("media_busy", "It is still being cleaned; try again in a moment.")


def keep_faces(user: Any, media: Media, kept: KeptFaces) -> Media:
    """Keep these faces unblurred (every other one blurred) and render it again."""
    _editable(user, media)
    count = len(media.faces or [])
    wrong = sorted(index for index in kept.keep if index >= count)
    if wrong:
        raise NotThere(
            "no_such_face",
            f"There {'is' if count == 1 else 'are'} {count} face{'' if count == 1 else 's'} "
            f"here, numbered from 0; {', '.join(map(str, wrong))} is not one of them.",
            "keep",
        )
    if not media.original:
        raise Conflict(
            "original_gone",
            "The original was deleted after your review, so faces can no longer be unblurred.",
            "keep",
        )
    wanted = sorted(set(kept.keep))
    if wanted == sorted(media.kept_faces or []) and media.status != Status.FAILED:
        return media
    with transaction.atomic():
        # Claimed under a lock: of two changes sent at once, the second waits and then finds
        # the first one's job under way.
        locked = Media.objects.select_for_update().get(pk=media.pk)
        _editable(user, locked)
        Media.objects.filter(pk=media.pk).update(
            kept_faces=wanted, status=Status.PROCESSING, progress=0
        )
        _queue("process_media", media.pk)
    media.refresh_from_db()
    return media


def finish_review(user: Any, media: Media, *, keep_original: bool = False) -> Media:
    """The faces are as the owner wants: the original is deleted unless kept privately."""
    _editable(user, media)
    if media.status == Status.FAILED:
        raise Conflict("media_failed", "This one could not be cleaned; delete it and try again.")
    with transaction.atomic():
        media = Media.objects.select_for_update().get(pk=media.pk)
        media.reviewed_at = media.reviewed_at or timezone.now()
        media.status = Status.READY
        media.keep_original = keep_original
        changed = ["reviewed_at", "status", "keep_original"]
        if not keep_original:
            changed += _drop_original(media)
        media.save(update_fields=changed)
    return media


def _drop_original(media: Media) -> list[str]:
    name = str(media.original)
    if not name:
        return []
    media.original = ""
    media.original_bytes = 0
    transaction.on_commit(lambda: files.delete(name))
    return ["original", "original_bytes"]


def confirm_consent(user: Any, media: Media, checklist: ConsentChecklist) -> Media:
    """Record the owner's checklist; sharing finishes the review if it was still open."""
    _editable(user, media)
    if media.status == Status.FAILED:
        raise Conflict("media_failed", "This one could not be cleaned; delete it and try again.")
    if media.status == Status.REVIEW:
        media = finish_review(user, media, keep_original=media.keep_original)
    media.consent_at = media.consent_at or timezone.now()
    media.save(update_fields=["consent_at"])
    return media


# ---------------------------------------------------------------- the clip


def day_number(attempt: Attempt) -> int:
    """The ask's day: its day in the person's program, else the days they have practised."""
    day = program_day(attempt.user_id, attempt.local_date)
    if day:
        return day
    return (
        Attempt.objects.filter(user_id=attempt.user_id, local_date__lte=attempt.local_date)
        .values("local_date")
        .distinct()
        .count()
    ) or 1


def clip_title(attempt: Attempt) -> str:
    """ "Rejection Therapy day 07: <the ask>", worded as the share card words the day."""
    return f"{BRAND} {day_label(day_number(attempt))}: {attempt.title}"


def request_clip(user: Any, media: Media) -> Media:
    """Queue the story image (a photo) or the vertical clip (a video)."""
    _editable(user, media)
    if media.status != Status.READY or not media.cleaned:
        raise Conflict("review_first", "Finish reviewing the faces first, then make your clip.")
    with transaction.atomic():
        Media.objects.filter(pk=media.pk).update(clip_status=ClipStatus.MAKING)
        _queue("make_clip", media.pk)
    media.refresh_from_db()
    return media


def render_variant(media_id: int) -> None:
    """The job: render the story image or the clip from the cleaned (blurred) copy."""
    media = Media.objects.select_related("attempt").filter(pk=media_id).first()
    if media is None or not media.cleaned:
        return
    processing_clip: Any = importlib.import_module("rejection.media.processing.clip")

    title = clip_title(media.attempt)
    sticker = OUTCOME_STICKERS.get(media.attempt.outcome, "")
    try:
        with files.workdir() as folder:
            source = files.fetch(str(media.cleaned), folder, "cleaned")
            if media.kind == Kind.PHOTO:
                target = folder / "story.jpg"
                processing_clip.render_story(source, target, title=title, outcome_label=sticker)
                name, size = files.save(target, "story", "jpg")
            else:
                target = folder / "clip.mp4"
                processing_clip.render_clip(source, target, title=title, outcome_label=sticker)
                name, size = files.save(target, "clip", "mp4")
    except Exception:
        logger.exception("Making the clip of media %s failed", media_id)
        Media.objects.filter(pk=media_id).update(clip_status=ClipStatus.FAILED)
        return
    field, column = ("story", "story_bytes") if media.kind == Kind.PHOTO else ("clip", "clip_bytes")
    with transaction.atomic():
        current = Media.objects.select_for_update().filter(pk=media_id).first()
        if current is None:
            files.delete(name)
            return
        old = str(getattr(current, field))
        Media.objects.filter(pk=media_id).update(
            **{field: name, column: size, "clip_status": ClipStatus.READY}
        )
        if old:
            transaction.on_commit(lambda: files.delete(old))


# ---------------------------------------------------------------- deleting


def delete_media(user: Any, media: Media) -> None:
    """Delete the media and every file of it (the signal removes them once committed)."""
    if media.owner_id != user.pk:
        raise NotFound("No such photo or video.")
    media.delete()


def purge_originals(now: dt.datetime | None = None) -> int:
    """Delete originals older than 7 days that their owner did not choose to keep."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=ORIGINAL_DAYS)
    stale = Media.objects.filter(created_at__lt=cutoff, keep_original=False).exclude(original="")
    count = 0
    for media in stale.iterator(chunk_size=200):
        with transaction.atomic():
            changed = _drop_original(media)
            if changed:
                media.save(update_fields=changed)
                count += 1
    return count
