"""The minute's pass: find what is due, claim each one, decide, send, schedule the next.

Claiming is one conditional UPDATE (`... WHERE id = ? AND next_at = ?`) that also moves
`next_at` on; only the consumer whose update changed the row sends, so two consumers
never send the same reminder. A reminder is sent at most once: a delivery that fails
is logged, not retried (a late reminder is worse than none).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from rejection.accounts.services import profile_for
from rejection.core.time import zone
from rejection.journal.models import DayTally
from rejection.practice.today import pick_today
from rejection.progress.models import Enrollment
from rejection.reminders import mail, push
from rejection.reminders.models import PushSubscription, ReminderSettings
from rejection.reminders.scheduling import LATE_LIMIT, NUDGE_TIME, local_day, next_instant
from rejection.reminders.services import ALL_WEEK, confirmed_address

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# Rows claimed per pass and kind; a backlog is worked through pass after pass.
BATCH = 1000
REMINDER, NUDGE = "reminder", "nudge"


@dataclass
class Pass:
    """What one pass did, for the task's log and the tests."""

    sent: list[tuple[int, str, dt.date]] = field(default_factory=list)  # (user, kind, day)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (user, kind, why)
    lost: int = 0  # claimed by another consumer first


def due(now: dt.datetime, kind: str = REMINDER, limit: int = BATCH) -> list[ReminderSettings]:
    """Return the rows whose reminder (or nudge) is due at `now`, oldest first."""
    column = "next_at" if kind == REMINDER else "next_nudge_at"
    return list(
        ReminderSettings.objects.filter(**{f"{column}__lte": now})
        .select_related("user", "user__profile")
        .order_by(column)[:limit]
    )


def _why_not(row: ReminderSettings, kind: str, day: dt.date, late: dt.timedelta) -> str:
    """Return why this reminder is not to be sent, or "" to send it."""
    if late > LATE_LIMIT:
        return "late"
    if (row.last_reminded_on if kind == REMINDER else row.last_nudged_on) == day:
        return "already_today"
    tally = DayTally.objects.filter(user_id=row.user_id, local_date=day).first()
    if tally is not None and tally.rest_day:
        return "resting"
    if tally is not None and tally.asks:
        return "asked"
    enrollment = Enrollment.objects.filter(user_id=row.user_id, active=True).first()
    if enrollment is not None and enrollment.is_finished(day):
        return "program_ended"
    if kind == NUDGE and profile_for(row.user).streak_on(day) == 0:
        return "no_streak"
    return ""


def _claim(row: ReminderSettings, kind: str, now: dt.datetime, day: dt.date, send: bool) -> bool:
    """Move this row's next instant on, if no one else has; True when this pass won it."""
    tz = zone(profile_for(row.user).timezone)
    if kind == REMINDER:
        was, column, used = row.next_at, "next_at", "last_reminded_on"
        following = next_instant(now, row.local_time, row.days, tz)
    else:
        was, column, used = row.next_nudge_at, "next_nudge_at", "last_nudged_on"
        following = next_instant(now, NUDGE_TIME, ALL_WEEK, tz)
    changes: dict[str, object] = {column: following}
    if send:
        changes[used] = day
    won = ReminderSettings.objects.filter(pk=row.pk, **{column: was}).update(**changes)
    return won == 1


def _challenge_title(user: User, day: dt.date) -> str:
    try:
        return pick_today(user, day).challenge.title
    except Exception:  # an empty deck: the reminder goes out without a title
        logger.warning("No challenge for %s's reminder", user.pk, exc_info=True)
        return ""


def deliver(row: ReminderSettings, kind: str, day: dt.date) -> None:
    """Send one reminder or nudge on every channel the person chose."""
    user = row.user
    title = _challenge_title(user, day) if kind == REMINDER else ""
    message = mail.message_for(kind, title)
    if row.email:
        address = confirmed_address(user)
        if address:
            try:
                mail.send_reminder(user, address, message)
            except Exception:
                logger.warning("Reminder mail to %s failed", user.pk, exc_info=True)
    if row.push:
        for subscription in PushSubscription.objects.filter(user=user):
            status = push.send(subscription.as_info(), message.push_payload())
            if status in (404, 410):  # the browser unsubscribed: forget it
                subscription.delete()


# How a claimed reminder is sent: inline by default (tests, the benchmark's one thread);
# the periodic task hands each one to the job queue instead, so the consumers' workers
# send in parallel while the pass goes on claiming.
Sender = Callable[[ReminderSettings, str, dt.date], None]


def deliver_by_id(settings_id: int, kind: str, day: dt.date) -> None:
    """Send a reminder this pass has claimed, by its row's id (the queued job's body)."""
    row = ReminderSettings.objects.select_related("user", "user__profile").filter(pk=settings_id)
    found = row.first()
    if found is not None:
        deliver(found, kind, day)


def handle(
    row: ReminderSettings, kind: str, now: dt.datetime, report: Pass, send: Sender | None = None
) -> None:
    """Claim one due row, and send its reminder when it is still wanted."""
    tz = zone(profile_for(row.user).timezone)
    when = row.next_at if kind == REMINDER else row.next_nudge_at
    assert when is not None
    day = local_day(when, tz)
    why = _why_not(row, kind, day, now - when)
    if not _claim(row, kind, now, day, send=not why):
        report.lost += 1
        return
    if why:
        report.skipped.append((row.user_id, kind, why))
        return
    (send or deliver)(row, kind, day)
    report.sent.append((row.user_id, kind, day))


def run(now: dt.datetime | None = None, send: Sender | None = None) -> Pass:
    """Send every reminder and nudge due now (the periodic task calls this each minute)."""
    now = now or timezone.now()
    report = Pass()
    for kind in (REMINDER, NUDGE):
        for row in due(now, kind):
            try:
                handle(row, kind, now, report, send)
            except Exception:  # one person's failure never stops everyone else's
                logger.exception("Reminder for %s failed", row.user_id)
    return report
