"""A media row never outlives its files, nor its files the row.

Whatever deletes the row (the owner, the ask's deletion, the account's erasure, a cascade
from anywhere), its files go once the deletion is committed; a rolled-back deletion keeps
them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from rejection.media import files
from rejection.media.models import Media


@receiver(post_delete, sender=Media, dispatch_uid="media_files_follow_their_row")
def delete_files(sender: Any, instance: Media, using: str, **kwargs: Any) -> None:
    names = instance.stored_names()
    if names:
        transaction.on_commit(lambda: files.delete(*names), using=using)
