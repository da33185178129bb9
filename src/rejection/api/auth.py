"""Bearer-token authentication and the rate limits of the API.

Rates come from `settings.API_THROTTLE_RATES` (scope -> "count/period"), read on
every request so a deployment or a test can change them without a restart.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.http.request import RawPostDataException
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from rejection.accounts.services import user_for_token
from rejection.core.limits import refuse_large_body

DEFAULT_RATES = {
    "signup": "10/h",  # per address
    "token": "20/m",  # per address
    # Per account named in the body, whatever the address: guesses spread over many
    # addresses get 240 a day at most, while a person setting up a few devices never
    # notices. Anyone can spend it, so it blocks only this endpoint: the log-in page and
    # the settings page's "new token" still work for the account's owner.
    "token_account": "10/h",
    "api": "600/m",  # per token, on every authenticated endpoint
}


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


def account_named(request: HttpRequest, field: str = "username") -> str | None:
    """Return the account a JSON body names, stripped and lower-cased, or None.

    Throttles run before ninja parses the body, so this reads it on its own and never
    raises: a body too large, not JSON or without the field names no account, and ninja
    then answers 413, 400 or 422 as it would anyway.
    """
    try:
        refuse_large_body(request)
        document = json.loads(request.body)
    except (RequestDataTooBig, RawPostDataException, OSError, ValueError, RecursionError):
        return None
    value = document.get(field) if isinstance(document, dict) else None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower()


class AccountThrottle(ScopedThrottle):
    """Limit each account a body names, so guesses spread over many addresses still add up."""

    def get_cache_key(self, request: HttpRequest) -> str | None:
        account = account_named(request)
        if account is None:
            return None  # nothing to count: the address limit still applies
        # Hashed: the key holds no one's username and no characters a cache might refuse.
        ident = hashlib.sha256(account.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ApiRequest(HttpRequest):
    """A request past BearerAuth: `auth` is the caller (for type checkers)."""

    auth: Any
