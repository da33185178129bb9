"""How big a request may be, and how the pages answer when a limit is reached.

The API answers its own limits in its JSON error shape (rejection.api); this module holds
the size check both faces share and the pages' friendly 413 and 429.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# The API refuses oversized bodies itself (413 in its error shape; the import allows 20 MiB).
API_PREFIX = "/api/"

# The allauth rate-limit action behind each of its pages that can answer 429.
ALLAUTH_ACTIONS = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_complete_password_reset": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
    "account_reauthenticate": "reauthenticate",
    "account_change_phone": "change_phone",
}
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# When no configured period can be read: allauth's longest default window (failed log-ins).
FALLBACK_RETRY_AFTER = 300


def refuse_large_body(request: HttpRequest, limit: int | None = None) -> None:
    """Refuse an oversized body from its Content-Length, before anything reads it."""
    if request.method not in BODY_METHODS:
        return  # never read, so never refused
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if limit is None else limit
    if limit is not None and length > limit:
        raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")


# Room for a multipart body's boundaries, headers and other fields around the file.
MULTIPART_SLACK = 1024 * 1024


def upload_limit() -> int:
    """The largest multipart body anything takes: the largest upload plus the form around it."""
    return int(getattr(settings, "MEDIA_UPLOAD_MAX_BYTES", 0)) + MULTIPART_SLACK


def refuse_large_form(request: HttpRequest) -> None:
    """Refuse a page's oversized post the way Django would, but before any view sees it."""
    if request.content_type == "multipart/form-data":
        # Uploaded files do not count towards the limit (the data import takes 20 MB),
        # so only parsing can tell; the CSRF check would parse the form next anyway. Nothing
        # takes more than the largest upload (a video), refused before a byte is read.
        refuse_large_body(request, upload_limit())
        if request.method == "POST":
            request.POST  # noqa: B018 - parsed for its size check; Django keeps the result
        return
    refuse_large_body(request)


class PageBodyLimitMiddleware:
    """Answer 413 with a page, not Django's bare 400, when a form post is too large."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in BODY_METHODS and not request.path_info.startswith(API_PREFIX):
            try:
                refuse_large_form(request)
            except RequestDataTooBig:
                return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    """Render the friendly 413 page: nothing was saved, and what to do instead."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > upload_limit():  # a file: over the largest upload
        upload_mb = int(getattr(settings, "MEDIA_UPLOAD_MAX_BYTES", 0)) // (1024 * 1024)
        return render(request, "413.html", {"upload": True, "upload_mb": upload_mb}, status=413)
    limit_kb = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // 1024
    return render(request, "413.html", {"limit_kb": limit_kb}, status=413)


def period_seconds(rates: str) -> float | None:
    """Return the longest window in allauth rates like "20/m/ip,5/300s/key", or None."""
    longest = None
    for rate in rates.split(","):
        parts = rate.strip().split("/")
        if len(parts) < 2 or not parts[1] or parts[1][-1] not in _UNIT_SECONDS:
            continue
        amount, unit = parts[1][:-1], parts[1][-1]
        try:
            seconds = (float(amount) if amount else 1.0) * _UNIT_SECONDS[unit]
        except ValueError:
            continue
        longest = seconds if longest is None else max(longest, seconds)
    return longest


def retry_after(request: HttpRequest) -> int:
    """Return the seconds to wait after one of allauth's 429s.

    The window of the page's rate (from ACCOUNT_RATE_LIMITS over allauth's defaults) is
    the most anyone must wait, since the oldest counted try leaves it by then.
    """
    from allauth.account import app_settings

    rates: dict[str, str | None] = app_settings.RATE_LIMITS
    match = getattr(request, "resolver_match", None)
    action = ALLAUTH_ACTIONS.get(getattr(match, "url_name", "") or "")
    chosen = [rates.get(action)] if action else list(rates.values())
    periods = [period_seconds(rate) for rate in chosen if rate]
    known = [period for period in periods if period]
    return max(math.ceil(max(known)), 1) if known else FALLBACK_RETRY_AFTER


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """Answer allauth's rate limits (its `handler429` hook) with a page and Retry-After."""
    seconds = retry_after(request)
    context = {"minutes": math.ceil(seconds / 60)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
