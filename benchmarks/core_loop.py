"""Time the core loop's pages and endpoints for a short and a long history.

    .venv/bin/python benchmarks/core_loop.py [--small 10] [--large 10000] [--rounds 50]
    .venv/bin/python benchmarks/core_loop.py --only progress   # Progress, /stats, /insights

Seeds two users in a throwaway SQLite database (or the one DATABASE_URL names:
use a scratch database), then prints, for each request, the median time and the
number of queries for both users and their ratio. Nothing here is asserted:
the query counts are asserted in the test suite; times are for people to read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PROGRESS_READS = {
    "/progress/",
    "/api/v1/stats",
    "/api/v1/insights",
    "/progress/ cold",
    "/api/v1/insights cold",
}


def seed(username: str, count: int) -> object:
    from tests.conftest import make_user
    from tests.history import bulk_history

    from rejection.accounts.services import create_token

    user = make_user(username, "Europe/Berlin")
    bulk_history(user, count)
    _, token = create_token(user, "bench")
    user.token = token  # type: ignore[attr-defined]
    return user


def send(client: Client, method: str, path: str, n: int, **extra: object) -> tuple[float, int]:
    """Make one request; return its time in ms and its number of queries.

    A path ending in " cold" is first made stale, as the first view after a write is.
    """
    if path.endswith(" cold"):
        from django.db.models import F

        from rejection.accounts.models import Profile

        path = path.removesuffix(" cold")
        user = extra["user"]
        Profile.objects.filter(user=user).update(data_version=F("data_version") + 1)
    extra = {key: value for key, value in extra.items() if key != "user"}
    # The log is a bounded deque: once full, a capture would count nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        if method == "GET":
            response = client.get(path, **extra)
        else:
            body = {"ask": f"Bench ask {n}", "outcome": "rejected"}
            response = client.post(path, body, content_type="application/json", **extra)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code < 400, (path, response.status_code)
    return elapsed, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--only", choices=["progress"], help="Only the Progress reads.")
    parser.add_argument("--target", type=float, default=1.5, help="Largest acceptable ratio.")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("loaddeck", verbosity=0)
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = {
        "small": seed(f"small{time.time_ns()}", args.small),
        "large": seed(f"large{time.time_ns()}", args.large),
    }
    requests = [
        ("page", "GET", "/today/"),
        ("page", "GET", "/journal/"),
        ("page", "GET", "/progress/"),
        ("api", "GET", "/api/v1/today"),
        ("api", "GET", "/api/v1/attempts"),
        ("api", "GET", "/api/v1/stats"),
        ("api", "GET", "/api/v1/insights"),
        ("page", "GET", "/progress/ cold"),
        ("api", "GET", "/api/v1/insights cold"),
        ("api", "POST", "/api/v1/attempts"),
    ]
    if args.only == "progress":
        requests = [r for r in requests if r[2] in PROGRESS_READS]
    print(
        f"{args.small} vs {args.large} attempts, "
        f"median of {args.rounds} requests, {connection.vendor}"
    )
    print(f"{'request':28} {'small ms':>9} {'large ms':>9} {'ratio':>6} {'queries':>9}  target")
    for face, method, path in requests:
        clients = {}
        for size, user in users.items():
            client = Client()
            extra: dict[str, object] = {}
            if face == "page":
                client.force_login(user)
            else:
                extra["headers"] = {"Authorization": f"Bearer {user.token}"}  # type: ignore[attr-defined]
            extra["user"] = user
            clients[size] = (client, extra)
        timings: dict[str, list[float]] = {"small": [], "large": []}
        queries: dict[str, int] = {}
        # Alternate the two users so drift (caches, the cache table, the OS) hits both alike.
        for n in range(args.rounds + 3):
            for size, (client, extra) in clients.items():
                elapsed, queries[size] = send(client, method, path, n, **extra)
                if n >= 3:  # the first rounds warm up
                    timings[size].append(elapsed)
        small_ms, large_ms = (statistics.median(timings[size]) for size in ("small", "large"))
        print(
            f"{method + ' ' + path:28} {small_ms:9.2f} {large_ms:9.2f} {large_ms / small_ms:6.2f} "
            f"{queries['small']:>4}/{queries['large']:<4}  "
            f"{'ok' if large_ms / small_ms <= args.target else 'OVER'}"
        )


if __name__ == "__main__":
    main()
