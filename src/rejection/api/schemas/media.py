"""Photos and videos on an ask. The request bodies are the media app's contracts."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from rejection.core.contracts import Contract, Flag
from rejection.media.contracts import ConsentChecklist, FaceIndex, KeptFaces

__all__ = ["ConsentChecklist", "KeptFaces", "MediaChanges", "MediaCreated", "MediaList", "MediaOut"]

MediaStatus = Literal["uploaded", "processing", "review", "ready", "failed"]


class Box(Schema):
    x: float = Field(description="Left edge, in pixels of the cleaned file.")
    y: float = Field(description="Top edge, in pixels.")
    w: float = Field(description="Width, in pixels.")
    h: float = Field(description="Height, in pixels.")


class FaceOut(Schema):
    id: int = Field(description="The face's index, as PATCH keep_faces names it.")
    box: Box = Field(description="Where it is (in a video: where the face was first seen).")
    kept: bool = Field(description="True when left unblurred; every other face is blurred.")


class ConsentOut(Schema):
    confirmed: bool = Field(description="The owner confirmed the checklist; others may see it.")
    confirmed_at: dt.datetime | None


class MediaCreated(Schema):
    id: int
    status: MediaStatus


class MediaOut(Schema):
    id: int
    attempt_id: int
    kind: Literal["photo", "video"]
    status: MediaStatus = Field(
        description="uploaded and processing: being cleaned (see progress); review: faces to "
        "review; ready: reviewed; failed: could not be cleaned (see error)."
    )
    progress: int = Field(ge=0, le=100)
    width: int | None
    height: int | None
    duration: float | None = Field(description="Seconds, videos only.")
    created_at: dt.datetime
    has_blurred: bool = Field(description="The cleaned file is there: variant=blurred.")
    variant: Literal["story", "clip"] = Field(
        description="What is made to post: a story image for a photo, a clip for a video."
    )
    has_variant: bool
    # The owner's alone; absent (null) for anyone else.
    error: str | None = None
    faces: list[FaceOut] | None = None
    consent: ConsentOut | None = None
    keep_original: bool | None = None
    has_original: bool | None = None
    reviewed: bool | None = None
    clip_status: Literal["none", "making", "ready", "failed"] | None = None
    stored_bytes: int | None = None


class MediaList(Schema):
    items: list[MediaOut]


class MediaChanges(Contract):
    """Change the review: faces kept, review done (original kept or not), the checklist."""

    keep_faces: list[FaceIndex] | None = Field(
        None,
        max_length=200,
        description="Indexes of the faces to leave unblurred; re-renders from the original.",
    )
    done: Flag | None = Field(None, description="true finishes the review.")
    keep_original: Flag | None = Field(
        None,
        description="With done: keep the original privately instead of deleting it.",
    )
    consent: ConsentChecklist | None = Field(
        None, description="The checklist; all three must be true to let anyone else see it."
    )


class FileParams(Schema):
    variant: Literal["blurred", "original", "story", "clip"] = Field(
        "blurred",
        description="blurred: the cleaned copy; original: the upload (owner only, while kept); "
        "story / clip: what to post (after the checklist).",
    )
