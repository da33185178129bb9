"""How long the coach takes to pick today's challenge in a big database.

    .venv/bin/python benchmarks/pick_speed.py [--challenges N] [--attempts N] [--rounds N]

Fills a throwaway SQLite database (or the scratch database DATABASE_URL names) with
that many challenges (with calibrated ratings) and attempts spread over 1,000 users,
then times `coach.picker.choose` for one user who has a history, and prints the
median, the 95th percentile and the number of queries of one pick. Target: 5 ms median.
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
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="rt-pick-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

USERS = 1000


def fill(challenges: int, attempts: int) -> object:
    from django.contrib.auth import get_user_model
    from tests.conftest import make_user

    from rejection.challenges.models import Category, Challenge
    from rejection.coach.models import ChallengeRating
    from rejection.journal.models import Attempt

    rng = random.Random(7)
    categories = list(Category.objects.all())
    shipped = Challenge.objects.count()
    Challenge.objects.bulk_create(
        [
            Challenge(
                slug=f"bench-{n}",
                title=f"Bench ask {n}",
                category=rng.choice(categories),
                difficulty=rng.randint(1, 10),
            )
            for n in range(max(challenges - shipped, 0))
        ],
        batch_size=2000,
    )
    from rejection.coach.areas import area_of

    ids = list(Challenge.objects.values_list("id", "difficulty", "category__slug"))
    # bulk_create sends no signals: give every challenge its rating here.
    ChallengeRating.objects.all().delete()
    ChallengeRating.objects.bulk_create(
        [
            ChallengeRating(
                challenge_id=pk, area=area_of(slug), difficulty=d + rng.uniform(-1, 1), count=5
            )
            for pk, d, slug in ids
        ],
        batch_size=2000,
    )
    User = get_user_model()
    User.objects.bulk_create([User(username=f"u{n}") for n in range(USERS)], batch_size=1000)
    users = list(User.objects.values_list("id", flat=True))
    today = dt.date.today()
    rows = []
    for _ in range(attempts):
        day = today - dt.timedelta(days=rng.randint(0, 365))
        rows.append(
            Attempt(
                user_id=rng.choice(users),
                challenge_id=rng.choice(ids)[0],
                outcome=rng.choice(["rejected", "accepted", "avoided"]),
                occurred_at=dt.datetime.combine(day, dt.time(12), dt.UTC),
                local_date=day,
                anxiety_before=rng.randint(0, 10),
            )
        )
        if len(rows) == 5000:
            Attempt.objects.bulk_create(rows)
            rows = []
    Attempt.objects.bulk_create(rows)
    me = make_user("picker")
    Attempt.objects.bulk_create(
        [
            Attempt(
                user=me,
                challenge_id=rng.choice(ids)[0],
                outcome="rejected",
                occurred_at=dt.datetime.combine(today - dt.timedelta(days=d), dt.time(12), dt.UTC),
                local_date=today - dt.timedelta(days=d),
                anxiety_before=5,
            )
            for d in range(60)
        ]
    )
    return me


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--challenges", type=int, default=10_000)
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("loaddeck", verbosity=0)
    started = time.perf_counter()
    user = fill(args.challenges, args.attempts)
    print(f"filled in {time.perf_counter() - started:.1f} s")

    from rejection.challenges.models import Challenge
    from rejection.coach.picker import choose
    from rejection.journal.models import Attempt

    today = dt.date.today()
    choose(user, today, None, set(), 0)  # warm up
    timings = []
    for salt in range(args.rounds):
        start = time.perf_counter()
        choose(user, today, None, set(), salt)
        timings.append((time.perf_counter() - start) * 1000)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        choose(user, today, None, set(), 1)
    timings.sort()
    print(
        f"{Challenge.objects.count():,} challenges, {Attempt.objects.count():,} attempts, "
        f"{connection.vendor}"
    )
    print(
        f"pick: median {statistics.median(timings):.2f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.2f} ms, {len(captured)} queries "
        "(target: 5 ms median)"
    )


if __name__ == "__main__":
    main()
