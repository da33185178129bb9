"""The challenge deck, users' custom challenges, and sharing them after review."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Category(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ChallengeQuerySet(models.QuerySet["Challenge"]):
    def deck(self) -> ChallengeQuerySet:
        return self.filter(author__isnull=True)

    def visible_to(self, user: Any) -> ChallengeQuerySet:
        """Return the deck, approved shared challenges and the user's own custom ones.

        `Challenge.is_visible_to` is the same rule for one challenge in hand.
        """
        shown = Q(author__isnull=True) | Q(share_status=Challenge.Share.APPROVED)
        if user is None or not user.is_authenticated:
            return self.filter(shown)
        return self.filter(shown | Q(author=user))

    def usable_by_coach(self, user: Any) -> ChallengeQuerySet:
        """Return what the coach may suggest: the deck, approved shared ones, own clear ones."""
        usable = Q(author__isnull=True) | Q(share_status=Challenge.Share.APPROVED)
        if user is not None and user.is_authenticated:
            usable |= Q(author=user, safety_status=Challenge.Safety.CLEAR)
        return self.filter(usable)

    def awaiting_review(self) -> ChallengeQuerySet:
        """Shares waiting for a moderator, and texts the classifier held for a person to see."""
        return self.filter(
            Q(share_status=Challenge.Share.PENDING) | Q(safety_status=Challenge.Safety.HELD)
        )


class Challenge(models.Model):
    class Safety(models.TextChoices):
        CLEAR = "clear", "Clear"
        FLAGGED = "flagged", "Flagged"
        HELD = "held", "Held for review"

    class Decision(models.TextChoices):
        NONE = "", "Not reviewed"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    class Share(models.TextChoices):
        PRIVATE = "private", "Private"
        PENDING = "pending", "Awaiting review"
        APPROVED = "approved", "Shared with everyone"
        REJECTED = "rejected", "Not shared"

    slug = models.SlugField(max_length=80, unique=True, null=True, blank=True)
    title = models.CharField(max_length=120)
    script = models.TextField("what to say", max_length=1000, blank=True)
    where = models.CharField(max_length=300, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="challenges")
    difficulty = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    tags = models.JSONField(default=list, blank=True)
    why = models.TextField("why it helps", max_length=1000, blank=True)
    safety = models.TextField("safety and consent", max_length=1000, blank=True)
    answer_later = models.BooleanField(
        default=False, help_text="The answer arrives later (an e-mail or a message)."
    )
    # Null for the shipped deck; set for a user's own custom challenge.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custom_challenges",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The safety screen's answer for a custom challenge (the deck is always clear).
    safety_status = models.CharField(max_length=10, choices=Safety, default=Safety.CLEAR)
    safety_reasons = models.JSONField(default=list, blank=True)
    # What the screen saw: the category first crossed, the classifier's score (0..1, how likely
    # unsafe) and what fired (rule codes, or "classifier" for a held text).
    safety_category = models.CharField(max_length=20, blank=True)
    safety_score = models.FloatField(null=True, blank=True)
    safety_rule = models.CharField(max_length=200, blank=True)
    # A moderator's decision on a held (or shared) text: who, when, which way.
    safety_decision = models.CharField(max_length=10, choices=Decision, blank=True, default="")
    safety_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    safety_reviewed_at = models.DateTimeField(null=True, blank=True)
    # Sharing: private until the author asks, then a moderator approves or rejects.
    share_status = models.CharField(max_length=10, choices=Share, default=Share.PRIVATE)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField(max_length=1000, blank=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["difficulty", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=10), name="challenge_difficulty_1_10"
            ),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | Q(slug__isnull=False),
                name="challenge_deck_has_slug",
            ),
            models.CheckConstraint(
                condition=Q(safety_status="clear")
                | Q(share_status__in=["private", "rejected"])
                | Q(safety_status="held", share_status="pending"),
                name="challenge_flagged_never_shared",
            ),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | Q(share_status="private"),
                name="challenge_deck_not_moderated",
            ),
        ]
        indexes = [
            models.Index(fields=["category", "difficulty"]),
            models.Index(fields=["author"]),
            models.Index(fields=["share_status"], name="challenge_share_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenge_detail", args=[self.pk])

    @property
    def is_custom(self) -> bool:
        return self.author_id is not None

    @property
    def is_flagged(self) -> bool:
        return self.safety_status == self.Safety.FLAGGED

    @property
    def is_held(self) -> bool:
        return self.safety_status == self.Safety.HELD

    @property
    def safety_reason(self) -> str:
        return self.safety_reasons[0] if self.safety_reasons else ""

    @property
    def is_shared(self) -> bool:
        return self.share_status == self.Share.APPROVED

    def is_visible_to(self, user: Any) -> bool:
        """The rule of `ChallengeQuerySet.visible_to`, for one challenge already read."""
        if self.author_id is None or self.is_shared:
            return True
        return user is not None and user.is_authenticated and self.author_id == user.pk


class SharedChallenge(Challenge):
    """The moderation queue's view of challenges (a proxy: same table, own admin)."""

    class Meta:
        proxy = True
        verbose_name = "shared challenge awaiting review"
        verbose_name_plural = "shared challenges awaiting review"
