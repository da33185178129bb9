"""The reminders' background job (huey finds this module by its name): every minute."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from rejection.reminders.sending import run

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"))
def send_due_reminders() -> int:
    """Send the reminders and nudges due this minute; return how many went out."""
    report = run()
    if report.sent or report.skipped:
        logger.info("Reminders: %d sent, %d skipped", len(report.sent), len(report.skipped))
    return len(report.sent)
