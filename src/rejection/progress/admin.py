"""Admin for programs, enrolments, daily picks and badges."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from rejection.progress.models import Badge, DailyPick, Enrollment, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "length_days", "position")
    search_fields = ("name", "slug")


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("user", "program", "length_days", "start_date", "active")
    list_filter = ("program", "active")
    search_fields = ("user__username",)
    list_select_related = ("user", "program")
    raw_id_fields = ("user",)


@admin.register(DailyPick)
class DailyPickAdmin(admin.ModelAdmin):
    list_display = ("user", "local_date", "challenge", "rerolls_used")
    search_fields = ("user__username",)
    list_select_related = ("user", "challenge")
    raw_id_fields = ("user", "challenge")
    date_hierarchy = "local_date"


@admin.register(Badge)
class BadgeAdmin(admin.ModelAdmin):
    """Badges are earned, never handed out: the admin may look, not change."""

    list_display = ("user", "code", "awarded_on", "reason_attempt")
    list_filter = ("code",)
    search_fields = ("user__username", "code")
    list_select_related = ("user", "reason_attempt")
    date_hierarchy = "awarded_on"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
