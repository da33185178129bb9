"""The moderation queue: open reports, one row per reported thing, and the decisions on them.

Like the challenges' "shared challenges awaiting review": a list the moderators work through
with bulk actions (hide, restore, warn, suspend for 1, 7 or 30 days), and a page per row
with the reported words, every report's reason and note, and a form for one decision with a
note and a suspension's length. Each decision is logged in ModerationAction and closes the
reports on that thing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Min, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from rejection.community.models import ModerationAction, Report, ReportReason
from rejection.community.moderation import SUSPENSION_DAYS, decide, target_of, targets
from rejection.core.errors import Refused

Action = ModerationAction.Action
REASONS = dict(ReportReason.choices)


def _open() -> QuerySet[Report]:
    return Report.objects.filter(resolved_at__isnull=True)


class QueueChangeList(ChangeList):
    """Loads every row's reasons and reported words in a fixed number of queries."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        rows = list(self.result_list)
        pairs = [(row.target, row.target_id) for row in rows]
        found = targets(pairs)
        reasons: dict[tuple[str, int], Counter[str]] = {pair: Counter() for pair in pairs}
        if pairs:
            ids = {target_id for _, target_id in pairs}
            for kind, target_id, reason in (
                _open().filter(target_id__in=ids).values_list("target", "target_id", "reason")
            ):
                if (kind, target_id) in reasons:
                    reasons[(kind, target_id)][reason] += 1
        for row in rows:
            row.queue_target = found.get((row.target, row.target_id))
            row.queue_reasons = reasons[(row.target, row.target_id)]


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[
            ("", "Decide later"),
            (Action.HIDE, "Hide it (its author still sees it)"),
            (Action.RESTORE, "Restore it: show it again and close the reports"),
            (Action.WARN, "Warn its author with a kind note"),
            (Action.SUSPEND, "Suspend its author"),
        ],
        required=False,
    )
    days = forms.TypedChoiceField(
        choices=[(d, f"{d} day{'s' if d != 1 else ''}") for d in SUSPENSION_DAYS],
        coerce=int,
        initial=7,
        required=False,
        help_text="How long a suspension lasts.",
    )
    moderator_note = forms.CharField(
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For the moderators' log; the person is not shown it.",
    )

    class Meta:
        model = Report
        fields: tuple[str, ...] = ()


@admin.register(Report)
class ModerationQueueAdmin(admin.ModelAdmin):
    """Reported asks, comments and people awaiting a decision, most reported first."""

    form = DecisionForm
    list_display = ("target", "target_id", "reports", "reasons", "words", "belongs_to", "state")
    list_filter = ("target",)
    actions = ("hide", "restore", "warn", "suspend_1", "suspend_7", "suspend_30")
    readonly_fields = ("target", "target_id", "words", "belongs_to", "state", "every_report")
    fields = (*readonly_fields, "decision", "days", "moderator_note")

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return QueueChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # One row per reported thing: its oldest open report, with the open count.
        first = (
            _open()
            .filter(target=OuterRef("target"), target_id=OuterRef("target_id"))
            .values("target", "target_id")
            .annotate(first=Min("id"))
            .values("first")
        )
        count = (
            _open()
            .filter(target=OuterRef("target"), target_id=OuterRef("target_id"))
            .values("target", "target_id")
            .annotate(n=Count("id"))
            .values("n")
        )
        # Not super(): it would order by get_ordering() before the count is annotated.
        return Report.objects.filter(resolved_at__isnull=True, id=Subquery(first)).annotate(
            open_reports=Subquery(count)
        )

    def get_ordering(self, request: HttpRequest) -> tuple[str, ...]:
        return ("-open_reports", "created_at", "id")  # the most reported first

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _target(self, row: Report) -> Any:
        loaded = getattr(row, "queue_target", None)
        return loaded if loaded is not None else target_of(row.target, row.target_id)

    @admin.display(description="Reports", ordering="open_reports")
    def reports(self, row: Report) -> int:
        return int(getattr(row, "open_reports", 1) or 1)

    @admin.display(description="Reasons")
    def reasons(self, row: Report) -> str:
        counted = getattr(row, "queue_reasons", None) or Counter([row.reason])
        return ", ".join(f"{REASONS.get(r, r)} ({n})" for r, n in counted.most_common())

    @admin.display(description="What was reported")
    def words(self, row: Report) -> str:
        target = self._target(row)
        if target.owner is None:
            return "(no longer there)"
        return target.text[:200] or "(no text)"

    @admin.display(description="Belongs to")
    def belongs_to(self, row: Report) -> str:
        owner = self._target(row).owner
        return owner.get_username() if owner is not None else "—"

    @admin.display(description="Now")
    def state(self, row: Report) -> str:
        return "hidden" if self._target(row).hidden else "shown"

    @admin.display(description="Every open report")
    def every_report(self, row: Report) -> Any:
        rows = _open().filter(target=row.target, target_id=row.target_id).order_by("created_at")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {}{}</li>",
                (
                    (
                        item.created_at.strftime("%Y-%m-%d %H:%M"),
                        REASONS.get(item.reason, item.reason),
                        f": {item.note}" if item.note else "",
                    )
                    for item in rows
                ),
            ),
        )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        decision = form.cleaned_data.get("decision")
        if decision:
            days = form.cleaned_data.get("days") or 7
            note = form.cleaned_data.get("moderator_note", "")
            self._decide(request, [obj], decision, note, days)

    def _decide(
        self, request: HttpRequest, rows: list[Any], action: str, note: str = "", days: int = 7
    ) -> None:
        done = 0
        for row in rows:
            try:
                decide(request.user, row.target, row.target_id, action, note, days)
            except Refused as error:
                self.message_user(
                    request, f"{row.target} {row.target_id}: {error.message}", messages.WARNING
                )
            else:
                done += 1
        self.message_user(request, f"{Action(action).label}: {done} decided.")

    @admin.action(description="Hide: only its author still sees it")
    def hide(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), Action.HIDE)

    @admin.action(description="Restore: show it again and close the reports")
    def restore(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), Action.RESTORE)

    @admin.action(description="Warn its author with a kind note")
    def warn(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), Action.WARN)

    @admin.action(description="Suspend its author for 1 day")
    def suspend_1(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), Action.SUSPEND, days=1)

    @admin.action(description="Suspend its author for 7 days")
    def suspend_7(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), Action.SUSPEND, days=7)

    @admin.action(description="Suspend its author for 30 days")
    def suspend_30(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, list(queryset), Action.SUSPEND, days=30)


@admin.register(ModerationAction)
class ModerationLogAdmin(admin.ModelAdmin):
    """The log of every decision, read only."""

    list_display = ("created_at", "action", "target", "target_id", "moderator", "note")
    list_filter = ("action", "target")
    list_select_related = ("moderator",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
