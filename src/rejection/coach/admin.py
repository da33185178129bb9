"""Admin for the coach: intakes and comfort levels to look at, and each challenge's
authored difficulty beside the one calibrated from everyone's asks."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from rejection.coach.models import ChallengeRating, CoachState, Intake, LadderStep


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the app from what users say and do; the admin may look, not change."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Intake)
class IntakeAdmin(ReadOnlyAdmin):
    list_display = ("user", "skipped", "focus", "updated_at")
    list_filter = ("skipped",)
    search_fields = ("user__username",)
    list_select_related = ("user",)
    date_hierarchy = "updated_at"


@admin.register(CoachState)
class CoachStateAdmin(ReadOnlyAdmin):
    list_display = ("user", "levels", "updated_at")
    search_fields = ("user__username",)
    list_select_related = ("user",)


@admin.register(ChallengeRating)
class ChallengeRatingAdmin(ReadOnlyAdmin):
    list_display = ("challenge", "category", "authored", "calibrated", "count")
    list_filter = ("challenge__category",)
    search_fields = ("challenge__title", "challenge__slug")
    list_select_related = ("challenge__category",)
    ordering = ("-count",)

    @admin.display(description="Category", ordering="challenge__category__name")
    def category(self, rating: ChallengeRating) -> str:
        return rating.challenge.category.name

    @admin.display(description="Authored difficulty", ordering="challenge__difficulty")
    def authored(self, rating: ChallengeRating) -> int:
        return rating.challenge.difficulty

    @admin.display(description="Calibrated difficulty", ordering="difficulty")
    def calibrated(self, rating: ChallengeRating) -> str:
        return f"{rating.difficulty:.1f}"


@admin.register(LadderStep)
class LadderStepAdmin(ReadOnlyAdmin):
    list_display = ("user", "position", "challenge")
    search_fields = ("user__username", "challenge__title")
    list_select_related = ("user", "challenge")
