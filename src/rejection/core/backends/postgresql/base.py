"""Django's PostgreSQL backend, whose connection health check skips a connection that has
just answered.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first statement of every
request that reuses a connection: one more round trip per request, a fifth of the
signed-in floor's CPU (docs/performance.md). A connection that served the request before
this one a moment ago is almost surely alive, so, like PgBouncer's `server_check_delay`,
the check runs only on a connection idle for longer than `HEALTH_CHECK_AFTER_IDLE`
seconds (settings, from DB_HEALTH_CHECK_AFTER_IDLE; 0 checks every time, as Django does).
The trade: a server that drops connections within that window fails the one request that
finds out, and Django then closes the connection as it does without checks.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base

now = time.monotonic  # the tests move it


class DatabaseWrapper(base.DatabaseWrapper):
    # django-stubs leave out the hooks overridden here, hence the ignores below.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answered_at: float | None = None  # when this connection last answered

    def connect(self) -> None:
        super().connect()
        self.answered_at = now()

    def close_if_health_check_failed(self) -> None:  # type: ignore[override]
        idle_limit = float(getattr(settings, "HEALTH_CHECK_AFTER_IDLE", 0))
        if (
            self.connection is not None
            and not self.health_check_done  # type: ignore[has-type]
            and self.answered_at is not None
            and now() - self.answered_at < idle_limit
        ):
            self.health_check_done = True  # answered a moment ago: no SELECT 1
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self) -> None:  # type: ignore[override]
        # Called as each request starts and ends: the connection was used in the request
        # that ends when its check was done (or skipped), and it answered if it is still
        # open with no error left over.
        used = self.connection is not None and self.health_check_done
        super().close_if_unusable_or_obsolete()
        if used and self.connection is not None and not self.errors_occurred:
            self.answered_at = now()
