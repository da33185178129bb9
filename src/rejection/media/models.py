"""Photos and short videos on an ask, their cleaned copies and the clip made from them.

Every file lives in the "media" storage (the data folder, or an S3-compatible bucket) under
a random name, and is served only through the app (rejection.media.access decides who may
see it). Deleting a row deletes its files (rejection.media.signals).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models


def media_storage() -> Storage:
    """The storage every media file goes to: STORAGES["media"] (settings.py)."""
    return storages["media"]


class Kind(models.TextChoices):
    PHOTO = "photo", "Photo"
    VIDEO = "video", "Video"


class Status(models.TextChoices):
    UPLOADED = "uploaded", "Waiting to be cleaned"
    PROCESSING = "processing", "Being cleaned"
    REVIEW = "review", "Faces to review"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be cleaned"


class ClipStatus(models.TextChoices):
    NONE = "", "Not made"
    MAKING = "making", "Being made"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be made"


# The stored files of a row, each with the column that counts its bytes (the quota).
FILE_FIELDS = (
    ("original", "original_bytes"),
    ("cleaned", "cleaned_bytes"),
    ("story", "story_bytes"),
    ("clip", "clip_bytes"),
)


class Media(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="media"
    )
    attempt = models.ForeignKey("journal.Attempt", on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # What the bytes said the upload was (jpeg, png, webp, heic, mp4, mov, webm).
    source_format = models.CharField(max_length=8)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0-100 while being cleaned
    error = models.CharField(max_length=300, blank=True)

    # The upload as it came, private to its owner while they review the faces; deleted when
    # the review is done or the media is shared, and after 7 days, unless kept privately.
    original = models.FileField(storage=media_storage, max_length=200, blank=True)
    original_bytes = models.PositiveBigIntegerField(default=0)
    keep_original = models.BooleanField(default=False)
    # Metadata stripped, every face not kept blurred: the only copy anyone else may see.
    cleaned = models.FileField(storage=media_storage, max_length=200, blank=True)
    cleaned_bytes = models.PositiveBigIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True)  # seconds, videos only

    # The faces found (a photo's boxes, a video's tracks), in the order shown, as JSON; and
    # the indexes of those the owner chose to keep unblurred.
    faces = models.JSONField(default=list, blank=True)
    kept_faces = models.JSONField(default=list, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The owner's checklist (everyone identifiable agreed or is blurred, no child is
    # identifiable, not a private place); until then the media is theirs alone.
    consent_at = models.DateTimeField(null=True, blank=True)

    # What people post: a 1080x1920 story image (photos) or clip (videos).
    clip_status = models.CharField(
        max_length=8, choices=ClipStatus.choices, default=ClipStatus.NONE, blank=True
    )
    story = models.FileField(storage=media_storage, max_length=200, blank=True)
    story_bytes = models.PositiveBigIntegerField(default=0)
    clip = models.FileField(storage=media_storage, max_length=200, blank=True)
    clip_bytes = models.PositiveBigIntegerField(default=0)

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["attempt", "created_at"], name="media_attempt_created"),
            models.Index(fields=["owner", "created_at"], name="media_owner_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="media_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} on ask {self.attempt_id}"

    @property
    def stored_bytes(self) -> int:
        return sum(getattr(self, column) for _, column in FILE_FIELDS)

    @property
    def variant(self) -> str:
        """The posting variant's name: a story image for a photo, a clip for a video."""
        return "story" if self.kind == Kind.PHOTO else "clip"

    def stored_names(self) -> list[str]:
        return [str(getattr(self, name)) for name, _ in FILE_FIELDS if getattr(self, name)]
