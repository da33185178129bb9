"""Reminders, push subscriptions and the calendar feed."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rejection.reminders.contracts import NewPushSubscription, ReminderChanges

__all__ = [
    "CalendarOut",
    "NewPushSubscription",
    "PushKeyOut",
    "ReminderChanges",
    "RemindersOut",
    "SubscriptionOut",
]


class RemindersOut(Schema):
    enabled: bool
    time: str = Field(description="Local time, HH:MM.")
    days: list[str] = Field(description="mon-sun, in week order.")
    push: bool
    email: bool
    streak_nudge: bool
    suggested_time: str | None = Field(
        description="HH:MM learned from your asks' local times, or null before any ask."
    )
    suggested_how: str = Field(description="How the suggested time was chosen.")
    email_confirmed: bool = Field(description="E-mail reminders wait for a confirmed address.")
    next_at: dt.datetime | None = Field(description="The next reminder's UTC instant, or null.")


class PushKeyOut(Schema):
    public_key: str = Field(description="The VAPID applicationServerKey, base64url.")


class SubscriptionOut(Schema):
    id: int


class CalendarOut(Schema):
    url: str = Field(description="Your private calendar feed (text/calendar); keep it secret.")
