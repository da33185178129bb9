"""EXPLAIN (ANALYZE, BUFFERS) every query the hot paths run, for the heaviest user.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rt_scale \\
        .venv/bin/python benchmarks/explain.py [--user load-01234] [--markdown]

Run it against a database filled by benchmarks/generate_data.py (PostgreSQL only). It takes
the user with the most asks (or --user), makes each request below through Django's test
client (pages signed in with force_login, the API with a bearer token made for the run),
records every statement the request sends, and runs EXPLAIN (ANALYZE, BUFFERS) on each one
that reads: SELECTs, and writes that select or filter (INSERT ... SELECT, UPDATE, DELETE).

Settings: tests.settings (the real settings with a throwaway SECRET_KEY and "testserver"
allowed), with the cache swapped for a dummy one so every read runs its queries instead of
answering from the cache: these are the plans of a cold read. Everything, the POST
included, happens in one transaction that is rolled back, so the dataset is unchanged.

Prints, per statement: the SQL (shortened), the plan's nodes, and its execution time.
Exits 1 if any plan holds a Seq Scan on journal_attempt.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

WATCHED = "journal_attempt"  # a Seq Scan here fails the run
REQUESTS: list[tuple[str, str, str]] = [
    ("page", "GET", "/today/"),
    ("page", "GET", "/journal/"),
    ("page", "GET", "/journal/?outcome=accepted"),
    ("page", "GET", "/journal/?page=30"),
    ("page", "GET", "/progress/"),
    ("page", "GET", "/progress/week/"),
    ("api", "GET", "/api/v1/today"),
    ("api", "GET", "/api/v1/attempts"),
    ("api", "GET", "/api/v1/attempts?cursor={next}"),  # the second page, by keyset
    ("api", "GET", "/api/v1/attempts?outcome=pending"),
    ("api", "GET", "/api/v1/stats"),
    ("api", "GET", "/api/v1/insights"),
    ("api", "POST", "/api/v1/attempts"),
]
NEW_ASK = {"ask": "Asked for a table by the window", "outcome": "rejected", "anxiety_before": 6}


@dataclass
class Explained:
    request: str
    full_sql: str
    sql: str
    nodes: list[str]
    seq_on_watched: bool
    ms: float | None
    error: str = ""


def heaviest_user() -> Any:
    from django.contrib.auth import get_user_model

    from rejection.journal.models import Attempt

    top = Attempt.objects.values("user_id").annotate(n=Count("id")).order_by("-n").first()
    if top is None:
        raise SystemExit("No asks here: run benchmarks/generate_data.py first.")
    return get_user_model().objects.get(pk=top["user_id"])


def recorded(call: Callable[[], Any]) -> tuple[Any, list[tuple[str, Any]]]:
    """Run call; return its result and every (sql, params) it sent."""
    sent: list[tuple[str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not many:
            sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = call()
    return result, sent


def reads(sql: str) -> bool:
    verb = sql.lstrip().split(None, 1)[0].upper()
    text = sql.upper()
    if verb == "SELECT":
        return True
    return verb in {"INSERT", "UPDATE", "DELETE"} and (" SELECT " in text or " WHERE " in text)


def plan_nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def label(node: dict[str, Any]) -> str:
    text = node["Node Type"]
    if "Relation Name" in node:
        text += f" {node['Relation Name']}"
    if "Index Name" in node:
        text += f" ({node['Index Name']})"
    return text


def shorten(sql: str, width: int = 150) -> str:
    """Keep what tells queries apart: tables, joins, filters, order and limit."""
    sql = re.sub(r"\s+", " ", sql).replace('"', "")
    sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql)
    sql = re.sub(r" (?:LEFT OUTER|INNER) JOIN (\w+) ON \([^)]*\)", r" ⋈ \1", sql)
    sql = re.sub(r"\b[a-z_]+\.([a-z_]+)\b", r"\1", sql)  # drop table qualifiers
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def explain(request: str, sql: str, params: Any) -> Explained:
    try:
        # A savepoint each: an EXPLAIN ANALYZE of a write is undone, and a failure spoils nothing.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
            (found,) = cursor.fetchone()
            transaction.set_rollback(True)
    except Exception as error:  # reported, not fatal: the plan of one statement is missing
        return Explained(request, sql, shorten(sql), [], False, None, str(error).splitlines()[0])
    top = (json.loads(found) if isinstance(found, str) else found)[0]
    nodes = list(plan_nodes(top["Plan"]))
    seq = any(n["Node Type"] == "Seq Scan" and n.get("Relation Name") == WATCHED for n in nodes)
    ms = top["Execution Time"]
    return Explained(request, sql, shorten(sql), [label(n) for n in nodes], seq, ms)


def send(client: Client, method: str, path: str) -> Any:
    if method == "GET":
        return client.get(path)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    return client.post(path, NEW_ASK, content_type="application/json", headers=key)


def run(user: Any) -> list[Explained]:
    from rejection.accounts.services import create_token

    _, raw = create_token(user, "explain")
    page = Client()
    page.force_login(user)
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    results = []
    for face, method, path in REQUESTS:
        client = page if face == "page" else api
        if "{next}" in path:
            following = api.get(path.split("?")[0]).json()["next_cursor"]
            path = path.format(next=quote(following))
        response, sent = recorded(partial(send, client, method, path))
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path} answered {response.status_code}")
        request = f"{method} {path}"
        results += [explain(request, sql, params) for sql, params in sent if reads(sql)]
    return results


def print_plain(results: list[Explained]) -> None:
    current = ""
    for item in results:
        if item.request != current:
            current = item.request
            print(f"\n== {current}")
        verdict = "FAIL seq scan on journal_attempt" if item.seq_on_watched else "ok"
        timing = f"{item.ms:8.3f} ms" if item.ms is not None else "   (no plan)"
        print(f"  {timing}  {verdict:5}  {item.sql}")
        print(f"      {item.error or ' > '.join(item.nodes)}")


def print_markdown(results: list[Explained]) -> None:
    """Print the statements that read the journal's tables, each once, as a Markdown table."""
    print("| Request | Statement | Plan nodes | ms |")
    print("|---|---|---|---:|")
    seen: set[str] = set()
    for item in results:
        if item.full_sql in seen or not any(" journal_" in node for node in item.nodes):
            continue
        seen.add(item.full_sql)
        nodes = " → ".join(dict.fromkeys(item.nodes)) or item.error
        sql = item.sql.replace("|", "\\|")
        ms = f"{item.ms:.2f}" if item.ms is not None else "—"
        print(f"| {item.request} | `{sql}` | {nodes} | {ms} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", help="Explain for this username (default: the most asks).")
    parser.add_argument(
        "--markdown", action="store_true", help="Print the journal statements as a Markdown table."
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("EXPLAIN (ANALYZE, BUFFERS) needs PostgreSQL: set DATABASE_URL.")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=args.user) if args.user else heaviest_user()
    from rejection.journal.models import Attempt

    asks = Attempt.objects.filter(user=user).count()
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy), transaction.atomic():
        results = run(user)
        transaction.set_rollback(True)  # leave the dataset as it was
    print(f"{user.get_username()}: {asks:,} asks; {len(results)} statements explained")
    (print_markdown if args.markdown else print_plain)(results)
    failures = [item for item in results if item.seq_on_watched]
    slowest = max((item.ms or 0.0 for item in results), default=0.0)
    print(f"\nSeq scans on {WATCHED}: {len(failures)}; slowest statement {slowest:.2f} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
