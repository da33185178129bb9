"""The coach's background jobs (huey finds this module by its name)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from rejection.coach.learning import learn_once
from rejection.coach.state import teaches
from rejection.core.jobs import enqueue_after_commit
from rejection.journal.models import Attempt


# A few retries ride out a busy database; learn_once makes every retry safe.
@db_task(retries=3, retry_delay=10)
def learn_from_attempt(attempt_id: int) -> bool:
    """Move the user's comfort level and the challenge's difficulty from one new ask."""
    return learn_once(attempt_id)


def learn_later(attempt: Attempt) -> None:
    """Queue the coach's learning from a new ask, once the write commits (edits never teach)."""
    if teaches(attempt):
        enqueue_after_commit(learn_from_attempt, attempt.pk)
