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
import datetime as dt
import os
import random
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

PROGRESS_READS = {"/progress/", "/api/v1/stats", "/api/v1/insights"}
OUTCOMES = ["rejected"] * 4 + ["no_response", "partial", "accepted", "accepted", "avoided"]


def seed(username: str, count: int) -> object:
    from tests.conftest import make_user

    from rejection.accounts.services import create_token
    from rejection.challenges.models import Challenge
    from rejection.core.time import local_date
    from rejection.journal.counters import rebuild_user
    from rejection.journal.models import Attempt
    from rejection.journal.scoring import points_for

    user = make_user(username, "Europe/Berlin")
    rng = random.Random(username)
    deck = list(Challenge.objects.values_list("id", flat=True))
    now = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(count):
        moment = now - dt.timedelta(hours=n * 7 + rng.randint(0, 6))
        outcome = rng.choice(OUTCOMES)
        rows.append(
            Attempt(
                user=user,
                challenge_id=rng.choice(deck),
                outcome=outcome,
                occurred_at=moment,
                local_date=local_date(moment, "Europe/Berlin"),
                anxiety_before=rng.randint(2, 9),
                anxiety_after=rng.randint(0, 6),
                predicted_rejection=rng.randint(30, 95),
                what_happened="It went fine.",
                points=points_for(outcome),
            )
        )
    Attempt.objects.bulk_create(rows, batch_size=1000)
    rebuild_user(user)
    _, token = create_token(user, "bench")
    user.token = token  # type: ignore[attr-defined]
    return user


def measure(
    client: Client, method: str, path: str, rounds: int, **extra: object
) -> tuple[float, int]:
    timings = []
    queries = 0
    for n in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            if method == "GET":
                response = client.get(path, **extra)
            else:
                body = {"ask": f"Bench ask {n}", "outcome": "rejected"}
                response = client.post(path, body, content_type="application/json", **extra)
            timings.append(time.perf_counter() - start)
        assert response.status_code < 400, (path, response.status_code)
        queries = len(captured)
    return statistics.median(timings) * 1000, queries


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
        figures = {}
        for size, user in users.items():
            client = Client()
            extra: dict[str, object] = {}
            if face == "page":
                client.force_login(user)
            else:
                extra["headers"] = {"Authorization": f"Bearer {user.token}"}  # type: ignore[attr-defined]
            measure(client, method, path, 3, **extra)  # warm up
            figures[size] = measure(client, method, path, args.rounds, **extra)
        (small_ms, small_q), (large_ms, large_q) = figures["small"], figures["large"]
        print(
            f"{method + ' ' + path:28} {small_ms:9.2f} {large_ms:9.2f} {large_ms / small_ms:6.2f} "
            f"{small_q:>4}/{large_q:<4}  {'ok' if large_ms / small_ms <= args.target else 'OVER'}"
        )


if __name__ == "__main__":
    main()
