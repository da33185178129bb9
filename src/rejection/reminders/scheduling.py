"""When the next reminder is: local wall times turned into UTC instants, DST included.

Rules, each with a test in tests/rules/test_reminders_scheduling.py:
- A time that falls in a gap (02:30 on the night clocks go forward) is sent at the first
  valid instant after it: the moment the clocks jump (03:00 local in New York).
- A time that happens twice (01:30 on the night clocks go back) is sent once, at the
  first of the two (fold=0).
- The next reminder is the first chosen day, from the local day of `after` on, whose
  instant is strictly after `after`; so a reminder just sent never comes back that day.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

UTC = dt.UTC
# The evening "streak at risk" nudge, local time.
NUDGE_TIME = dt.time(20, 0)
# A reminder found later than this after its time (the consumer was down) is skipped.
LATE_LIMIT = dt.timedelta(hours=2)


def instant(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """Return the UTC instant of a local wall time, moving a time in a DST gap forward."""
    wall = dt.datetime.combine(day, time)
    first = wall.replace(tzinfo=zone, fold=0)
    moment = first.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) == wall:
        return moment  # it exists (the first of two when it happens twice)
    # A gap: the clocks jump over this time. fold=0 and fold=1 bracket the jump; the
    # first minute whose wall time is at or past the one asked for is the jump itself.
    other = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    low, high = min(moment, other), max(moment, other)
    while low < high:  # binary search over whole seconds
        middle = low + dt.timedelta(seconds=((high - low).total_seconds() // 2))
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle + dt.timedelta(seconds=1)
    return low


def next_instant(
    after: dt.datetime, time: dt.time, weekdays: int, zone: ZoneInfo
) -> dt.datetime | None:
    """Return the first instant of `time` on a chosen weekday strictly after `after`."""
    if not weekdays:
        return None
    day = after.astimezone(zone).date() - dt.timedelta(days=1)
    for offset in range(9):
        candidate = day + dt.timedelta(days=offset)
        if weekdays & (1 << candidate.weekday()):
            moment = instant(candidate, time, zone)
            if moment > after:
                return moment
    return None


def local_day(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    return moment.astimezone(zone).date()
