"""What the Reminders section and `GET /reminders` show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse

from rejection.reminders.mail import absolute
from rejection.reminders.models import ReminderSettings
from rejection.reminders.services import confirmed_address, settings_for, suggested_time

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def calendar_url(row: ReminderSettings) -> str:
    return absolute(reverse("reminders_calendar", args=[row.calendar_secret]))


def reminders_view(user: User) -> dict[str, Any]:
    """Return the settings with the suggested time and the next instant."""
    row = settings_for(user)
    suggestion = suggested_time(user)
    return {
        "enabled": row.enabled,
        "time": row.local_time.strftime("%H:%M"),
        "days": row.day_names,
        "push": row.push,
        "email": row.email,
        "streak_nudge": row.streak_nudge,
        "suggested_time": suggestion.time.strftime("%H:%M") if suggestion.time else None,
        "suggested_how": suggestion.how,
        "email_confirmed": bool(confirmed_address(user)),
        "next_at": row.next_at,
    }
