"""Announced inside the write's transaction after every attempt write.

Apps above the journal (progress: milestones) listen here, so the journal never
imports them. A receiver may return a list of things the user just earned; the
service hands them back to the face that celebrates them.
"""

from django.dispatch import Signal

# Sent with: user, attempt, attempt_id, action ("created" | "updated" | "deleted").
# After "deleted" the attempt is gone (its pk is None); attempt_id says which it was.
attempt_changed = Signal()
