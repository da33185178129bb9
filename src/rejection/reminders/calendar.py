"""The private calendar feed: the reminder as a daily event for the next 14 days.

Each event is written in the person's zone (DTSTART;TZID=...) with the zone's VTIMEZONE,
so calendars keep it at the same local time across a change of clocks. The title is the
day's challenge when it is already chosen (today's, usually), else a general one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from rejection.accounts.services import profile_for
from rejection.core.time import zone
from rejection.progress.models import DailyPick
from rejection.reminders.mail import absolute
from rejection.reminders.models import ReminderSettings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DAYS_AHEAD = 14
EVENT_MINUTES = 15
GENERAL_TITLE = "Today's ask"


def feed(row: ReminderSettings, user: User) -> bytes:
    """Return the iCalendar text of the person's reminders for the next 14 days."""
    # Imported here: only a calendar app's fetch needs it, not every worker (~4 MB).
    from icalendar import Calendar, Event, Timezone

    zone_name = profile_for(user).timezone
    tz = zone(zone_name)
    today = timezone.now().astimezone(tz).date()
    titles = dict(
        DailyPick.objects.filter(
            user=user, local_date__gte=today, local_date__lt=today + dt.timedelta(DAYS_AHEAD)
        ).values_list("local_date", "challenge__title")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Rejection Therapy//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Rejection Therapy")
    calendar.add("x-wr-timezone", zone_name)
    if row.enabled:
        start = dt.datetime.combine(today, row.local_time)
        end = start + dt.timedelta(days=DAYS_AHEAD)
        calendar.add_component(
            Timezone.from_tzinfo(tz, tzid=zone_name, first_date=start.date(), last_date=end.date())
        )
        for offset in range(DAYS_AHEAD):
            day = today + dt.timedelta(days=offset)
            if not row.on_weekday(day.weekday()):
                continue
            begins = dt.datetime.combine(day, row.local_time, tzinfo=tz)
            event = Event()
            event.add("uid", f"reminder-{user.pk}-{day.isoformat()}@rejection-therapy")
            event.add("summary", titles.get(day) or GENERAL_TITLE)
            event.add("dtstart", begins)
            event.add("dtend", begins + dt.timedelta(minutes=EVENT_MINUTES))
            event.add("dtstamp", timezone.now())
            event.add("url", absolute("/today/"))
            event.add("description", "One small ask today. Whatever the answer, asking counts.")
            calendar.add_component(event)
    return calendar.to_ical()
