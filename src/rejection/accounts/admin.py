"""Admin for profiles and API tokens (the digest is never shown)."""

from __future__ import annotations

from django.contrib import admin

from rejection.accounts.models import ApiToken, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "display_name",
        "timezone",
        "streak_mode",
        "points",
        "current_streak",
        "best_streak",
    )
    list_filter = ("streak_mode",)
    search_fields = ("user__username", "user__email", "display_name")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("points", "current_streak", "best_streak", "streak_alive_through")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = ("user", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
