"""Admin for the deck, and the moderation queue for challenges users want to share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from rejection.challenges.models import Category, Challenge, SharedChallenge
from rejection.challenges.safety import screen_challenge
from rejection.challenges.services import ShareConflict, moderate

REJECT_NOTE = "A moderator kept this one private. It is still yours to use."


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "category",
        "difficulty",
        "answer_later",
        "author",
        "slug",
        "safety_status",
        "safety_category",
        "safety_score",
        "share_status",
    )
    list_filter = (
        "category",
        "difficulty",
        "answer_later",
        ("author", admin.EmptyFieldListFilter),
        "safety_status",
        "share_status",
    )
    search_fields = ("title", "script", "where", "slug")
    list_select_related = ("category", "author")
    raw_id_fields = ("author", "moderated_by")
    readonly_fields = (
        "safety_status",
        "safety_reasons",
        "safety_category",
        "safety_score",
        "safety_rule",
        "safety_decision",
        "safety_reviewed_by",
        "safety_reviewed_at",
        "moderated_by",
        "moderated_at",
    )
    ordering = ("category", "difficulty", "id")


def _reasons(challenge: Challenge) -> Any:
    """Show what the screen says now, so a moderator sees the same words the author saw."""
    screen = screen_challenge(challenge.title, challenge.script, challenge.where)
    score = f"score {screen.score:.2f}"
    if screen.ok:
        return f"Clear: no rule crossed. Classifier {score}."
    fired = "held by the classifier" if screen.held else f"rule: {screen.rule}"
    return format_html(
        "<p>{} ({}, {})</p><ul>{}</ul>",
        screen.category,
        fired,
        score,
        format_html_join("", "<li>{}</li>", ((r,) for r in screen.reasons)),
    )


class ReviewForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[
            ("", "Decide later"),
            ("approve", "Approve: share with everyone"),
            ("reject", "Reject: keep it private"),
        ],
        required=False,
    )

    class Meta:
        model = SharedChallenge
        fields = ("moderation_note",)


@admin.register(SharedChallenge)
class SharedChallengeAdmin(admin.ModelAdmin):
    """Shared challenges awaiting review: approve or reject, one by one or in bulk."""

    form = ReviewForm
    list_display = (
        "title",
        "author",
        "share_status",
        "safety_status",
        "safety_score",
        "safety_rule",
        "created_at",
        "screen",
    )
    list_filter = ("safety_status", "share_status")
    list_select_related = ("category", "author")
    search_fields = ("title", "script", "where", "author__username")
    ordering = ("created_at", "id")
    actions = ("approve", "reject")
    readonly_fields = (
        "title",
        "script",
        "where",
        "category",
        "difficulty",
        "author",
        "screen",
        "safety_score",
        "safety_rule",
        "safety_decision",
        "safety_reviewed_by",
        "safety_reviewed_at",
    )
    fields = (*readonly_fields, "decision", "moderation_note")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .filter(
                Q(share_status=Challenge.Share.PENDING) | Q(safety_status=Challenge.Safety.HELD)
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Safety screen")
    def screen(self, challenge: Challenge) -> Any:
        return _reasons(challenge)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        decision = form.cleaned_data.get("decision")
        note = form.cleaned_data.get("moderation_note", "")
        if not decision:
            obj.save(update_fields=["moderation_note"])
            return
        if decision == "reject":
            note = note or REJECT_NOTE
        self._decide(request, [obj], decision == "approve", note)

    @admin.action(description="Approve: share with everyone")
    def approve(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), True, "")

    @admin.action(description="Reject: keep it private to its author")
    def reject(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), False, REJECT_NOTE)

    def _decide(self, request: HttpRequest, rows: list[Any], approve: bool, note: str) -> None:
        done = 0
        for challenge in rows:
            try:
                moderate(request.user, challenge, approve, note)
            except ShareConflict as error:
                self.message_user(request, f"{challenge.title}: {error.message}", messages.WARNING)
            else:
                done += 1
        verb = "Approved" if approve else "Rejected"
        self.message_user(request, f"{verb} {done} challenge{'s' if done != 1 else ''}.")
