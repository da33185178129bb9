"""Handing work to the background queue (huey) once the write that asked for it is saved.

A job enqueued inside a transaction could be picked up before the commit and find
nothing, or run for a write that was rolled back; so jobs go on the queue only when
the transaction commits. In immediate mode (the tests, `JOBS_IMMEDIATE=true`) there is
no consumer and the job runs at once, inside the caller's transaction, so the caller
sees its effect and its errors, as if it were a plain function call.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_after_commit(task: Any, *args: Any) -> None:
    """Queue task(*args) when the current transaction commits, or run it now if immediate."""
    if task.huey.immediate:
        task.call_local(*args)
        return

    def enqueue() -> None:
        try:
            task(*args)
        except Exception:
            # The write is saved whatever happens to the queue; losing one job is the
            # lesser harm than answering a saved write with an error.
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(enqueue)
