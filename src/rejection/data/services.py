"""Data ownership: export everything, import our own export, delete the account.

The pages, the API and the CLI call these; the document's contract lives in
data.contracts and the import's checks in data.document and data.importing.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import router, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, FileField, Q, Value
from django.db.models.deletion import Collector
from django.utils import timezone

from rejection.accounts.days import user_today
from rejection.accounts.models import ApiToken
from rejection.challenges.models import Challenge
from rejection.coach.models import LearnedAttempt
from rejection.community.erasure import before_erase, community_export
from rejection.community.models import Friendship
from rejection.core.errors import Forbidden
from rejection.data.contracts import (
    FORMAT,
    VERSION,
    AccountDeletion,
    MalformedDocument,
    parse_export,
    read_document,
)
from rejection.data.importing import ImportReport, import_user
from rejection.groups.models import Membership
from rejection.groups.services import close_groups_owned_by
from rejection.journal.models import Attempt, DayTally
from rejection.journal.services import attempt_as_dict
from rejection.progress.models import Enrollment
from rejection.progress.queries import profile_summary

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "COLUMNS",
    "FORMAT",
    "IMPORT_LIMIT",
    "VERSION",
    "ImportReport",
    "MalformedDocument",
    "attempts_csv",
    "csv_cell",
    "delete_account",
    "erase_user",
    "export_filename",
    "export_json",
    "export_user",
    "import_user",
    "parse_export",
    "read_document",
]

# An import may be far larger than the 256 KiB every other request is held to.
IMPORT_LIMIT = 20 * 1024 * 1024
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The CSV header: the keys of journal.services.attempt_as_dict, in order.
COLUMNS = [
    "id", "challenge_id", "title", "ask", "outcome", "occurred_at", "local_date",
    "anxiety_before", "anxiety_after", "predicted_rejection", "feared_outcome",
    "what_happened", "learned", "tags", "visibility", "predicted_before", "points", "starred",
    "uuid", "resolved_at",
    "created_at", "updated_at",
]  # fmt: skip
# Session stores kept in django_session, which delete_account can search.
DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def csv_cell(value: Any) -> Any:
    """Return a value safe for a spreadsheet: text that could run as a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _attempts(user: User) -> Any:
    rows = Attempt.objects.select_related("challenge").filter(user=user)
    return rows.order_by("occurred_at", "id").iterator(chunk_size=500)


def _challenge_ref(attempt: Attempt) -> dict[str, Any] | None:
    """Name an attempt's challenge so another server can find it again."""
    challenge = attempt.challenge
    if challenge is None:
        return None
    if challenge.author_id is None:
        return {"deck_slug": challenge.slug}
    return {"custom": challenge.pk}


def _custom_challenge(challenge: Challenge) -> dict[str, Any]:
    return {
        "id": challenge.pk,  # the key attempts use to point at it, within this export
        "slug": challenge.slug,
        "title": challenge.title,
        "script": challenge.script,
        "where": challenge.where,
        "category": {"slug": challenge.category.slug, "name": challenge.category.name},
        "difficulty": challenge.difficulty,
        "tags": list(challenge.tags),
        "why": challenge.why,
        "safety": challenge.safety,
        "answer_later": challenge.answer_later,
        "is_custom": True,
    }


def _profile(user: User) -> dict[str, Any]:
    return {
        **profile_summary(user),
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
    }


def _friends_and_groups(user: User) -> dict[str, Any]:
    """The person's friends' usernames and the groups they are in now (with what each board
    shows of them), read in one query: a UNION, as the export has a budget of 10 like any page.
    """
    flags = ("show_days", "show_asks", "show_nos", "show_titles")
    columns = ("kind", "name", "at", "owner", *flags)
    friends = (
        Friendship.objects.filter(user=user)
        .order_by()
        .annotate(
            kind=Value("friend"),
            name=F("friend__username"),
            at=F("created_at"),
            owner=Value(False),
            **{flag: Value(False) for flag in flags},
        )
        .values_list(*columns)
    )
    groups = (
        Membership.objects.filter(user=user, removed_at__isnull=True)
        .order_by()
        .annotate(
            kind=Value("group"),
            name=F("group__name"),
            at=F("joined_at"),
            owner=ExpressionWrapper(Q(group__owner_id=user.pk), output_field=BooleanField()),
        )
        .values_list(*columns)
    )
    rows = sorted(friends.union(groups, all=True), key=lambda row: (row[0], row[2], row[1]))
    return {
        "friends": sorted(row[1] for row in rows if row[0] == "friend"),
        "groups": [
            {
                "name": name,
                "owner": bool(owner),
                "joined_at": at.isoformat(),
                "shows": [
                    part
                    for part, shown in zip(("days", "asks", "nos", "titles"), shows, strict=True)
                    if shown
                ],
            }
            for kind, name, at, owner, *shows in rows
            if kind == "group"
        ],
    }


def export_user(user: User) -> dict[str, Any]:
    """Return everything the user owns as one JSON-ready document; never a secret."""
    enrollments = Enrollment.objects.select_related("program").filter(user=user)
    custom = Challenge.objects.select_related("category").filter(author=user).order_by("id")
    rest_days = DayTally.objects.filter(user=user, rest_day=True).values_list(
        "local_date", flat=True
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": _profile(user),
        "enrollments": [
            {
                "program": item.program.slug,
                "program_name": item.program.name,
                "length_days": item.length_days,
                "start_date": item.start_date.isoformat(),
                "started_at": item.started_at.isoformat(),
                "active": item.active,
            }
            for item in enrollments
        ],
        "custom_challenges": [_custom_challenge(challenge) for challenge in custom],
        "attempts": [
            {**attempt_as_dict(attempt), "challenge": _challenge_ref(attempt)}
            for attempt in _attempts(user)
        ],
        "rest_days": [day.isoformat() for day in rest_days],
        # Metadata only, to recognise them; tokens are never imported.
        "tokens": [
            {
                "id": token.pk,
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            }
            for token in ApiToken.objects.filter(user=user)
        ],
        "community": {**community_export(user), **_friends_and_groups(user)},
    }


def export_json(user: User) -> str:
    """Return the export document as JSON text, every time to the microsecond."""
    return json.dumps(export_user(user), ensure_ascii=False, indent=1)


def attempts_csv(user: User) -> str:
    """Return the user's attempts as RFC 4180 CSV, with formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for attempt in _attempts(user):
        row = attempt_as_dict(attempt)
        writer.writerow([csv_cell(row.get(name)) for name in COLUMNS])
    return buffer.getvalue()


def export_filename(user: User, kind: str) -> str:
    """Name a download after the user's local day, e.g. rejection-attempts-2026-03-10.csv."""
    stamp = user_today(user).isoformat()
    return f"rejection-{kind}-{stamp}"


def _stored_files(collector: Collector) -> list[tuple[Any, str]]:
    """Return (storage, name) of every file held by a row about to be deleted."""
    found: list[tuple[Any, str]] = []
    for model, instances in collector.data.items():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
        for instance in instances:
            for field in fields:
                name = getattr(instance, field.attname)
                if name:
                    found.append((field.storage, str(name)))
    for queryset in collector.fast_deletes:
        model = queryset.model
        fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
        for field in fields:
            for name in queryset.values_list(field.attname, flat=True):
                if name:
                    found.append((field.storage, str(name)))
    return found


def _remove_files(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


def _delete_sessions(user: User) -> int:
    """Delete every stored session signed in as the user.

    Sessions are not indexed by user, so this decodes each one: a cost in the number of
    sessions on the server, fine for a small community; a busy server would want an index.
    """
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    key = str(user.pk)
    mine = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=500)
        if str(session.get_decoded().get("_auth_user_id", "")) == key
    ]
    for session_key in mine:
        store(session_key=session_key).delete()  # also clears a cached_db copy
    return len(mine)


def delete_account(user: User, deletion: AccountDeletion) -> None:
    """Delete the account and every row and file it owns, once its password confirms it."""
    if not user.check_password(deletion.password):
        raise Forbidden(
            "wrong_password", "That is not your password, so nothing was deleted.", "password"
        )
    erase_user(user)


def erase_user(user: User) -> None:
    """Delete a user with every row and stored file that belongs to them (no questions asked)."""
    using = router.db_for_write(type(user), instance=user)
    with transaction.atomic(using=using):
        # The groups they run close and their members are told (docs/community.md, Groups).
        close_groups_owned_by(user)
        before_erase(user)  # others' replies under their comments stay; reports close
        # The same collection user.delete() makes, kept to find the files it would orphan.
        collector = Collector(using=using, origin=user)
        collector.collect([user])
        files = _stored_files(collector)
        _delete_sessions(user)
        # Markers that reach an ask without a foreign key, so the collector cannot see them.
        LearnedAttempt.objects.filter(attempt__user=user).delete()
        collector.delete()
        transaction.on_commit(lambda: _remove_files(files), using=using)
