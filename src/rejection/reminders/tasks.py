"""The reminders' background jobs (huey finds this module by its name).

Every minute one pass finds and claims what is due; each claimed reminder is then sent by
its own job, so the consumers' workers send in parallel while the pass keeps claiming.
"""

from __future__ import annotations

import datetime as dt
import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rejection.core.jobs import enqueue_after_commit
from rejection.reminders.models import ReminderSettings
from rejection.reminders.sending import deliver_by_id, run

logger = logging.getLogger(__name__)


# Never retried: a reminder is sent at most once, and a late one is worse than none.
@db_task()
def send_reminder(settings_id: int, kind: str, day: str) -> None:
    """Send one claimed reminder or nudge on the person's channels."""
    deliver_by_id(settings_id, kind, dt.date.fromisoformat(day))


def _queue(row: ReminderSettings, kind: str, day: dt.date) -> None:
    enqueue_after_commit(send_reminder, row.pk, kind, day.isoformat())


@db_periodic_task(crontab(minute="*"))
def send_due_reminders() -> int:
    """Claim the reminders and nudges due this minute and queue each one's sending."""
    report = run(send=_queue)
    if report.sent or report.skipped:
        logger.info("Reminders: %d queued, %d skipped", len(report.sent), len(report.skipped))
    return len(report.sent)
