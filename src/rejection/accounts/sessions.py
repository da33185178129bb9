"""Django's database session store, with the one read every signed-in request makes in SQL.

Profiling the signed-in floor (docs/performance.md, "Round two") showed the session read
spending about nine tenths of its time building the ORM query and a tenth running it. This
store asks the same question in one fixed statement: the row whose key matches and whose
expiry is still ahead. Writing, creating, deleting and clearing sessions are Django's own,
unchanged, in the same table (so logging out, `delete_account` and `clearsessions` work as
before).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import connections, router
from django.utils import timezone


class _Row(NamedTuple):
    session_data: str


class SessionStore(DatabaseStore):
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
