"""Announced inside the write's transaction after every attempt write.

Apps above the journal (progress: milestones) listen here, so the journal never
imports them. A receiver may return a list of things the user just earned; the
service hands them back to the face that celebrates them.
"""

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

# Sent with: user, attempt, attempt_id, action ("created" | "updated" | "deleted") and
# snapshot (journal.counters.Snapshot: the days before and after, and write_context values).
# After "deleted" the attempt is gone (its pk is None); attempt_id says which it was.
attempt_changed = Signal()

# Extra figures a receiver needs at write time, read in the same locked query as the
# user's day tallies so a write costs no more statements: name -> f(user_id) -> an
# expression (an uncorrelated subquery, evaluated once). Registered in AppConfig.ready.
write_context: dict[str, Callable[[int], Any]] = {}
