"""The community's background jobs (huey finds this module by its name)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from rejection.community.delivery import deliver


# Never retried: a late notification on a phone is worse than none; the bell still has it.
@db_task()
def deliver_notification(notification_id: int) -> None:
    """Send one notification on the push and e-mail channels its recipient chose."""
    deliver(notification_id)
