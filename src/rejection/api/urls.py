"""The JSON API v1: one NinjaAPI, its routers, its error handling and its URLs.

Mounted at /api/v1/ by rejection.urls; the OpenAPI document is /api/v1/openapi.json.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from rejection.api import errors
from rejection.api.auth import BearerAuth, TokenThrottle
from rejection.api.routers import (
    attempts,
    auth,
    challenges,
    coach,
    data,
    feed,
    friends,
    groups,
    me,
    notifications,
    programs,
    progress,
    reminders,
    share,
    today,
    tokens,
)

DESCRIPTION = """\
Practise asking for things where a no is likely, one ask a day.

Authenticate with `Authorization: Bearer <token>` (get one from `POST /auth/signup` or
`POST /auth/token`). Every error has the body `{"error": {"code", "message", "fields"}}`.
Lists take `?limit=` (1-100, default 20) and the opaque `?cursor=` from `next_cursor`.
"""

RETRY_AFTER = {
    "description": "Seconds to wait before trying again.",
    "schema": {"type": "integer", "minimum": 1},
}


class RejectionAPI(NinjaAPI):
    """NinjaAPI whose every URL answers in the one error shape, even outside an operation."""

    @property
    def urls(self) -> tuple[list[Any], str, str]:
        patterns, app_name, namespace = super().urls
        wrapped = [self._json_fallback(p) if isinstance(p, URLPattern) else p for p in patterns]
        unknown = csrf_exempt(self._unknown_path)
        wrapped.append(re_path(r"^.*$", unknown, name="api-unknown"))
        return wrapped, app_name, namespace

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation["responses"].items():
                    if str(status) == "429":
                        answer["headers"] = {"Retry-After": RETRY_AFTER}
        return schema

    def _json_fallback(self, pattern: URLPattern) -> URLPattern:
        view: Callable[..., HttpResponse] = pattern.callback

        @functools.wraps(view)
        def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                return self._error(request, 404)
            if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
                allowed = response.get("Allow", "")
                response = self._error(request, 405)
                response["Allow"] = allowed
            return response

        return URLPattern(pattern.pattern, answer, pattern.default_args, pattern.name)

    def _unknown_path(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._error(request, 404)

    def _error(self, request: HttpRequest, status: int) -> HttpResponse:
        return errors.error_response(self, request, errors.ApiError(status))


api = RejectionAPI(
    title="Rejection Therapy API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=BearerAuth(),
    throttle=[TokenThrottle("api")],
    # The docs page would load Swagger UI from a CDN unless "ninja" is an installed app;
    # the OpenAPI document itself is always served.
    docs_url=None,
)
errors.install(api)

api.add_router("/auth", auth.router)
for module in (
    me,
    programs,
    today,
    challenges,
    attempts,
    progress,
    data,
    tokens,
    share,
    coach,
    reminders,
    feed,
    friends,
    groups,
    notifications,
):
    api.add_router("", module.router)
