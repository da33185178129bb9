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
        """Wait, without polling, until no other writer holds the lock, then hold it."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        fcntl.flock(self._fd, fcntl.LOCK_EX)  # blocks in the kernel, without the GIL
        self.held = True

    def release(self) -> None:
        """Give the lock back (nothing happens if it is not held)."""
        if self.held and self._fd is not None:
            self.held = False
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        """Release the lock and close the file."""
        self.release()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
