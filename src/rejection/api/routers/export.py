"""Everything the caller owns, as JSON, or their attempts as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router

from rejection.accounts.models import ApiToken
from rejection.api import render
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.export import ExportOut
from rejection.challenges.models import Challenge
from rejection.journal.models import Attempt, DayTally
from rejection.journal.services import attempt_as_dict
from rejection.progress.models import Enrollment

router = Router(tags=["export"])
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The CSV header: the keys of journal.services.attempt_as_dict, in order.
COLUMNS = [
    "id", "challenge_id", "title", "ask", "outcome", "occurred_at", "local_date",
    "anxiety_before", "anxiety_after", "predicted_rejection", "feared_outcome",
    "what_happened", "learned", "tags", "visibility", "points", "starred", "uuid", "resolved_at",
    "created_at", "updated_at",
]  # fmt: skip
CSV_DOC = {
    "responses": {
        200: {
            "description": "Everything you own as JSON; with ?format=csv, your attempts as an "
            "RFC 4180 CSV attachment.",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }
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


def _attempts(user: Any) -> list[dict[str, Any]]:
    rows = (
        Attempt.objects.select_related("challenge").filter(user=user).order_by("occurred_at", "id")
    )
    return [attempt_as_dict(attempt) for attempt in rows.iterator(chunk_size=500)]


def attempts_csv(user: Any) -> HttpResponse:
    rows = _attempts(user)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = render.user_today(user).isoformat()
    response["Content-Disposition"] = f'attachment; filename="rejection-attempts-{stamp}.csv"'
    return response


@router.get(
    "/export",
    response={200: ExportOut, **errors(401, 422, 429)},
    summary="Everything you own, as JSON (or attempts as CSV)",
    openapi_extra=CSV_DOC,
)
def export(request: ApiRequest, fmt: Literal["json", "csv"] = Query("json", alias="format")) -> Any:
    user = request.auth
    if fmt == "csv":
        return attempts_csv(user)
    enrollments = Enrollment.objects.select_related("program").filter(user=user)
    return {
        "exported_at": timezone.now(),
        "profile": {
            **render.me(user),
            "email": user.email,
            "date_joined": user.date_joined,
        },
        "enrollments": [
            {
                "program": item.program.slug,
                "program_name": item.program.name,
                "length_days": item.length_days,
                "start_date": item.start_date,
                "started_at": item.started_at,
                "active": item.active,
            }
            for item in enrollments
        ],
        "custom_challenges": list(
            Challenge.objects.select_related("category").filter(author=user).order_by("id")
        ),
        "attempts": _attempts(user),
        "rest_days": list(
            DayTally.objects.filter(user=user, rest_day=True).values_list("local_date", flat=True)
        ),
        "tokens": list(ApiToken.objects.filter(user=user)),
    }
