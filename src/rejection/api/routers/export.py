"""Everything the caller owns, as JSON, or their attempts as CSV."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpResponse
from ninja import Query, Router

from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.export import ExportOut
from rejection.portability.services import attempts_csv, export_filename, export_json

router = Router(tags=["export"])
CSV_DOC = {
    "responses": {
        200: {
            "description": "Everything you own as JSON; with ?format=csv, your attempts as an "
            "RFC 4180 CSV attachment (cells that a spreadsheet would run as a formula start "
            "with a quote).",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }
}


@router.get(
    "/export",
    response={200: ExportOut, **errors(401, 422, 429)},
    summary="Everything you own, as JSON (or attempts as CSV)",
    description="The JSON document can be imported again with `POST /import`.",
    openapi_extra=CSV_DOC,
)
def export(request: ApiRequest, fmt: Literal["json", "csv"] = Query("json", alias="format")) -> Any:
    if fmt == "csv":
        response = HttpResponse(attempts_csv(request.auth), content_type="text/csv; charset=utf-8")
        name = export_filename(request.auth, "attempts")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    # Written by the service itself: the API's encoder would cut times to milliseconds,
    # and an export must keep them exactly. ExportOut still documents (and tests check) it.
    return HttpResponse(export_json(request.auth), content_type="application/json")
