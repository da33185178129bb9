"""Attempts (logged asks), per-day tallies and idempotency keys."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

TEXT_LIMIT = 5000
ASK_LIMIT = 300


class Outcome(models.TextChoices):
    """The outcomes and their words: the one source for tiles, filters, charts, the journal,
    share cards and the API's labels (`GET /api/v1/outcomes`)."""

    REJECTED = "rejected", "No"
    NO_RESPONSE = "no_response", "No response"
    PARTIAL = "partial", "Partly"
    ACCEPTED = "accepted", "Yes"
    PENDING = "pending", "Waiting"
    AVOIDED = "avoided", "Didn't ask"
    # Started ("I'm about to ask") and not finished yet: not an attempt until it is.
    IN_PROGRESS = "in_progress", "In progress"


NO_OUTCOMES = frozenset({Outcome.REJECTED, Outcome.NO_RESPONSE})
YES_OUTCOMES = frozenset({Outcome.ACCEPTED, Outcome.PARTIAL})
COMPLETED_OUTCOMES = NO_OUTCOMES | YES_OUTCOMES
# The outcomes an ask can end with: the tallies, points and streaks count only these.
FINISHED_OUTCOMES: tuple[str, ...] = tuple(o.value for o in Outcome if o != Outcome.IN_PROGRESS)


class Visibility(models.TextChoices):
    PRIVATE = "private", "Only me"
    FRIENDS = "friends", "Friends"
    PUBLIC = "public", "Public"


def _scale(top: int) -> list:
    return [MinValueValidator(0), MaxValueValidator(top)]


class Attempt(models.Model):
    # A stable public id: exports carry it, so importing the same file twice is a no-op.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ask = models.CharField(max_length=ASK_LIMIT, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    occurred_at = models.DateTimeField()
    # The user's calendar day when the ask happened, fixed at write time so a later
    # change of time zone never moves history.
    local_date = models.DateField()
    anxiety_before = models.PositiveSmallIntegerField(null=True, blank=True, validators=_scale(10))
    anxiety_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=_scale(10))
    predicted_rejection = models.PositiveSmallIntegerField(
        "predicted chance of a no (%)", null=True, blank=True, validators=_scale(100)
    )
    feared_outcome = models.TextField(max_length=TEXT_LIMIT, blank=True)
    what_happened = models.TextField(max_length=TEXT_LIMIT, blank=True)
    learned = models.TextField("what I learned", max_length=TEXT_LIMIT, blank=True)
    tags = models.JSONField(default=list, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    # Shown to the people who may see a shared ask only when ticked for that ask: the ask
    # itself, its outcome and day are what sharing shows; these stay private by default.
    share_feared = models.BooleanField(default=False)
    share_happened = models.BooleanField(default=False)
    share_learned = models.BooleanField(default=False)
    share_anxiety = models.BooleanField(default=False)
    # Set when three people reported it or a moderator hid it: only its owner still sees it.
    hidden_at = models.DateTimeField(null=True, blank=True)
    # True only when the chance of a no was written while the ask was still in progress,
    # before its answer was known: calibration uses only these honest predictions.
    predicted_before = models.BooleanField(default=False)
    points = models.PositiveSmallIntegerField(default=0)
    starred = models.BooleanField(default=False, help_text="The user's highlight of the week.")
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-occurred_at", "-id"], name="attempt_user_recent"),
            models.Index(fields=["user", "local_date"], name="attempt_user_day"),
            models.Index(fields=["user", "challenge", "local_date"], name="attempt_user_challenge"),
            models.Index(fields=["user", "outcome"], name="attempt_user_outcome"),
            # The feed and Discover: shared asks, newest first.
            models.Index(
                fields=["-occurred_at", "-id"],
                condition=~Q(visibility="private"),
                name="attempt_shared_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=[choice.value for choice in Outcome]),
                name="attempt_outcome_known",
            ),
            models.CheckConstraint(
                condition=Q(anxiety_before__lte=10) & Q(anxiety_after__lte=10),
                name="attempt_anxiety_0_10",
            ),
            models.CheckConstraint(
                condition=Q(predicted_rejection__lte=100), name="attempt_prediction_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.outcome})"

    def get_absolute_url(self) -> str:
        return reverse("attempt_detail", args=[self.pk])

    @property
    def title(self) -> str:
        if self.ask:
            return self.ask
        return self.challenge.title if self.challenge else "An ask"


class OutcomeTally(models.Model):
    """Counts of asks by outcome, with the sums behind the averages, for one slice of history.

    Sums and counts (not averages) so any range is one aggregate over tallies.
    """

    asks = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    no_response = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    partial = models.PositiveIntegerField(default=0)
    pending = models.PositiveIntegerField(default=0)
    avoided = models.PositiveIntegerField(default=0)
    anxiety_before_sum = models.PositiveIntegerField(default=0)
    anxiety_before_count = models.PositiveIntegerField(default=0)
    anxiety_after_sum = models.PositiveIntegerField(default=0)
    anxiety_after_count = models.PositiveIntegerField(default=0)
    predicted_sum = models.PositiveIntegerField(default=0, help_text="Over completed asks only.")
    predicted_count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def nos(self) -> int:
        return self.rejected + self.no_response

    @property
    def completed(self) -> int:
        return self.nos + self.accepted + self.partial


class DayTally(OutcomeTally):
    """One user's asks on one local day, kept in step with every attempt write."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="day_tallies"
    )
    local_date = models.DateField()
    points = models.PositiveIntegerField(default=0)
    rest_day = models.BooleanField(default=False)

    class Meta:
        ordering = ["local_date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="tally_one_per_user_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.local_date}"


class IdempotencyKey(models.Model):
    """The first answer to a retried write, saved with the write itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    # No database constraint and nothing done on delete: deleting an ask leaves the id
    # dangling, which a replay reads as "no attempt" (as a nulled key would), and saves the
    # delete a statement. The saved response still answers the replay.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    # A digest of the request body, so reusing a key for a different ask is refused.
    request_digest = models.CharField(max_length=64, blank=True)
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class CategoryTally(OutcomeTally):
    """One user's asks in one category (blank: free-text asks), kept with every write."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category_slug = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["category_slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category_slug"], name="category_tally_one_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category_slug or '(free text)'}"
