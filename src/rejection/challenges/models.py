"""The challenge deck and users' private custom challenges."""

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
        """Return the deck plus the user's own custom challenges."""
        if user is None or not user.is_authenticated:
            return self.deck()
        return self.filter(Q(author__isnull=True) | Q(author=user))


class Challenge(models.Model):
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
        ]
        indexes = [models.Index(fields=["category", "difficulty"]), models.Index(fields=["author"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenge_detail", args=[self.pk])

    @property
    def is_custom(self) -> bool:
        return self.author_id is not None
