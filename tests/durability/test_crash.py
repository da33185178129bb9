"""Crash durability: kill -9 the real server mid-burst, restart, retry with the same keys.

Proves that an attempt acknowledged with 201 survives a crash, and that retrying every
unanswered request with its Idempotency-Key never saves an ask twice, on SQLite and on
PostgreSQL. See docs/security.md, "Crash durability".
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from typing import Any

import pytest

THREADS = 8
PER_THREAD = 25
KILL_AFTER = int(THREADS * PER_THREAD * 0.4)  # responses before the kill
REPLAY_SAMPLE = 15  # acknowledged keys sent again after the restart
BACKENDS = ("sqlite", "postgresql")


def body_for(key: str) -> dict[str, Any]:
    # The key is written into the ask so the listing shows which request made each attempt.
    return {"ask": f"crash test {key}", "outcome": "rejected"}


def key_of(attempt: dict[str, Any]) -> str:
    return attempt["ask"].removeprefix("crash test ")


def burst(server: Any) -> tuple[dict[str, int], list[str], list[tuple[str, int]]]:
    """Send the burst, kill the server after KILL_AFTER answers; return acked, lost, others."""
    keys = [[f"crash-{uuid.uuid4().hex}" for _ in range(PER_THREAD)] for _ in range(THREADS)]
    acked: dict[str, int] = {}
    lost: list[str] = []
    other: list[tuple[str, int]] = []
    lock = threading.Lock()
    enough = threading.Event()
    start = threading.Barrier(THREADS)

    def send(mine: list[str]) -> None:
        start.wait()
        for key in mine:
            try:
                status, _, payload = server.request(
                    "POST", "/api/v1/attempts", body_for(key), {"Idempotency-Key": key}, 10
                )
            except OSError:
                with lock:
                    lost.append(key)
                continue
            with lock:
                if status == 201:
                    acked[key] = payload["id"]
                else:
                    other.append((key, status))
                if len(acked) + len(other) >= KILL_AFTER:
                    enough.set()

    threads = [threading.Thread(target=send, args=(mine,)) for mine in keys]
    for thread in threads:
        thread.start()
    assert enough.wait(60), "the server answered too few requests before the kill"
    server.kill()
    for thread in threads:
        thread.join(60)
    assert len(acked) + len(lost) + len(other) == THREADS * PER_THREAD
    return acked, lost, other


@pytest.mark.parametrize(
    "backend", [pytest.param(name, marks=pytest.mark.own_server(name)) for name in BACKENDS]
)
def test_acknowledged_attempts_survive_kill_9_exactly_once(serve: Any, backend: str) -> None:
    server = serve(backend)
    acked, lost, other = burst(server)
    assert other == [], f"answers other than 201 before the crash: {other[:5]}"
    assert lost, "the kill came after every answer; nothing was tested"

    server.start()  # same database, new process
    replayed_lost = 0
    for key in lost:
        status, headers, payload = server.request(
            "POST", "/api/v1/attempts", body_for(key), {"Idempotency-Key": key}
        )
        assert status == 201, payload
        acked[key] = payload["id"]
        replayed_lost += headers.get("idempotent-replayed") == "true"
    for key in list(acked)[:REPLAY_SAMPLE]:
        status, headers, payload = server.request(
            "POST", "/api/v1/attempts", body_for(key), {"Idempotency-Key": key}
        )
        assert (status, headers.get("idempotent-replayed")) == (201, "true")
        assert payload["id"] == acked[key]

    attempts = server.all_attempts()
    ids = Counter(item["id"] for item in attempts)
    keys = Counter(key_of(item) for item in attempts)
    duplicated = sum(n - 1 for n in keys.values() if n > 1)
    first_acked = THREADS * PER_THREAD - len(lost)
    print(
        f"\n[{backend}] sent {THREADS * PER_THREAD}, acknowledged before kill {first_acked}, "
        f"unanswered (lost) {len(lost)}, of which committed before the kill and replayed "
        f"{replayed_lost}, duplicated {duplicated}, stored {len(attempts)}"
    )
    assert duplicated == 0
    assert max(ids.values()) == 1
    assert len(attempts) == len(acked) == THREADS * PER_THREAD
    by_id = {item["id"]: key_of(item) for item in attempts}
    assert all(by_id.get(attempt_id) == key for key, attempt_id in acked.items())
    # An attempt and its day tally share one transaction: a crash leaves both or neither.
    status, _, stats = server.request("GET", "/api/v1/stats")
    assert status == 200
    assert stats["totals_by_outcome"]["rejected"] == len(attempts)
    assert "Traceback" not in server.log()
