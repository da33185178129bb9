"""One error shape for every failure, and the handlers that produce it.

Every error body is `{"error": {"code", "message", "fields"}}`; `fields` maps a
field name to its messages and is `{}` when no field is to blame.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as ContractError

from rejection.api.schemas.common import ErrorOut
from rejection.core.contracts import problems
from rejection.core.errors import Refused

logger = logging.getLogger(__name__)

# The machine code and default message for each status this API answers with.
STATUS_CODES: dict[int, tuple[str, str]] = {
    400: ("malformed", "The request body is not valid JSON."),
    401: ("unauthorized", "Send a valid token: Authorization: Bearer <token>."),
    403: ("forbidden", "That is not allowed."),
    404: ("not_found", "Nothing here, or nothing you can see."),
    405: ("method_not_allowed", "That method is not allowed here."),
    409: ("conflict", "That cannot be done right now."),
    413: ("too_large", "The request body is too large."),
    422: ("invalid", "Some fields need another look."),
    429: ("rate_limited", "Too many requests; wait a moment and try again."),
    500: ("server_error", "Something went wrong on our side; nothing was saved."),
}


class ApiError(Exception):
    """An answer other than success, raised anywhere in the API and rendered by one handler."""

    def __init__(
        self,
        status: int,
        code: str | None = None,
        message: str | None = None,
        fields: dict[str, list[str]] | None = None,
        category: str | None = None,
    ) -> None:
        default_code, default_message = STATUS_CODES.get(status, ("error", "Request failed."))
        self.status = status
        self.code = code or default_code
        self.message = message or default_message
        self.fields = fields or {}
        self.category = category  # only for text the safety screen refused
        super().__init__(self.message)


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Return the `response=` entries documenting the error statuses an operation may answer."""
    return dict.fromkeys(statuses, ErrorOut)


def error_body(
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
    category: str | None = None,
) -> dict:
    detail: dict = {"code": code, "message": message, "fields": fields or {}}
    if category:
        detail["category"] = category
    return {"error": detail}


def error_response(api: NinjaAPI, request: HttpRequest, error: ApiError) -> HttpResponse:
    body = error_body(error.code, error.message, error.fields, error.category)
    return api.create_response(request, body, status=error.status)


def django_fields(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    return {"__all__": [str(message) for message in error.messages]}


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers so every failure uses the one error shape."""

    def handle(status: int) -> Callable[[HttpRequest, Any], HttpResponse]:
        return lambda request, exc: error_response(api, request, ApiError(status))

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, exc)

    def on_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, ApiError(422, fields=problems(exc.errors)))

    def on_contract(request: HttpRequest, exc: Any) -> HttpResponse:
        # A document checked inside a view (the import) names problems by their full path.
        return error_response(api, request, ApiError(422, fields=problems(exc, indices=True)))

    def on_django_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, ApiError(422, fields=django_fields(exc)))

    def on_unauthorized(request: HttpRequest, exc: Any) -> HttpResponse:
        response = error_response(api, request, ApiError(401))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_throttled(request: HttpRequest, exc: Any) -> HttpResponse:
        response = error_response(api, request, ApiError(429))
        response["Retry-After"] = str(max(math.ceil(exc.wait or 1), 1))
        return response

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        # ninja raises HttpError(400, "Cannot parse request body") for bad JSON; keep our wording.
        return error_response(api, request, ApiError(exc.status_code))

    def on_refused(request: HttpRequest, exc: Any) -> HttpResponse:
        category = getattr(exc, "category", None)  # the safety screen's refusals carry one
        error = ApiError(exc.status, exc.code, exc.message, exc.fields, category)
        response = error_response(api, request, error)
        retry_after = getattr(exc, "retry_after", None)  # a service's rate limit (429)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    def on_unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
        return error_response(api, request, ApiError(500))

    api.add_exception_handler(Exception, on_unexpected)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(NinjaValidationError, on_invalid)
    api.add_exception_handler(ContractError, on_contract)
    api.add_exception_handler(DjangoValidationError, on_django_invalid)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_unauthorized)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(Refused, on_refused)
    api.add_exception_handler(Http404, handle(404))
    api.add_exception_handler(RequestDataTooBig, handle(413))
