"""Admin for programs, enrolments and daily picks."""

from __future__ import annotations

from django.contrib import admin

from rejection.progress.models import DailyPick, Enrollment, Program


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
