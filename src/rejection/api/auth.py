"""Bearer-token authentication and the rate limits of the API.

Rates come from `settings.API_THROTTLE_RATES` (scope -> "count/period"), read on
every request so a deployment or a test can change them without a restart.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
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
    """`Authorization: Bearer <token>`; the request's `auth` is then the token's user.

    `body_limit` lets an operation that takes files (an upload, an import) allow a larger body
    than the API's usual limit; the check still runs from Content-Length, before any read.
    """

    def __init__(self, body_limit: Callable[[], int] | None = None) -> None:
        super().__init__()
        self.body_limit = body_limit

    def __call__(self, request: HttpRequest) -> Any:
        if self.body_limit is None:
            refuse_large_body(request)
        else:
            refuse_large_body(request, self.body_limit())
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


# How often each process adds what it counted to the shared counter (see TokenThrottle);
# settings.API_THROTTLE_SYNC_SECONDS overrides it (0: on every request, as the tests do, so a
# request's query count never depends on how long the one before it took).
SYNC_SECONDS = 1.0
MAX_TALLIES = 10_000  # tokens tracked per process before old windows are dropped


@dataclass
class _Tally:
    """One caller's requests in one window, as this process knows them."""

    window: int
    shared: int = 0  # the shared counter when this process last read it
    pending: int = 0  # counted here since, not yet added to it
    synced_at: float = -math.inf


class TokenThrottle(ScopedThrottle):
    """Limit each bearer token (not each address: many phones share a carrier's address).

    Every authenticated request passes here. On Redis the limit is ninja's sliding window,
    shared exactly by every process (a read and a write in Redis per request). With no Redis
    the cache is a database table, and a write per read made every API read take SQLite's
    write lock (docs/performance.md, "Round two"), so there the limit is a fixed window
    (600 a minute: from :00 to :59), counted in each process and added to the shared counter
    in the cache at most once a second per caller and process, and whenever the local count
    reaches the limit. The trade-off: a caller spread over W processes may pass the limit by
    what the other processes counted in their last second (at most W seconds of its own
    rate), and, as with any fixed window, send up to twice the limit across a window's
    edge. A caller over the limit is refused without a write until the window ends.
    """

    _tallies: dict[str, _Tally] = {}
    _lock = threading.Lock()
    _retry_after = threading.local()  # for wait(), in the thread that was refused

    def get_cache_key(self, request: HttpRequest) -> str | None:
        header = request.headers.get("Authorization", "")
        ident = hashlib.sha256(header.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request: HttpRequest) -> bool:
        if not isinstance(caches["default"], DatabaseCache):
            self._retry_after.seconds = None  # ninja's own window says
            return super().allow_request(request)
        limit, duration = self.parse_rate(self.current_rate())
        key = self.get_cache_key(request)
        if key is None or limit is None or not duration:
            return True
        now = self.timer()  # type: ignore[misc]
        window = int(now // duration)
        self._retry_after.seconds = max((window + 1) * duration - now, 1.0)
        with self._lock:
            tally = self._tallies.get(key)
            if tally is None or tally.window != window:
                if len(self._tallies) >= MAX_TALLIES:
                    self._forget_old_windows(window)
                tally = self._tallies[key] = _Tally(window)
            # Full as far as this process knows: refused (counts only grow in a window),
            # once telling the others what it counted.
            refused = tally.shared + tally.pending >= limit
            if not refused and now - tally.synced_at < self.sync_seconds():
                tally.pending += 1
                return True
            flush = tally.pending + (0 if refused else 1)  # this request, if it may pass
            tally.pending, tally.synced_at = 0, now
            tally.shared += flush
        if not flush:
            return False
        total = self._add(f"{key}:{window}", flush, duration)
        with self._lock:
            tally.shared = max(tally.shared, total)
        return not refused and total <= limit

    @staticmethod
    def sync_seconds() -> float:
        return float(getattr(settings, "API_THROTTLE_SYNC_SECONDS", SYNC_SECONDS))

    def _add(self, key: str, count: int, duration: int) -> int:
        """Add to the shared counter of a window; return its total. A read and a write, as
        ninja's window was (not atomic across processes either: two syncs at the same moment
        may count one of them only), the same statements whether the counter exists or not."""
        total = int(self.cache.get(key, 0)) + count
        self.cache.set(key, total, duration * 2)
        return total

    def _forget_old_windows(self, window: int) -> None:
        for key in [k for k, t in self._tallies.items() if t.window != window]:
            del self._tallies[key]

    def wait(self) -> float:
        seconds = getattr(self._retry_after, "seconds", None)
        return super().wait() if seconds is None else float(seconds)


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
