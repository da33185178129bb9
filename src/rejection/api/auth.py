"""Bearer-token authentication and the rate limits of the API.

Rates come from `settings.API_THROTTLE_RATES` (scope -> "count/period"), read on
every request so a deployment or a test can change them without a restart.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from rejection.accounts.services import user_for_token

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
DEFAULT_RATES = {
    "signup": "10/h",  # per address
    "token": "20/m",  # per address
    "api": "600/m",  # per token, on every authenticated endpoint
}


def refuse_large_body(request: HttpRequest) -> None:
    """Refuse an oversized body from its Content-Length, before anything reads it."""
    if request.method not in BODY_METHODS:
        return  # never read, so never refused
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the request's `auth` is then the token's user."""

    def __call__(self, request: HttpRequest) -> Any:
        refuse_large_body(request)
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return user_for_token(token.strip())


class ScopedThrottle(SimpleRateThrottle):
    """A cache-backed sliding window whose rate is looked up per request."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__(rate=self.current_rate())

    def current_rate(self) -> str:
        rates = {**DEFAULT_RATES, **getattr(settings, "API_THROTTLE_RATES", {})}
        return rates[self.scope]

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.current_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def wait(self) -> float:
        """Return the seconds until the oldest counted request leaves the window."""
        if not self.history:
            return float(self.duration or 1)
        return max(self.duration - (self.now - self.history[-1]), 1.0)  # type: ignore[operator]

    def get_ident(self, request: HttpRequest) -> str | None:
        # X-Forwarded-For is only trusted when NINJA_NUM_PROXIES says how many proxies set it;
        # otherwise anyone could dodge the limit by sending a new header each time.
        from ninja.conf import settings as ninja_settings

        if ninja_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(ScopedThrottle):
    """Limit each bearer token (not each address: many phones share a carrier's address)."""

    def get_cache_key(self, request: HttpRequest) -> str | None:
        header = request.headers.get("Authorization", "")
        ident = hashlib.sha256(header.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ApiRequest(HttpRequest):
    """A request past BearerAuth: `auth` is the caller (for type checkers)."""

    auth: Any
