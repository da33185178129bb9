"""Django's database session store, with the one read every signed-in request makes in SQL.

Profiling the signed-in floor (docs/performance.md, "Round two") showed the session read
spending about nine tenths of its time building the ORM query and a tenth running it. This
store asks the same question in one fixed statement: the row whose key matches and whose
expiry is still ahead. Two smaller costs go too: the serializer is imported once, not per
request, and a session's signed data, read again unchanged by the next request, is checked
and decoded once per process (the last few hundred, keyed by the data and the secret keys).
Writing, creating, deleting and clearing sessions are Django's own, unchanged, in the same
table (so logging out, `delete_account` and `clearsessions` work as before).
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import connections, router
from django.utils import timezone
from django.utils.module_loading import import_string

# Values a session can share between requests without copying: nothing in them can change.
IMMUTABLE = (str, int, float, bool, type(None))


class _Row(NamedTuple):
    session_data: str


class SessionStore(DatabaseStore):
    def __init__(self, session_key: str | None = None) -> None:
        # Django's SessionBase.__init__, with the serializer's import done once.
        self._session_key = session_key
        self.accessed = False
        self.modified = False
        self.serializer = _import(settings.SESSION_SERIALIZER)

    def decode(self, session_data: str | bytes) -> dict[str, Any]:
        keys = (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))
        decoded = _decoded(self, session_data, keys)
        if decoded is None:  # something mutable inside: decoded afresh each time
            return super().decode(session_data)
        return dict(decoded)

    def _get_session_from_db(self) -> Any:
        if not self.session_key:  # an empty or malformed key (the base class clears those)
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        sql = (
            f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "
            f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return _Row(row[0])


@functools.cache
def _import(path: str) -> Any:
    return import_string(path)


@functools.lru_cache(maxsize=512)
def _decoded_cached(session_data: str | bytes, keys: tuple[str, ...], store: type) -> Any:
    decoded = DatabaseStore.decode(store(), session_data)
    return decoded if all(isinstance(v, IMMUTABLE) for v in decoded.values()) else None


def _decoded(store: SessionStore, session_data: str | bytes, keys: tuple[str, ...]) -> Any:
    """The session's data if it holds only immutable values (then shared), else None."""
    return _decoded_cached(session_data, keys, type(store))
