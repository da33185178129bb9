"""Profiles (time zone, streak mode, score counters) and hashed API tokens."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from rejection.core.time import is_valid_timezone

BIO_LIMIT = 500


class StreakMode(models.TextChoices):
    CLASSIC = "classic", "Classic: a day counts when it holds a no"
    GENTLE = "gentle", "Gentle: a day counts when you asked at all"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=80, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    streak_mode = models.CharField(
        max_length=10, choices=StreakMode.choices, default=StreakMode.CLASSIC
    )
    # Counters kept by journal.counters in the same transaction as every attempt
    # write, so pages read them instead of scanning history.
    points = models.PositiveIntegerField(default=0)
    current_streak = models.PositiveIntegerField(default=0)
    best_streak = models.PositiveIntegerField(default=0)
    # The last day of the newest run of counted or rest days; the run is still alive
    # while this is today or yesterday.
    streak_alive_through = models.DateField(null=True, blank=True)
    # When the person confirmed they are 16 or over (sign-up) and 18 or over (needed once
    # before a public profile can be turned on).
    age_confirmed_at = models.DateTimeField(null=True, blank=True)
    adult_confirmed_at = models.DateTimeField(null=True, blank=True)
    # A public profile lets this person share asks with everyone (Discover); off by default.
    public_profile = models.BooleanField(default=False)
    bio = models.CharField("about me", max_length=BIO_LIMIT, blank=True)
    # Set by a moderator: until then the person can read but not comment, cheer or share.
    suspended_until = models.DateTimeField(null=True, blank=True)
    # Bumped by every write to the journal, so read models can be cached until the next one.
    data_version = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            # The people whose public asks Discover and the feed show: a few of everyone, read
            # first so public asks are looked up per person (not every profile scanned).
            models.Index(
                fields=["user"], condition=models.Q(public_profile=True), name="profile_public"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_username()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not is_valid_timezone(self.timezone):
            raise ValidationError({"timezone": f"{self.timezone!r} is not a known time zone."})

    def streak_on(self, today: dt.date) -> int:
        """Return the current streak as seen on the given local day."""
        alive = self.streak_alive_through
        if alive is None or alive < today - dt.timedelta(days=1):
            return 0
        return self.current_streak


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    prefix = models.CharField(
        max_length=12, help_text="The first characters, to tell tokens apart."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
