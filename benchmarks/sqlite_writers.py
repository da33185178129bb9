"""Writers queueing on one SQLite file: Django's backend (busy handler) against ours (lock file).

    .venv/bin/python benchmarks/sqlite_writers.py [--processes 2] [--threads 4] [--seconds 5]
        [--work-ms 3] [--pause-ms 3] [--engine both|django|queue]

Each of --processes processes runs --threads threads that do, over and over for --seconds:
`atomic()` (BEGIN IMMEDIATE, as in our settings), one INSERT, --work-ms of holding the
transaction (sleeping, as a write does while the ORM builds its next statement without
the GIL), COMMIT, then --pause-ms outside any transaction (the rest of a request). It
prints, per engine, transactions a second, the time from asking for the transaction to
holding it (p50, p99, max), and how many failed with "database is locked". Django's stock
backend waits in SQLite's busy handler (naps of up to 100 ms); ours waits on the lock file
(rejection/core/backends/sqlite3), woken when the holder ends.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

ENGINES = {"django": "django.db.backends.sqlite3", "queue": "rejection.core.backends.sqlite3"}


def _setup(engine: str, path: str) -> None:
    import django
    from django.conf import settings

    settings.configure(
        DATABASES={
            "default": {
                "ENGINE": engine,
                "NAME": path,
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 20,
                },
            }
        }
    )
    django.setup()


def _process(engine: str, path: str, args: argparse.Namespace, out: multiprocessing.Queue) -> None:
    _setup(engine, path)
    from django.db import OperationalError, connection, transaction

    waits: list[float] = []
    failed = [0]
    stop_at = time.monotonic() + args.seconds

    def writer() -> None:
        try:
            while time.monotonic() < stop_at:
                asked = time.perf_counter()
                try:
                    with transaction.atomic():
                        waits.append(time.perf_counter() - asked)
                        with connection.cursor() as cursor:
                            cursor.execute("INSERT INTO t (at) VALUES (%s)", [asked])
                        time.sleep(args.work_ms / 1000)
                except OperationalError:
                    failed[0] += 1
                time.sleep(args.pause_ms / 1000)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((waits, failed[0]))


def run(name: str, args: argparse.Namespace) -> None:
    import sqlite3

    path = str(Path(tempfile.mkdtemp(prefix="rt-writers-")) / "w.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, at REAL)")
    spawn = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue = spawn.Queue()
    procs = [
        spawn.Process(target=_process, args=(ENGINES[name], path, args, out))
        for _ in range(args.processes)
    ]
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    for proc in procs:
        proc.join()
    waits = sorted(w * 1000 for result in results for w in result[0])
    failed = sum(result[1] for result in results)

    def pct(p: float) -> float:
        return waits[min(len(waits) - 1, int(p * len(waits)))] if waits else 0.0

    print(
        f"{name:7s} {len(waits) / args.seconds:8.1f} tx/s   wait to hold the lock: "
        f"p50 {pct(0.5):6.1f} ms  p99 {pct(0.99):7.1f} ms  max {waits[-1] if waits else 0:7.1f} ms"
        f"   locked errors: {failed}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--work-ms", type=float, default=3)
    parser.add_argument("--pause-ms", type=float, default=3)
    parser.add_argument("--engine", choices=["both", *ENGINES], default="both")
    args = parser.parse_args()
    print(
        f"{args.processes} processes x {args.threads} threads, {args.work_ms} ms held per "
        f"transaction, {args.pause_ms} ms between, {args.seconds} s each"
    )
    for name in ENGINES if args.engine == "both" else [args.engine]:
        run(name, args)


if __name__ == "__main__":
    main()
