"""The SQLite backend's writer queue: a lock file held from BEGIN to COMMIT or ROLLBACK.

Each test opens a real database file (the suite's own database is in memory, where the
backend takes no lock) under its own alias, in threads or in another process. SQLite's own
busy timeout is set far below how long a writer is kept waiting here, so a test passes
only if writers queue on the lock file (Django's backend fails them with "database is
locked").
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

from rejection.core.backends.sqlite3.writer_queue import lock_path
from tests.processes import REPO

ALIAS = "writer_queue_test"
ENGINE = "rejection.core.backends.sqlite3"
BUSY_TIMEOUT = 0.2  # seconds; every wait below is longer
OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": BUSY_TIMEOUT,
}


@pytest.fixture
def database(tmp_path: Path, monkeypatch: Any, django_db_blocker: Any) -> Iterator[Path]:
    """A file database under ALIAS with one table, t(id, who)."""
    path = tmp_path / "writers.sqlite3"
    configured = ConnectionHandler({"default": {"ENGINE": ENGINE, "NAME": str(path)}})
    monkeypatch.setitem(connections.settings, ALIAS, configured.settings["default"])
    connections.settings[ALIAS]["OPTIONS"] = dict(OPTIONS)
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)")
        yield path
        connections[ALIAS].close()
    del connections[ALIAS]


def others_can_lock(path: Path) -> bool:
    """Tell whether a new file handle could take the lock now (so nobody holds it)."""
    fd = os.open(lock_path(str(path)), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the lock if it was taken
    return True


def insert(who: str) -> None:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO t (who) VALUES (%s)", [who])


def written(who: str | None = None) -> list[str]:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT who FROM t ORDER BY id")
        return [row[0] for row in cursor.fetchall() if who is None or row[0] == who]


def test_the_lock_is_held_inside_a_transaction_only(database: Path) -> None:
    insert("outside")  # a statement in autocommit takes no lock
    assert others_can_lock(database)
    with transaction.atomic(using=ALIAS):
        assert not others_can_lock(database)
        insert("inside")
        with transaction.atomic(using=ALIAS):  # a savepoint: still the one transaction
            insert("nested")
        assert not others_can_lock(database)
    assert others_can_lock(database)
    assert written() == ["outside", "inside", "nested"]


def test_a_rollback_releases_the_lock(database: Path) -> None:
    with pytest.raises(RuntimeError), transaction.atomic(using=ALIAS):
        insert("lost")
        raise RuntimeError("undo")
    assert others_can_lock(database)
    assert written() == []
    with transaction.atomic(using=ALIAS):  # and the next transaction takes it again
        insert("kept")
        assert not others_can_lock(database)
    assert written() == ["kept"]


def test_closing_the_connection_in_a_transaction_releases_the_lock(database: Path) -> None:
    with transaction.atomic(using=ALIAS):
        insert("lost")
        connections[ALIAS].close()
        assert others_can_lock(database)
    assert written() == []


def test_two_threads_writing_at_once_both_succeed_one_after_the_other(database: Path) -> None:
    first_holds, let_go, second_in = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic(using=ALIAS):
                insert("first")
                first_holds.set()
                let_go.wait(10)
        except BaseException as error:
            errors.append(error)
        finally:
            connections[ALIAS].close()

    def second() -> None:
        try:
            first_holds.wait(10)
            with transaction.atomic(using=ALIAS):
                second_in.set()
                insert("second")
        except BaseException as error:
            errors.append(error)
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert first_holds.wait(10)
    assert not second_in.wait(5 * BUSY_TIMEOUT)  # the second writer waits for the first ...
    let_go.set()
    assert second_in.wait(10)  # ... and goes in once it commits
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert written() == ["first", "second"]
    assert others_can_lock(database)


def test_many_threads_writing_at_once_all_succeed(database: Path) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for n in range(20):
                with transaction.atomic(using=ALIAS):
                    insert(f"{name}-{n}")
        except BaseException as error:
            errors.append(error)
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=writer, args=(f"w{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(written()) == 8 * 20


WRITE_FROM_ANOTHER_PROCESS = """
import sys
import django
from django.conf import settings
settings.configure(DATABASES={"default": {"ENGINE": sys.argv[1], "NAME": sys.argv[2],
    "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": float(sys.argv[3])}}})
django.setup()
from django.db import connection, transaction
with transaction.atomic():
    connection.cursor().execute("INSERT INTO t (who) VALUES ('other process')")
print("written")
"""


def test_a_writer_in_another_process_waits_for_the_lock_then_writes(database: Path) -> None:
    with transaction.atomic(using=ALIAS):
        insert("this process")
        other = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITE_FROM_ANOTHER_PROCESS,
                ENGINE,
                str(database),
                str(BUSY_TIMEOUT),
            ],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)  # time to start Django and reach BEGIN, and 10 busy timeouts more
        assert other.poll() is None  # waiting on the lock, not failing
    out, err = other.communicate(timeout=30)
    assert other.returncode == 0, err
    assert out.strip() == "written"
    assert written() == ["this process", "other process"]


def test_an_in_memory_database_takes_no_lock() -> None:
    handler = ConnectionHandler({"default": {"ENGINE": ENGINE, "NAME": ":memory:"}})
    assert handler["default"].writer_queue() is None


def test_a_second_connection_in_the_same_thread_fails_at_once_instead_of_waiting(
    database: Path,
) -> None:
    """Writing through another connection inside one's own transaction would wait forever on
    the lock this thread holds; it gets SQLite's own error instead, and the lock is kept."""
    import sqlite3

    from rejection.core.backends.sqlite3.writer_queue import WriterQueue

    with transaction.atomic(using=ALIAS):
        connections[ALIAS].cursor().execute("INSERT INTO t (who) VALUES ('first')")
        second = WriterQueue(lock_path(str(database)))
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            second.acquire()
        assert time.monotonic() - started < BUSY_TIMEOUT
        second.close()
        assert not others_can_lock(database)
    assert others_can_lock(database)
