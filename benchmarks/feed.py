"""The feed's first page on PostgreSQL at the issue's scale, timed in-process, with EXPLAIN.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rt_feed_bench \\
        .venv/bin/python benchmarks/feed.py [--people 10000] [--asks 100] [--keep]

Fills an empty database (migrated here) in SQL: `--people` people with `--asks` asks each, a
fifth of them shared (friends or public, a tenth of people with a public profile), about 50
friends each (two rows a friendship), a few blocks and mutes, cheers and comments on the
newest shared asks; the person measured has 500 friends. Then times
`community.feed.feed_page` (the whole read model: asks, cheers, comment counts) for them, cold
and warm, and prints EXPLAIN (ANALYZE, BUFFERS) of its statements. Exits 1 on a Seq Scan on
journal_attempt. Reuses the data when the database already holds it (--keep is implied).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

VIEWER = "feed-viewer"
FILL = """
INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email,
                       is_staff, is_active, date_joined)
SELECT '!', false, 'feed-' || n, '', '', '', false, true, now()
FROM generate_series(1, {people}) n;
UPDATE auth_user SET username = 'feed-viewer' WHERE username = 'feed-1';
INSERT INTO accounts_profile (user_id, display_name, timezone, streak_mode, points,
    current_streak, best_streak, public_profile, bio, data_version)
SELECT id, '', 'Europe/London', 'classic', 0, 0, 0, id % 10 = 0, '', 0 FROM auth_user;
INSERT INTO journal_attempt (uuid, user_id, ask, outcome, occurred_at, local_date,
    feared_outcome, what_happened, learned, tags, visibility, share_feared, share_happened,
    share_learned, share_anxiety, predicted_before, points, starred, created_at, updated_at)
SELECT gen_random_uuid(), u.id, 'Ask ' || a, 'rejected',
       now() - make_interval(mins => (random() * 525600)::int), current_date,
       'feared', '', '', '[]',
       CASE WHEN random() < 0.2 THEN (CASE WHEN random() < 0.5 THEN 'friends' ELSE 'public' END)
            ELSE 'private' END,
       random() < 0.5, false, false, false, false, 10, false, now(), now()
FROM auth_user u CROSS JOIN generate_series(1, {asks}) a;
-- about 50 friends each: pairs (i, i + k) for 25 offsets k, both directions
INSERT INTO community_friendship (user_id, friend_id, created_at)
SELECT a.id, b.id, now() FROM auth_user a
CROSS JOIN unnest(ARRAY[1,2,3,5,8,13,21,34,55,89,144,233,377,610,987,1597,2584,4181,
  7,11,17,29,47,76,123]) AS k(k)
JOIN auth_user b ON b.id = a.id + k.k
ON CONFLICT DO NOTHING;
INSERT INTO community_friendship (user_id, friend_id, created_at)
SELECT friend_id, user_id, now() FROM community_friendship ON CONFLICT DO NOTHING;
-- the viewer: 500 friends
INSERT INTO community_friendship (user_id, friend_id, created_at)
SELECT v.id, u.id, now() FROM auth_user v, auth_user u
WHERE v.username = 'feed-viewer' AND u.id <> v.id AND u.id % ({people} / 500) = 0
ON CONFLICT DO NOTHING;
INSERT INTO community_friendship (user_id, friend_id, created_at)
SELECT f.friend_id, f.user_id, now() FROM community_friendship f
JOIN auth_user v ON v.id = f.user_id AND v.username = 'feed-viewer' ON CONFLICT DO NOTHING;
INSERT INTO community_block (blocker_id, blocked_id, created_at)
SELECT id, id + 1, now() FROM auth_user WHERE id % 97 = 0 AND id < (SELECT max(id) FROM auth_user);
INSERT INTO community_mute (muter_id, muted_id, created_at)
SELECT id, id + 2, now() FROM auth_user
WHERE id % 89 = 0 AND id + 2 <= (SELECT max(id) FROM auth_user);
INSERT INTO community_cheer (attempt_id, user_id, kind, created_at)
SELECT a.id, (a.user_id % {people}) + 1, k, now()
FROM (SELECT id, user_id FROM journal_attempt WHERE visibility <> 'private'
      ORDER BY occurred_at DESC LIMIT 20000) a
CROSS JOIN unnest(ARRAY['brave', 'keep_going']) k
WHERE (a.user_id % {people}) + 1 <> a.user_id ON CONFLICT DO NOTHING;
INSERT INTO community_comment (attempt_id, author_id, body, created_at)
SELECT a.id, (a.user_id % {people}) + 1, 'Well asked', now()
FROM (SELECT id, user_id FROM journal_attempt WHERE visibility <> 'private'
      ORDER BY occurred_at DESC LIMIT 20000) a;
ANALYZE;
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--asks", type=int, default=100)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from rejection.community.feed import feed_page
    from rejection.community.models import Friendship
    from rejection.journal.models import Attempt

    users = get_user_model().objects
    if not users.filter(username=VIEWER).exists():
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FILL.format(people=args.people, asks=args.asks))
        print(f"filled in {time.perf_counter() - started:.0f} s")
    viewer = users.get(username=VIEWER)
    asks = Attempt.objects.count()
    shared = Attempt.objects.exclude(visibility="private").count()
    friendships = Friendship.objects.count() // 2
    friends = Friendship.objects.filter(user=viewer).count()
    print(f"{users.count()} people, {asks} asks ({shared} shared), {friendships} friendships;")
    print(f"the viewer has {friends} friends")

    from django.urls import reverse

    reverse("feed")  # load the URL configuration (and the API it mounts) before timing
    connection.close()  # a cold connection for the first read
    started = time.perf_counter()
    cards, _ = feed_page(viewer, 20, None)
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        cards, next_cursor = feed_page(viewer, 20, None)
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"first feed page ({len(cards)} cards): cold {cold:.1f} ms, warm median "
        f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms over {args.runs}"
    )
    started = time.perf_counter()
    feed_page(viewer, 20, next_cursor)
    print(f"second page: {(time.perf_counter() - started) * 1000:.1f} ms")

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        feed_page(viewer, 20, None)
        whole = (time.perf_counter() - started) * 1000
    in_sql = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    print(
        f"one page: {whole:.1f} ms, of which {in_sql:.1f} ms waiting on "
        f"{len(captured.captured_queries)} statements (os.getloadavg: {os.getloadavg()[0]:.1f})"
    )
    seq = False
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print("\n" + query["sql"][:200] + " ...\n" + plan)
            seq = seq or "Seq Scan on journal_attempt" in plan
    sys.exit(1 if seq else 0)


if __name__ == "__main__":
    main()
