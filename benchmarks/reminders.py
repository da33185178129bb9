"""Reminders at scale: 100,000 people with reminders on, in many zones, on PostgreSQL.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/scratch \
        .venv/bin/python benchmarks/reminders.py [--people N] [--minutes N] [--keep]

Fills the scratch database DATABASE_URL names (SQLite in a temporary folder otherwise)
with PEOPLE people whose reminders are spread over the day's minutes and over 12 zones,
then prints: the EXPLAIN ANALYZE of the minute's due query, its time (in PostgreSQL, and
through the ORM with the rows built) over MINUTES consecutive minutes as the pass moves
each row on; the pass's rate (claim, decide, next instant); and the sending rate on
WORKERS threads, as the consumer's job workers send: today's card (chosen by the coach on
the day's first look) and the e-mail handed to Django's in-memory mail backend (no SMTP
server's time). Target: the due query in 20 ms at most.
The rows it made are deleted at the end (--keep leaves them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="rt-reminders-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

ZONES = [
    "Pacific/Auckland",
    "Australia/Sydney",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Europe/Moscow",
    "Europe/Paris",
    "Europe/London",
    "UTC",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Los_Angeles",
]
PREFIX = "rem-bench-"


def fill(people: int, now: dt.datetime) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from rejection.accounts.models import Profile
    from rejection.core.time import zone
    from rejection.reminders.models import ALL_DAYS, ReminderSettings
    from rejection.reminders.scheduling import next_instant

    rng = random.Random(13)
    User = get_user_model()
    batch = 5000
    for first in range(0, people, batch):
        names = [f"{PREFIX}{n:06d}" for n in range(first, min(first + batch, people))]
        User.objects.bulk_create([User(username=name) for name in names])
        users = list(User.objects.filter(username__in=names).values_list("id", flat=True))
        zones = [rng.choice(ZONES) for _ in users]
        Profile.objects.bulk_create(
            [Profile(user_id=user, timezone=name) for user, name in zip(users, zones, strict=True)]
        )
        rows = []
        for user, name in zip(users, zones, strict=True):
            local = dt.time(rng.randrange(24), rng.randrange(60))
            rows.append(
                ReminderSettings(
                    user_id=user,
                    enabled=True,
                    local_time=local,
                    days=ALL_DAYS,
                    push=False,
                    email=True,
                    zone=name,
                    next_at=next_instant(now, local, ALL_DAYS, zone(name)),
                )
            )
        ReminderSettings.objects.bulk_create(rows)
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=user, email=f"{PREFIX}{user}@example.com", verified=True)
                for user in users
            ]
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE reminders_remindersettings")


def explain(now: dt.datetime) -> str:
    """EXPLAIN the query `reminders.sending.due` makes."""
    from rejection.reminders.models import ReminderSettings
    from rejection.reminders.sending import BATCH

    query = (
        ReminderSettings.objects.filter(next_at__lte=now)
        .select_related("user", "user__profile")
        .order_by("next_at")[:BATCH]
    )
    if connection.vendor == "postgresql":
        return str(query.explain(analyze=True, buffers=True))
    return str(query.explain())


def execution_ms(now: dt.datetime) -> float:
    """The due query's execution time inside PostgreSQL (0 on SQLite)."""
    if connection.vendor != "postgresql":
        return 0.0
    found = re.search(r"Execution Time: ([0-9.]+) ms", explain(now))
    return float(found.group(1)) if found else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--minutes", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2, help="sending threads (JOB_WORKERS)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("loaddeck", verbosity=0)

    from django.contrib.auth import get_user_model

    from rejection.reminders import mail
    from rejection.reminders.models import ReminderSettings
    from rejection.reminders.sending import Pass, deliver_by_id, due, handle

    User = get_user_model()
    User.objects.filter(username__startswith=PREFIX).delete()
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    started = time.perf_counter()
    fill(args.people, now)
    print(
        f"{connection.vendor}: {args.people:,} people with reminders on, filled in "
        f"{time.perf_counter() - started:.1f} s"
    )

    first = now + dt.timedelta(minutes=1)
    print("EXPLAIN ANALYZE of the due query, first minute:")
    print("  " + explain(first).replace("\n", "\n  "))

    due_ms: list[float] = []
    sql_ms: list[float] = []
    sent = 0
    claim_seconds = send_seconds = 0.0
    pool = ThreadPoolExecutor(max_workers=args.workers)
    locmem = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    locmem.enable()
    for minute in range(1, args.minutes + 1):
        moment = now + dt.timedelta(minutes=minute)
        sql_ms.append(execution_ms(moment))
        begin = time.perf_counter()
        rows = due(moment)
        due_ms.append((time.perf_counter() - begin) * 1000)
        report = Pass()
        claimed: list[tuple[int, str, dt.date]] = []
        begin = time.perf_counter()

        def keep(row: ReminderSettings, kind: str, day: dt.date, into: list = claimed) -> None:
            into.append((row.pk, kind, day))

        for row in rows:
            handle(row, "reminder", moment, report, keep)
        claim_seconds += time.perf_counter() - begin
        begin = time.perf_counter()
        list(pool.map(lambda job: deliver_by_id(*job), claimed))
        send_seconds += time.perf_counter() - begin
        sent += len(report.sent)
    locmem.disable()
    due_ms.sort()
    sql_ms.sort()
    print(
        f"due query over {args.minutes} minutes, {sent / args.minutes:.0f} rows a minute: "
        f"in the database (EXPLAIN ANALYZE) median {statistics.median(sql_ms):.2f} ms, "
        f"max {sql_ms[-1]:.2f} ms; through the ORM with the rows built "
        f"median {statistics.median(due_ms):.2f} ms, max {due_ms[-1]:.2f} ms (target: 20 ms)"
    )
    print(
        f"the minute's pass (claim, decide, next instant): {sent:,} reminders in "
        f"{claim_seconds:.1f} s = {sent / claim_seconds:.0f} a second"
    )
    print(
        f"sending (today's card, e-mail to the in-memory backend) on {args.workers} "
        f"threads: {sent:,} in {send_seconds:.1f} s = {sent / send_seconds:.1f} a second"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    user = User.objects.filter(username__startswith=PREFIX).first()
    assert user is not None
    message = mail.message_for("reminder", "Ask for a discount at a café")
    count = 500
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        begin = time.perf_counter()
        for _ in range(count):
            mail.send_reminder(user, "bench@example.com", message)
        seconds = time.perf_counter() - begin
    print(f"e-mail built and handed to the mail backend: {count / seconds:.0f} a second")
    left = ReminderSettings.objects.filter(next_at__lte=now + dt.timedelta(minutes=args.minutes))
    print(f"due rows left after the passes: {left.count()}")
    if not args.keep:
        User.objects.filter(username__startswith=PREFIX).delete()


if __name__ == "__main__":
    main()
