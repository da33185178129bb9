"""The media's background jobs (huey finds this module by its name)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rejection.media import services

logger = logging.getLogger(__name__)


@db_task()
def process_media(media_id: int) -> None:
    """Clean an upload (or render it again with other faces kept), writing its progress."""
    services.clean(media_id)


@db_task()
def make_clip(media_id: int) -> None:
    """Render the story image or the vertical clip from the cleaned copy."""
    services.render_variant(media_id)


@db_periodic_task(crontab(minute="17"))
def purge_old_originals() -> int:
    """Hourly: delete originals past their 7 days that nobody chose to keep."""
    count = services.purge_originals()
    if count:
        logger.info("Media: %d original(s) past 7 days deleted", count)
    return count
