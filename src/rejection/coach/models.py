"""What the coach knows: the intake, each user's comfort per area, each challenge's
crowd-calibrated difficulty, and each user's ladder."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Intake(models.Model):
    """How uncomfortable each kind of situation feels (0-10), and what the user wants."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake"
    )
    ratings = models.JSONField(default=dict, help_text="Area → 0-10, how uncomfortable it feels.")
    focus = models.JSONField(default=list, help_text="Areas the user most wants to practise.")
    goals = models.TextField(max_length=1000, blank=True)
    skipped = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"intake of {self.user_id}"


class CoachState(models.Model):
    """The coach's running estimate of one user's comfort level per area."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_state"
    )
    levels = models.JSONField(
        default=dict, help_text="Area → expected anxiety before a difficulty-5 ask."
    )
    last_felt = models.JSONField(
        default=dict, help_text="Area → anxiety reported before the last ask."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"coach state of {self.user_id}"


class ChallengeRating(models.Model):
    """A challenge's difficulty re-estimated from everyone's attempts (authored as prior)."""

    challenge = models.OneToOneField(
        "challenges.Challenge",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="coach_rating",
    )
    # The intake area, copied from the challenge's category so the picker can find
    # the challenges near each area's target with one indexed range per area.
    area = models.CharField(max_length=20, default="strangers")
    difficulty = models.FloatField()
    count = models.PositiveIntegerField(default=0, help_text="Attempts with a felt anxiety.")

    class Meta:
        indexes = [models.Index(fields=["area", "difficulty"], name="rating_area_difficulty")]

    def __str__(self) -> str:
        return f"{self.challenge_id}: {self.difficulty:.1f} from {self.count}"


class LadderStep(models.Model):
    """One rung of a user's own ladder, easiest first."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ladder"
    )
    position = models.PositiveSmallIntegerField()
    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "position"], name="ladder_one_step_per_position"
            ),
            models.UniqueConstraint(fields=["user", "challenge"], name="ladder_challenge_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} #{self.position}: {self.challenge_id}"


class LearnedAttempt(models.Model):
    """Marks an ask the coach has learned from, so a job delivered twice teaches once."""

    # No constraint and nothing done on delete: a marker outliving its ask is harmless
    # (ids are never reused), and deleting an ask then costs no extra statement.
    attempt = models.OneToOneField(
        "journal.Attempt",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    learned_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"learned from {self.attempt_id}"
