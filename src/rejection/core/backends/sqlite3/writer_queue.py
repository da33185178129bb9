"""One writer at a time on a SQLite file, queued on a kernel lock that wakes the next at once.

SQLite lets one connection write at a time. A writer that finds the lock taken waits in
SQLite's busy handler, which sleeps and polls with growing naps (up to 100 ms each), so it
wakes long after the holder committed, and a newcomer can take the lock first: under
contention a write waited up to a second (docs/performance.md, "Round two, part four").
Writers that first take an exclusive flock on a file beside the database instead sleep in
the kernel, which wakes them the moment the holder lets go. flock is shared by every
process and thread that opens the file (each connection opens its own), and the kernel
drops it if a process dies holding it.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading

# Which thread holds each lock file in this process, so a thread that opens a second
# connection inside its own transaction gets an error at once instead of waiting forever.
_holders: dict[str, int] = {}
_holders_lock = threading.Lock()


def lock_path(database: str) -> str:
    """Return the lock file's path for a database file."""
    return f"{database}-writer.lock"


class WriterQueue:
    """An exclusive flock on one file, taken by `acquire` and given back by `release`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.held = False
        self._fd: int | None = None

    def acquire(self) -> None:
        """Wait, without polling, until no other writer holds the lock, then hold it.

        Raises sqlite3.OperationalError, as SQLite's busy handler would, when this thread
        already holds the lock through another connection (it would wait for itself).
        """
        me = threading.get_ident()
        with _holders_lock:
            if _holders.get(self.path) == me:
                raise sqlite3.OperationalError(
                    "database is locked: this thread is already writing through another connection"
                )
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        fcntl.flock(self._fd, fcntl.LOCK_EX)  # blocks in the kernel, without the GIL
        self.held = True
        with _holders_lock:
            _holders[self.path] = me

    def release(self) -> None:
        """Give the lock back (nothing happens if it is not held)."""
        if self.held and self._fd is not None:
            self.held = False
            with _holders_lock:
                _holders.pop(self.path, None)
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        """Release the lock and close the file."""
        self.release()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
