"""Your data: export everything, import an export."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from rejection.api import auth
from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.schemas.data import ExportDocument, ImportReportOut
from rejection.data import services
from rejection.data.services import attempts_csv, export_filename, export_json

router = Router(tags=["data"])


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
    response={200: ExportDocument, **errors(401, 422, 429)},
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
    # and an export must keep them exactly. ExportDocument still documents (and tests check) it.
    return HttpResponse(export_json(request.auth), content_type="application/json")


def _read_body(request: HttpRequest) -> bytes:
    """Read the body from the stream: request.body would apply the global 256 KiB limit."""
    raw = request.read(services.IMPORT_LIMIT + 1)
    if len(raw) > services.IMPORT_LIMIT:
        raise RequestDataTooBig("The export is larger than the import limit.")
    return raw


DOCUMENT_REF = "#/components/schemas/ExportDocument"
IMPORT_DOC = {
    "requestBody": {
        "required": True,
        "description": "A document from `GET /export`, as it was downloaded (up to 20 MiB).",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ExportDocument"}}
        },
    }
}


@router.post(
    "/import",
    response={200: ImportReportOut, **errors(400, 401, 409, 413, 422, 429)},
    auth=auth.BearerAuth(body_limit=lambda: services.IMPORT_LIMIT),
    summary="Import an export into your account (safe to repeat)",
    description="Adds what the document holds that you do not have yet: asks are matched by "
    "`uuid`, so importing the same file twice changes nothing. Problems are named by their "
    "path, e.g. `attempts[3].outcome`: 422 for a field that breaks its rule, 409 for what "
    "does not fit this server or the rest of the file (an unknown program, a uuid twice, a "
    "local day far from its time). Nothing is saved unless the whole document is accepted.",
    openapi_extra=IMPORT_DOC,
)
def import_export(request: ApiRequest) -> dict[str, int]:
    if request.content_type != "application/json":
        raise ApiError(400, message="Send the export as Content-Type: application/json.")
    try:
        document = services.parse_export(_read_body(request))
    except services.MalformedDocument as error:
        raise ApiError(400) from error
    return services.import_user(request.auth, document).as_dict()
