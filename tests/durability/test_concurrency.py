"""Concurrent writers on SQLite through the real server: no "database is locked", no 500.

20 clients each log 10 asks at the same moment against granian (2 workers, 4 threads
each). SQLite allows one writer at a time; WAL, BEGIN IMMEDIATE and the busy timeout in
settings must make the others wait their turn rather than fail. See docs/security.md,
"Concurrent writers".
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from typing import Any

import pytest

WRITERS = 20
EACH = 10


@pytest.mark.own_server("sqlite")
def test_twenty_concurrent_writers_on_sqlite_all_succeed(serve: Any) -> None:
    server = serve("sqlite")
    statuses: Counter[int | str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> None:
        start.wait()
        for n in range(EACH):
            key = f"writer-{writer}-{n}-{uuid.uuid4().hex}"
            body = {"ask": f"concurrent {key}", "outcome": "accepted", "anxiety_before": 5}
            try:
                status, _, _ = server.request(
                    "POST", "/api/v1/attempts", body, {"Idempotency-Key": key}
                )
            except OSError as error:
                status = type(error).__name__
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    log = server.log()
    assert statuses == Counter({201: WRITERS * EACH}), statuses
    assert "database is locked" not in log
    assert "Internal Server Error" not in log and "Traceback" not in log
    attempts = server.all_attempts()
    assert len(attempts) == WRITERS * EACH
    # The tallies are read-modify-written under the user's lock: none of the updates is lost.
    status, _, stats = server.request("GET", "/api/v1/stats")
    assert status == 200
    assert stats["totals_by_outcome"]["accepted"] == WRITERS * EACH
    assert stats["points"] == sum(item["points"] for item in attempts)
