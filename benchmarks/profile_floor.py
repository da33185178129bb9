"""Where a signed-in request's time goes, in one process with no network in the way.

    .venv/bin/python benchmarks/profile_floor.py                   # counts and µs per request
    .venv/bin/python benchmarks/profile_floor.py --profile floor   # + a py-spy profile of one
    .venv/bin/python benchmarks/profile_floor.py --database-url postgresql://...

It prepares a throwaway database as benchmarks/load.py does (the deck, the demo account, a
session and a token), then calls the WSGI application directly, as granian would, for each
request of load.py in turn: the bare page, the signed-in floor, the pages and the API reads.
For each it prints the queries and the database writes one request makes (after warm-up, so
what a steady server does), and the mean CPU time per request over --rounds calls (this
process's, so the database's work is in it on SQLite but not on PostgreSQL), with its ratio
to the bare page and to the floor in the same run. CPU time, not wall time: other work on
the machine hardly changes it.

With --profile LABEL-PART, the chosen requests are then repeated under py-spy (sampling,
100 Hz per ms of work) and the inclusive share of the time of each layer is printed: each
middleware, the session load, the user load, the throttle, the view, template rendering and
the database. The raw stacks are kept in artifacts/bench/profile-<label>.txt.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.load import (  # noqa: E402
    ENDPOINTS,
    HELLO,
    Endpoint,
    Run,
    prepare_database,
    server_environment,
)

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)

# What each layer of a request is, as py-spy names its frames: (label, file part, function).
LAYERS: list[tuple[str, str, str]] = [
    ("whole request (WSGIHandler)", "core/handlers/wsgi.py", "__call__"),
    ("Django's handler and middleware chain", "django/core/handlers/", ""),
    ("  (MiddlewareMixin's glue)", "django/utils/deprecation.py", ""),
    ("SecurityMiddleware", "middleware/security.py", ""),
    ("WhiteNoiseMiddleware", "whitenoise/middleware.py", ""),
    ("SessionMiddleware (its own code)", "sessions/middleware.py", ""),
    ("  session load (SessionStore.load)", "sessions/backends/", "load"),
    ("  session save", "sessions/backends/", "save"),
    ("CommonMiddleware", "middleware/common.py", ""),
    ("CsrfViewMiddleware", "middleware/csrf.py", ""),
    ("AuthenticationMiddleware", "auth/middleware.py", ""),
    ("  user load (auth.get_user)", "contrib/auth/__init__.py", "get_user"),
    ("MessageMiddleware", "messages/middleware.py", ""),
    ("XFrameOptionsMiddleware", "middleware/clickjacking.py", ""),
    ("CSPMiddleware", "csp/middleware.py", ""),
    ("HtmxMiddleware", "django_htmx/middleware.py", ""),
    ("allauth AccountMiddleware", "allauth/account/middleware.py", ""),
    ("PageBodyLimitMiddleware", "rejection/core/limits.py", ""),
    ("URL resolving", "django/urls/resolvers.py", "resolve"),
    ("ninja: bearer auth", "rejection/api/auth.py", "authenticate"),
    ("ninja: throttle", "ninja/throttling.py", ""),
    ("cache reads and writes", "django/core/cache/backends/", ""),
    ("template rendering", "django/template/", "render"),
    ("forms", "django/forms/", ""),
    ("pydantic serialisation", "pydantic", ""),
    ("database (cursor execute)", "django/db/backends/utils.py", "execute"),
    ("  of which sqlite3/psycopg", "db/backends/", "execute"),
    ("response headers (cookies, Vary)", "django/http/response.py", ""),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--rounds", type=int, default=300, help="Timed calls per request.")
    parser.add_argument("--only", default="", help="Only requests whose label contains this.")
    parser.add_argument("--profile", default="", help="Profile requests whose label has this.")
    parser.add_argument("--seconds", type=float, default=8, help="Length of each profile.")
    args = parser.parse_args()
    # What benchmarks.load.prepare_database reads.
    args.tokens_file, args.readers, args.writers, args.jobs = None, 1, 2, "immediate"
    return args


def environ_for(endpoint: Endpoint, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    path, _, query = endpoint.path.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": endpoint.method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "CONTENT_LENGTH": str(len(body)),
    }
    if body:
        environ["CONTENT_TYPE"] = endpoint.content_type
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def caller(app: Any, run: Run, endpoint: Endpoint, cookie: str) -> Callable[[int], int]:
    """A function that makes the request once (the n-th time) and returns its status."""
    identities = (
        [None] if endpoint.auth == "none" else run.writers if endpoint.writes else run.readers
    )

    def call(n: int) -> int:
        identity = identities[n % len(identities)]
        headers = identity.headers(endpoint.auth, cookie) if identity else {}
        body = endpoint.body(run, n).encode()
        status: list[str] = []
        chunks = app(environ_for(endpoint, headers, body), lambda s, h, *a: status.append(s))
        for _ in chunks:
            pass
        if hasattr(chunks, "close"):
            chunks.close()
        return int(status[0].split()[0])

    return call


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Count the queries and the writes every database connection runs meanwhile."""
    from django.db import connections

    counts: Counter[str] = Counter()

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counts["queries"] += 1
        if WRITE.match(sql):
            counts["writes"] += 1
            counts["write: " + " ".join(sql.split()[:3])[:60]] += 1
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(wrapper):
        yield counts


def profile(label: str, call: Callable[[int], int], seconds: float) -> None:
    """Sample this process with py-spy while `call` runs, then print the layers' shares."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    out = ROOT / "artifacts" / "bench" / f"profile-{slug(label)}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = subprocess.Popen(
        [py_spy, "record", "--pid", str(os.getpid()), "--rate", "500", "--format", "raw",
         "--output", str(out), "--nonblocking", "--duration", str(int(seconds) + 1)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.5)  # py-spy attaches
    deadline, n = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        call(n)
        n += 1
    spy.wait(timeout=60)
    print(f"\n{label}: {n} requests profiled; share of the samples inside each layer")
    print_layers(out)


def print_layers(path: Path) -> None:
    """Share of samples per layer, from py-spy's raw (collapsed) stacks: inclusive (the
    layer and all it calls) and own (the layer minus the inner layers it calls)."""
    totals: Counter[str] = Counter()
    own: Counter[str] = Counter()
    in_request = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [frame.partition(" (") for frame in stack.split(";")]
        frames = [(name, where) for name, _, where in frames]
        if not any(where.startswith("django/core/handlers/wsgi.py") for _, where in frames):
            continue
        in_request += int(count)
        innermost = ""
        for name, where in reversed(frames):
            innermost = next(
                (
                    label
                    for label, file_part, function in LAYERS
                    if file_part in where
                    and (not function or name == function or name.endswith("." + function))
                ),
                "",
            )
            if innermost:
                break
        own[innermost or "other"] += int(count)
        for label, file_part, function in LAYERS:
            if any(
                file_part in where
                and (not function or name == function or name.endswith("." + function))
                for name, where in frames
            ):
                totals[label] += int(count)
    print(f"  {'layer':<40} {'inclusive':>9} {'own':>6}")
    for label in [label for label, _, _ in LAYERS] + ["other"]:
        share = totals[label] / in_request if in_request else 0.0
        mine = own[label] / in_request if in_request else 0.0
        print(f"  {label:<40} {share:9.1%} {mine:6.1%}")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> None:
    args = parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="rt-profile-"))
    run = Run(args, "postgresql" if args.database_url else "sqlite", {})
    run.env = server_environment(args, data_dir)
    os.environ.update(run.env)
    for key in {"DATABASE_URL", "REDIS_URL"} - run.env.keys():
        os.environ.pop(key, None)

    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    from benchmarks.load import clean_up

    try:
        prepare_database(run)
        app = get_wsgi_application()
        cookie = settings.SESSION_COOKIE_NAME
        chosen = [HELLO] + [
            e for e in ENDPOINTS if args.only.lower() in e.label.lower() or e.role == "floor"
        ]
        rows = []
        for endpoint in chosen:
            if not endpoint.available():
                continue
            call = caller(app, run, endpoint, cookie)
            for n in range(20):  # warm-up: caches filled, connections open
                status = call(n)
                if status >= 400:
                    raise SystemExit(f"{endpoint.label}: {status}")
            with counting() as counts:
                call(20)
            started = time.process_time()  # CPU time: other work on the machine hardly moves it
            for n in range(args.rounds):
                call(21 + n)
            micros = (time.process_time() - started) / args.rounds * 1e6
            rows.append((endpoint, micros, counts))
        bare = rows[0][1]
        floor = next((m for e, m, _ in rows if e.role == "floor"), bare)
        print(f"\n{run.db_label}, one thread, {args.rounds} calls each (after 20 of warm-up)")
        print(f"{'request':<34} {'CPU µs':>8} {'x bare':>7} {'x floor':>8} {'queries':>8} "
              f"{'writes':>7}  writes are")  # fmt: skip
        for endpoint, micros, counts in rows:
            writes = ", ".join(
                f"{k.removeprefix('write: ')} x{v}" for k, v in counts.items()
                if k.startswith("write: ")
            )  # fmt: skip
            print(
                f"{endpoint.label:<34} {micros:8.0f} {bare / micros:7.2f} {floor / micros:8.2f} "
                f"{counts['queries']:8d} {counts['writes']:7d}  {writes}"
            )
        if args.profile:
            for endpoint in chosen:
                if args.profile.lower() in endpoint.label.lower():
                    profile(endpoint.label, caller(app, run, endpoint, cookie), args.seconds)
    finally:
        clean_up(run)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--layers"]:  # print the layers of a profile kept earlier
        print_layers(Path(sys.argv[2]))
    else:
        main()
