"""Groups that run a program together, and who is in them.

A group has Day 1 (`start_date`, its owner's local day when they made it) and a program
length; every member who follows the program has an ordinary `progress.Enrollment` with the
same Day 1, so "Day 5" means the same day of the program for everyone, each counted in their
own local calendar. A membership keeps what its member lets the board show of them.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

USER = settings.AUTH_USER_MODEL
NAME_LIMIT = 80
DESCRIPTION_LIMIT = 500
# Ten letters from 31 unambiguous ones (no 0/O, 1/I/L): about 50 bits, so guessing a code is
# hopeless within the API's rate limit, and it is short enough to read out in a class.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
CODE_PATTERN = f"^[{CODE_ALPHABET}{CODE_ALPHABET.lower()}]{{{CODE_LENGTH}}}$"


def new_code() -> str:
    """Return a fresh invite code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Group(models.Model):
    """A coach's cohort, a class or a team: a name, a program and an invite code."""

    name = models.CharField(max_length=NAME_LIMIT)
    description = models.TextField(max_length=DESCRIPTION_LIMIT, blank=True)
    # The name and description are the owner's words: deleting their account deletes the
    # group (after `close_groups_owned_by` has told its members); members keep their asks.
    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("progress.Program", on_delete=models.PROTECT, related_name="+")
    length_days = models.PositiveSmallIntegerField()
    start_date = models.DateField(help_text="Day 1, the owner's local day when they made it.")
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(length_days__gte=1), name="group_length_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("group_detail", args=[self.pk])

    def join_url(self) -> str:
        return reverse("group_join", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def day_number(self, today: dt.date) -> int:
        """Return the group's Day N on `today` (Day 1 is the start date), as enrolments do."""
        return (today - self.start_date).days + 1

    def is_running(self, today: dt.date) -> bool:
        return 1 <= self.day_number(today) <= self.length_days


class Membership(models.Model):
    """A person in a group, with what the weekly board may show of them.

    Leaving deletes the row (the person's asks were always theirs). Removal by the owner keeps
    it with `removed_at`, so the same code does not let them straight back in.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # What the board shows of this member; days and asks by default, the rest when ticked.
    show_days = models.BooleanField(default=True)
    show_asks = models.BooleanField(default=True)
    show_nos = models.BooleanField(default=False)
    show_titles = models.BooleanField(default=False)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_once"),
        ]
        indexes = [
            models.Index(
                fields=["user"], condition=Q(removed_at__isnull=True), name="membership_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}"
