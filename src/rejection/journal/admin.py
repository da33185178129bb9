"""Admin for attempts and day tallies (support and debugging; history is the user's)."""

from __future__ import annotations

from django.contrib import admin

from rejection.journal.models import Attempt, DayTally


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "outcome", "local_date", "points", "visibility")
    list_filter = ("outcome", "visibility")
    search_fields = ("ask", "user__username")
    date_hierarchy = "occurred_at"
    list_select_related = ("user", "challenge")
    raw_id_fields = ("user", "challenge")
    # Tallies and counters follow writes made through the services, so the
    # admin reads attempts but does not edit them behind the services' back.
    readonly_fields = [field.name for field in Attempt._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(DayTally)
class DayTallyAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "local_date",
        "asks",
        "rejected",
        "no_response",
        "accepted",
        "points",
        "rest_day",
    )
    list_filter = ("rest_day",)
    search_fields = ("user__username",)
    list_select_related = ("user",)
    readonly_fields = [field.name for field in DayTally._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
