"""Programs (Classic 30, 100 Days, custom), enrolments and the daily pick."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

REROLLS_PER_DAY = 3
REST_DAYS_PER_30 = 2


class Program(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    length_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: the user chooses."
    )
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    length_days = models.PositiveSmallIntegerField()
    start_date = models.DateField(help_text="Day 1, in the user's local calendar.")
    started_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(active=True), name="enrollment_one_active_per_user"
            ),
            models.CheckConstraint(
                condition=Q(length_days__gte=1), name="enrollment_length_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} from {self.start_date}"

    def day_number(self, today: dt.date) -> int:
        """Return Day N: Day 1 is the start date, counted in local calendar days."""
        return (today - self.start_date).days + 1

    def is_finished(self, today: dt.date) -> bool:
        return self.day_number(today) > self.length_days


class DailyPick(models.Model):
    """Today's challenge, chosen once per local day so it stays put all day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="+"
    )
    why = models.CharField(max_length=200, blank=True)
    rerolls_used = models.PositiveSmallIntegerField(default=0)
    skipped = models.JSONField(default=list, help_text="Challenges rerolled away today.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="pick_one_per_user_day")
        ]
        indexes = [models.Index(fields=["user", "-local_date"], name="pick_user_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.local_date}"


class Badge(models.Model):
    """A milestone the user reached, awarded once and kept unless its reason is deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    awarded_on = models.DateField(help_text="The user's local day when it was earned.")
    awarded_at = models.DateTimeField()
    # The milestone receiver deletes the badges an ask explained in the same transaction
    # as the ask (constraints are checked at commit), so deleting an ask need not null
    # this first; reason_id is the same id kept as a plain number for that lookup.
    reason_attempt = models.ForeignKey(
        "journal.Attempt", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    reason_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["awarded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "code"], name="badge_one_per_user_code")
        ]
        indexes = [models.Index(fields=["user", "reason_id"], name="badge_user_reason")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.code}"
