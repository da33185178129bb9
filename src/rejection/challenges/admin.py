"""Admin for the deck: browse by category and difficulty, search the words."""

from __future__ import annotations

from django.contrib import admin

from rejection.challenges.models import Category, Challenge


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "difficulty", "answer_later", "author", "slug")
    list_filter = ("category", "difficulty", "answer_later", ("author", admin.EmptyFieldListFilter))
    search_fields = ("title", "script", "where", "slug")
    list_select_related = ("category", "author")
    raw_id_fields = ("author",)
    ordering = ("category", "difficulty", "id")
