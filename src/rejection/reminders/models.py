"""Reminder settings per person, their push subscriptions, and the calendar feed's secret.

The next reminder and the next evening nudge are stored as UTC instants (`next_at`,
`next_nudge_at`), computed from the person's local time and zone (reminders.scheduling),
so finding what is due is one indexed range scan whatever the zones.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

# Monday first, as Python's date.weekday() counts.
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAYS = (1 << 7) - 1
DEFAULT_TIME = dt.time(9, 0)


def new_calendar_secret() -> str:
    return secrets.token_urlsafe(24)


class ReminderSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    # Off until the person turns it on.
    enabled = models.BooleanField(default=False)
    local_time = models.TimeField(default=DEFAULT_TIME)
    # Bit n set: reminders on DAY_NAMES[n].
    days = models.PositiveSmallIntegerField(default=ALL_DAYS)
    push = models.BooleanField(default=True)
    email = models.BooleanField(default=False)
    streak_nudge = models.BooleanField(default=False)
    # The zone next_at was computed in; a profile in another zone is rescheduled.
    zone = models.CharField(max_length=64, default="UTC")
    next_at = models.DateTimeField(null=True, blank=True)
    next_nudge_at = models.DateTimeField(null=True, blank=True)
    # Local days already used, so a day never gets a second reminder or nudge.
    last_reminded_on = models.DateField(null=True, blank=True)
    last_nudged_on = models.DateField(null=True, blank=True)
    calendar_secret = models.CharField(max_length=64, unique=True, default=new_calendar_secret)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"
        indexes = [
            # Only scheduled rows are indexed: the minute's query reads a thin slice.
            models.Index(fields=["next_at"], condition=Q(next_at__isnull=False), name="rem_due"),
            models.Index(
                fields=["next_nudge_at"],
                condition=Q(next_nudge_at__isnull=False),
                name="rem_nudge_due",
            ),
        ]

    def __str__(self) -> str:
        return f"reminders of {self.user_id}"

    @property
    def day_names(self) -> list[str]:
        return [name for bit, name in enumerate(DAY_NAMES) if self.days & (1 << bit)]

    def on_weekday(self, weekday: int) -> bool:
        return bool(self.days & (1 << weekday))


def days_mask(names: list[str]) -> int:
    """Return the bit mask of a list of day names."""
    return sum(1 << DAY_NAMES.index(name) for name in set(names))


class PushSubscription(models.Model):
    """A browser's push subscription: where to post, and the keys to encrypt for it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=2048)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "endpoint"], name="push_one_per_endpoint")
        ]

    def __str__(self) -> str:
        return f"push {self.pk} of {self.user_id}"

    def as_info(self) -> dict[str, object]:
        """Return the subscription as pywebpush and browsers write it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
