"""Django's SQLite backend, with writers queued on a lock beside the database file.

A transaction (`atomic`, which BEGINs IMMEDIATE in our settings) takes the writer queue's
lock before BEGIN and gives it back after COMMIT or ROLLBACK, or when the connection
closes; statements outside a transaction do not take it. An in-memory database (the
tests) has no file beside it and uses Django's backend unchanged.

A writer waits on the lock for as long as the transaction before it lasts, not the busy
timeout's 20 s: a long transaction (a big import) holds the others back rather than failing
them. A thread that opens a second connection to the same file inside a transaction gets
"database is locked" at once (writer_queue keeps which thread holds the lock), as Django's
backend would have given it after the busy timeout, rather than waiting for itself.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base

from rejection.core.backends.sqlite3.writer_queue import WriterQueue, lock_path


class DatabaseWrapper(base.DatabaseWrapper):
    # django-stubs leave out the private hooks overridden here, hence the ignores below.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writer_queue: WriterQueue | None = None

    def writer_queue(self) -> WriterQueue | None:
        """Return this connection's queue (None for an in-memory database)."""
        if self._writer_queue is None and not self.is_in_memory_db():
            self._writer_queue = WriterQueue(lock_path(str(self.settings_dict["NAME"])))
        return self._writer_queue

    def _start_transaction_under_autocommit(self) -> None:
        queue = self.writer_queue()
        if queue is not None:
            queue.acquire()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            if self._writer_queue is not None:
                self._writer_queue.close()

    def _release_writer(self) -> None:
        if self._writer_queue is not None:
            self._writer_queue.release()
