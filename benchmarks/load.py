"""Load benchmark: wrk against a real granian server, each endpoint beside a bare "hello".

    .venv/bin/python benchmarks/load.py                      # SQLite, the demo account
    .venv/bin/python benchmarks/load.py --database-url postgresql://postgres@127.0.0.1/rt_scale \\
        --tokens-file artifacts/loadgen/tokens.txt           # PostgreSQL, many users
    .venv/bin/python benchmarks/load.py --duration 5 --workers 2 --connections 16

It starts granian and the job consumer (run_huey) itself, as `make run` does but with DEBUG
off and collected static files, warms each request up, then runs wrk for --duration seconds
and prints, per request: requests/s, p50 and p99 latency, answers outside 2xx, the server's
CPU per request, and two ratios of throughput in the same run: to the bare /bench/hello/
page's (measured first and last; their mean is the yardstick) and to the signed-in floor's
(/bench/hello/me/: the session and the user, nothing else), the same two from CPU per
request (steadier on a busy machine), and whether each of issue 16's targets is met: the
floor at least 0.4 of the bare page, each main read at least 0.5 of the floor, each write
(POST /api/v1/attempts, the log form's POST) at least 0.25 of the floor with p99 at most
150 ms and no "database is locked" in the server's log. Before the writes it measures the
write floor (/bench/hello/write/: the signed-in floor plus one transaction inserting one row),
the most any write can reach on that database, and gives each write's share of it too.
Then the resident memory (VmRSS) of each granian worker. The table is also written to
artifacts/bench/load-<db>.md.

Requests marked optional (the feed, /feed/ and /api/v1/feed) are measured once their URL
resolves in this build, and skipped until then; add a new main read to ENDPOINTS the same way.

SQLite: a throwaway DATA_DIR with the deck and the demo account (seed_demo --seed 7).
PostgreSQL: the database --database-url (or DATABASE_URL) names, migrated; readers are the
demo account (seeded if missing) or the first --readers users of --tokens-file. POST
/api/v1/attempts writes real asks: use a benchmark database, never a real one.

The server runs benchmarks/settings.py: the real settings with the API's per-token rate limit
raised (the throttle still runs, so its cost is measured). Writes go to --writers users in
turn, so one user's row lock is not all that is measured, and name deck cards in turn, so
each queues the coach's job as an ask from the Today card does. Tokens and sessions the run
made are deleted at the end; the asks it wrote stay.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.wrk import WrkResult, lua_script, parse_wrk_output  # noqa: E402

BIN = Path(sys.executable).parent
# Issue 16's targets, as throughput ratios within one run.
FLOOR_TARGET = 0.4  # the signed-in floor, over the bare page
READ_TARGET = 0.5  # each main read, over the signed-in floor
WRITE_TARGET = 0.25  # each write, over the signed-in floor ...
WRITE_P99_MS = 150  # ... with its p99 at most this, and no "database is locked"
TARGET_RSS_MB = 150  # per worker
LOCKED = b"database is locked"


@dataclass(frozen=True)
class Endpoint:
    label: str
    method: str
    path: str
    auth: str = "none"  # "none", "session" (a page) or "token" (the API)
    role: str = "read"  # "bare", "floor", "read" (a main read), "write floor" or "write"
    form: bool = False  # a page's form post: form-encoded, with the CSRF cookie and token
    optional: bool = False  # measured only once its URL resolves (a feature still to land)

    @property
    def writes(self) -> bool:
        return self.role in ("write", "write floor")

    @property
    def content_type(self) -> str:
        return "application/x-www-form-urlencoded" if self.form else "application/json"

    def available(self) -> bool:
        """False for an optional request whose URL this build does not have yet."""
        from django.urls import Resolver404, resolve

        try:
            match = resolve(self.path.partition("?")[0])
        except Resolver404:
            if self.optional:
                return False
            raise
        # The API answers its unknown paths itself (a 404 in its error shape).
        return not (self.optional and match.url_name == "api-unknown")

    def bodies(self, run: Run) -> list[str]:
        if not self.writes:
            return []
        return run.form_bodies if self.form else run.ask_bodies

    def body(self, run: Run, n: int) -> str:
        bodies = self.bodies(run)
        return bodies[n % len(bodies)] if bodies else ""


HELLO = Endpoint("hello", "GET", "/bench/hello/", role="bare")
HELLO_AGAIN = Endpoint("hello (again, last)", "GET", "/bench/hello/", role="bare")  # drift
# The floor of every signed-in page: the session and the user read, nothing else.
FLOOR = Endpoint("signed-in floor", "GET", "/bench/hello/me/", "session", role="floor")
# The floor of every write: the signed-in floor plus one transaction inserting one row.
# Measured before the writes, not a target: what any write can reach on this database.
WRITE_FLOOR = Endpoint("write floor", "POST", "/bench/hello/write/", "session", role="write floor")
ENDPOINTS = [
    FLOOR,
    Endpoint("GET /today/", "GET", "/today/", "session"),
    Endpoint("GET /log/ (the form)", "GET", "/log/", "session"),
    Endpoint("GET /journal/", "GET", "/journal/", "session"),
    Endpoint("GET /progress/", "GET", "/progress/", "session"),
    Endpoint("GET /progress/week/", "GET", "/progress/week/", "session"),
    Endpoint("GET /ladder/", "GET", "/ladder/", "session"),
    # The feed, measured once another branch adds it (skipped while its URL does not resolve).
    Endpoint("GET /feed/", "GET", "/feed/", "session", optional=True),
    Endpoint("GET /api/v1/today", "GET", "/api/v1/today", "token"),
    Endpoint("GET /api/v1/attempts", "GET", "/api/v1/attempts", "token"),
    Endpoint("GET /api/v1/stats", "GET", "/api/v1/stats", "token"),
    Endpoint("GET /api/v1/insights", "GET", "/api/v1/insights", "token"),
    Endpoint("GET /api/v1/me", "GET", "/api/v1/me", "token"),
    Endpoint("GET /api/v1/feed", "GET", "/api/v1/feed", "token", optional=True),
    WRITE_FLOOR,
    Endpoint("POST /api/v1/attempts", "POST", "/api/v1/attempts", "token", role="write"),
    Endpoint("POST /log/ (the form)", "POST", "/log/", "session", role="write", form=True),
]


@dataclass(frozen=True)
class Measured:
    endpoint: Endpoint
    wrk: WrkResult
    server_cores: float  # CPU the server used while wrk ran, in cores (1.0 = one core busy)
    wrk_cores: float
    locked: int = 0  # "database is locked" in the server's log while it ran

    @property
    def label(self) -> str:
        return self.endpoint.label

    @property
    def cpu_ms_per_request(self) -> float:
        return self.server_cores * self.wrk.seconds * 1000 / max(self.wrk.requests, 1)


@dataclass
class Identity:
    username: str
    token: str
    session_key: str = ""
    csrf: str = ""  # the CSRF cookie's secret, sent back as the form's token too

    def headers(self, auth: str, cookie_name: str) -> dict[str, str]:
        if auth == "session":
            csrf = f"; {CSRF_COOKIE}={self.csrf}" if self.csrf else ""
            return {"Cookie": f"{cookie_name}={self.session_key}{csrf}"}
        if auth == "token":
            return {"Authorization": f"Bearer {self.token}"}
        return {}


@dataclass
class Run:
    args: argparse.Namespace
    db_label: str
    env: dict[str, str]
    readers: list[Identity] = field(default_factory=list)
    writers: list[Identity] = field(default_factory=list)
    ask_bodies: list[str] = field(default_factory=list)
    form_bodies: list[str] = field(default_factory=list)
    token_ids: list[int] = field(default_factory=list)
    session_keys: list[str] = field(default_factory=list)


# --- setup -------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL to run against (default: DATABASE_URL, else a throwaway SQLite).",
    )
    parser.add_argument("--redis-url", default="", help="Cache on Redis (default: the database).")
    parser.add_argument(
        "--tokens-file",
        "--users-from-tokens-file",
        type=Path,
        help="Bearer tokens, one a line (the first rt_... field of each line is read).",
    )
    parser.add_argument("--readers", type=int, default=20, help="--tokens-file users who read.")
    parser.add_argument("--writers", type=int, default=8, help="Users who write, in turn.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per request.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of wrk first, not counted.")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections.")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads.")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes.")
    parser.add_argument("--blocking-threads", type=int, default=4, help="granian's per worker.")
    parser.add_argument("--backpressure", type=int, default=16, help="granian's per worker.")
    parser.add_argument(
        "--jobs",
        choices=["consumer", "immediate"],
        default="consumer",
        help="Background jobs: a run_huey consumer beside granian (default, as in production), "
        "or inside the requests (JOBS_IMMEDIATE).",
    )
    parser.add_argument("--job-workers", type=int, default=2, help="The consumer's threads.")
    parser.add_argument("--port", type=int, default=0, help="Default: a free one.")
    parser.add_argument("--only", default="", help="Only requests whose label contains this.")
    parser.add_argument("--out", type=Path, help="Default: artifacts/bench/load-<db>.md.")
    args = parser.parse_args()
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads (wrk needs one per thread).")
    if args.tokens_file and not args.database_url:
        parser.error("--tokens-file needs --database-url (the tokens live in that database).")
    return args


def server_environment(args: argparse.Namespace, data_dir: Path) -> dict[str, str]:
    """The environment of the server and of this process (they must share SECRET_KEY)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "DEBUG": "false",  # DEBUG keeps every query in memory: not a realistic server
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # wrk speaks plain HTTP
        "SECURE_COOKIES": "false",
        "STATIC_MANIFEST": "true",
        "DATA_DIR": str(data_dir),
        "LOG_LEVEL": "ERROR",
        "JOBS_IMMEDIATE": "true" if args.jobs == "immediate" else "false",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def read_tokens(path: Path) -> list[str]:
    """The first rt_... field of each line (a bare token, or "username,token", say)."""
    tokens = []
    for line in path.read_text().splitlines():
        fields = line.replace(",", " ").split()
        tokens += [f for f in fields if f.startswith("rt_")][:1]
    return tokens


def seed_demo() -> Any:
    """The deck and the account "demo" with 60 days of history, as `make demo` makes them."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("loaddeck", verbosity=0)
    password = secrets.token_urlsafe(16)  # nobody logs in with it: sessions are made here
    call_command("seed_demo", seed=7, password=password, stdout=io.StringIO())
    return get_user_model().objects.get(username="demo")


def prepare_database(run: Run) -> None:
    """Migrate and seed as needed; make tokens and sessions for the readers and writers."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from rejection.accounts.contracts import SignUp
    from rejection.accounts.services import create_token, create_user, user_for_token

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    User = get_user_model()
    if not run.args.database_url:
        seed_demo()

    def with_new_token(user: Any) -> Identity:
        token, raw = create_token(user, "benchmarks/load.py")
        run.token_ids.append(token.pk)
        return Identity(user.get_username(), raw)

    if run.args.tokens_file:
        tokens = read_tokens(run.args.tokens_file)
        wanted = run.args.readers + run.args.writers
        if len(tokens) < 1:
            raise SystemExit(f"No rt_... token in {run.args.tokens_file}.")
        for raw in tokens[:wanted]:
            user = user_for_token(raw)
            if user is None:
                raise SystemExit(f"A token in {run.args.tokens_file} is not in this database.")
            identity = Identity(user.get_username(), raw)
            if len(run.readers) < run.args.readers:
                run.readers.append(identity)
            else:
                run.writers.append(identity)
        run.writers = run.writers or run.readers[: run.args.writers]
    else:
        demo = User.objects.filter(username="demo").first()
        if demo is None:
            demo = seed_demo()
        run.readers = [with_new_token(demo)]
        for n in range(1, run.args.writers + 1):
            name = f"loadbench-writer-{n}"
            user = User.objects.filter(username=name).first() or create_user(
                SignUp(username=name, password=secrets.token_urlsafe(16), age_confirmed=True)
            )
            run.writers.append(with_new_token(user))
    sign_in(run)
    run.ask_bodies = ask_bodies()
    run.form_bodies = form_bodies(run.ask_bodies, CSRF_SECRET)


def ask_bodies(count: int = 24) -> list[str]:
    """Asks about deck cards, as from the Today card: each teaches the coach (a queued job),
    and they spread over several cards so no one rating row takes every write."""
    from rejection.challenges.models import Challenge

    cards = list(Challenge.objects.deck().order_by("pk").values_list("pk", flat=True)[:count])
    outcomes = ["rejected", "accepted", "no_response", "partial"]
    return [
        json.dumps(
            {"ask": "Asked a stranger for directions", "challenge_id": card}
            | {"outcome": outcomes[n % len(outcomes)], "anxiety_before": 3 + n % 6}
        )
        for n, card in enumerate(cards or [None])
    ]


def form_bodies(asks: list[str], csrf: str) -> list[str]:
    """The log form's posts for the same asks, with the CSRF token the form would carry."""
    from urllib.parse import urlencode

    bodies = []
    for ask in asks:
        fields = {k: v for k, v in json.loads(ask).items() if v is not None}
        bodies.append(
            urlencode(
                {"challenge": fields.pop("challenge_id", "")} | fields
                | {"visibility": "private", "csrfmiddlewaretoken": csrf}
            )
        )  # fmt: skip
    return bodies


# One CSRF secret for every simulated browser: the cookie is the client's to choose, and the
# form's token must match it (an unmasked secret is accepted as a token).
CSRF_SECRET = secrets.token_hex(16)
CSRF_COOKIE = "csrftoken"


def sign_in(run: Run) -> None:
    """Give each reader and writer a session in the shared session store, as the login form
    would, and a CSRF cookie for the log form's posts."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    global CSRF_COOKIE
    CSRF_COOKIE = settings.CSRF_COOKIE_NAME
    identities = [*run.readers, *run.writers]
    names = [identity.username for identity in identities]
    users = get_user_model().objects.in_bulk(names, field_name="username")
    for identity in identities:
        client = Client()
        client.force_login(users[identity.username])
        identity.session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
        identity.csrf = CSRF_SECRET
        run.session_keys.append(identity.session_key)


def clean_up(run: Run) -> None:
    from django.conf import settings

    from rejection.accounts.models import ApiToken

    ApiToken.objects.filter(pk__in=run.token_ids).delete()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in run.session_keys:  # through the store: a cached_db session is in Redis too
        store(session_key=key).delete()


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def granian(run: Run, port: int, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Serve the app with granian, as `make run` does, until the block ends."""
    command = [
        str(BIN / "granian"),
        "--interface", "wsgi",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(run.args.workers),
        "--blocking-threads", str(run.args.blocking_threads),
        "--backpressure", str(run.args.backpressure),
        "--no-access-log",
        "rejection.wsgi:application",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=run.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_up(server, port, log_path)
            yield server
        finally:
            stop(server)


@contextmanager
def job_consumer(run: Run, log_path: Path) -> Iterator[subprocess.Popen[bytes] | None]:
    """huey's consumer beside granian, as `make run` starts it, so the jobs the writes queue
    (the coach's learning) are done during the run, as in production."""
    if run.args.jobs != "consumer":
        yield None
        return
    command = [sys.executable, "manage.py", "run_huey", "--workers", str(run.args.job_workers)]
    with log_path.open("wb") as log:
        consumer = subprocess.Popen(
            command, cwd=ROOT, env=run.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            yield consumer
        finally:
            stop(consumer)


def wait_until_up(server: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"granian stopped (exit {server.returncode}):\n{tail(log_path)}")
        try:
            if fetch(port, HELLO, {})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"granian did not answer within 90 s:\n{tail(log_path)}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """End the server this script started: its own process group, by id."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _proc_status(pid: int | str) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone meanwhile
        return {}
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def worker_pids(server_pid: int) -> list[int]:
    """granian's workers: the server's child processes (multiprocessing's helper aside)."""
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        if _proc_status(entry.name).get("PPid", "").strip() == str(server_pid):
            cmdline = (entry / "cmdline").read_bytes() if entry.exists() else b""
            if b"resource_tracker" not in cmdline:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    """Resident memory, VmRSS, in MB."""
    return int(_proc_status(pid).get("VmRSS", "0 kB").split()[0]) / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def fetch(
    port: int, endpoint: Endpoint, headers: dict[str, str], body: str = ""
) -> tuple[int, bytes]:
    """One request, redirects not followed: (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        if body:
            headers = headers | {"Content-Type": endpoint.content_type}
        connection.request(endpoint.method, endpoint.path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- measuring ---------------------------------------------------------------------------


def identities_for(run: Run, endpoint: Endpoint) -> list[Identity]:
    if endpoint.auth == "none":
        return [Identity("anonymous", "")]
    return run.writers if endpoint.writes else run.readers


def check_each_user(run: Run, port: int, endpoint: Endpoint, cookie: str) -> None:
    """Each user gets a 2xx before wrk runs: a redirect to the login form is no page (a form
    post's answer is its redirect, though: 3xx counts there)."""
    for n, identity in enumerate(identities_for(run, endpoint)):
        body_sent = endpoint.body(run, n)
        status, body = fetch(port, endpoint, identity.headers(endpoint.auth, cookie), body_sent)
        if not 200 <= status < (400 if endpoint.form else 300):
            raise SystemExit(
                f"{endpoint.label} as {identity.username}: {status} {body[:300]!r}; stopping."
            )


def run_wrk(
    run: Run, port: int, endpoint: Endpoint, seconds: int, script: Path
) -> tuple[WrkResult, float]:
    """wrk's figures and the CPU seconds wrk itself used (it shares the machine)."""
    command = [
        "wrk", "--latency", "--timeout", "10s",
        "-t", str(run.args.threads), "-c", str(run.args.connections), "-d", f"{seconds}s",
        "-s", str(script), f"http://127.0.0.1:{port}{endpoint.path}",
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return parse_wrk_output(done.stdout), used


def measure(
    run: Run,
    server_pids: list[int],
    port: int,
    endpoint: Endpoint,
    work_dir: Path,
    cookie: str,
    logs: list[Path],
) -> Measured:
    locked_before = sum(locked_in(log) for log in logs)
    check_each_user(run, port, endpoint, cookie)
    header_sets = [i.headers(endpoint.auth, cookie) for i in identities_for(run, endpoint)]
    script = work_dir / "request.lua"
    key_prefix = f"load-{secrets.token_hex(6)}" if endpoint.writes and not endpoint.form else ""
    script.write_text(
        lua_script(
            endpoint.method, endpoint.path, header_sets, endpoint.bodies(run), key_prefix,
            content_type=endpoint.content_type, redirects_ok=endpoint.form,
        )
    )  # fmt: skip
    if run.args.warmup:
        run_wrk(run, port, endpoint, run.args.warmup, script)
    server_before = cpu_seconds(server_pids)
    result, wrk_seconds = run_wrk(run, port, endpoint, run.args.duration, script)
    server_seconds = cpu_seconds(server_pids) - server_before
    seconds = result.seconds or 1.0
    locked = sum(locked_in(log) for log in logs) - locked_before
    return Measured(endpoint, result, server_seconds / seconds, wrk_seconds / seconds, locked)


def locked_in(log: Path) -> int:
    """How many times SQLite's "database is locked" is in a log so far."""
    return log.read_bytes().count(LOCKED) if log.exists() else 0


# --- reporting ---------------------------------------------------------------------------


def verdict(m: Measured, bare: float, floor: float, write_floor: float = 0.0) -> str:
    """Whether the request meets its target of issue 16, in words."""
    r, role = m.wrk, m.endpoint.role
    rps = r.requests_per_second
    if role == "bare":
        return ""
    if role == "write floor":
        return f"no target: {rps / floor if floor else 0:.2f} x floor is the most a write gets"
    if role == "floor":
        ok = bare and rps / bare >= FLOOR_TARGET
        return f"{'met' if ok else 'NOT MET'} (>= {FLOOR_TARGET} x bare)"
    failed = [f"{r.non_2xx} errors"] if r.non_2xx or r.socket_errors else []
    if role == "write":
        if not floor or rps / floor < WRITE_TARGET:
            failed.append(f"< {WRITE_TARGET} x floor")
        if r.p99_ms > WRITE_P99_MS:
            failed.append(f"p99 > {WRITE_P99_MS} ms")
        if m.locked:
            failed.append(f"{m.locked} x database is locked")
        if write_floor:  # not a target: what share of any write's best this one reached
            said = "met" if not failed else "NOT MET: " + ", ".join(failed)
            return f"{said} ({rps / write_floor:.2f} x write floor)"
    elif not floor or rps / floor < READ_TARGET:
        failed.append(f"< {READ_TARGET} x floor")
    return "met" if not failed else "NOT MET: " + ", ".join(failed)


def report(
    run: Run,
    results: list[Measured],
    rss: dict[int, float],
    started: dt.datetime,
    loads: tuple[str, str],
    jobs: str,
) -> str:
    hellos = [m.wrk.requests_per_second for m in results if m.endpoint.role == "bare"]
    bare = sum(hellos) / len(hellos)
    floors = [m.wrk.requests_per_second for m in results if m.endpoint.role == "floor"]
    floor = floors[0] if floors else 0.0
    write_floors = [m.wrk.requests_per_second for m in results if m.endpoint.role == "write floor"]
    write_floor = write_floors[0] if write_floors else 0.0
    # The same ratios from the server's CPU time per request, which the other work on a busy
    # machine disturbs far less than throughput: read them beside the verdicts.
    bare_cpus = [m.cpu_ms_per_request for m in results if m.endpoint.role == "bare"]
    bare_cpu = sum(bare_cpus) / len(bare_cpus)
    floor_cpus = [m.cpu_ms_per_request for m in results if m.endpoint.role == "floor"]
    floor_cpu = floor_cpus[0] if floor_cpus else 0.0
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    args = run.args
    who = (
        f"{len(run.readers)} readers and {len(run.writers)} writers from {args.tokens_file}"
        if args.tokens_file
        else f"the demo account reads; {len(run.writers)} writer accounts take turns"
    )
    lines = [
        f"Load benchmark, {started:%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, {run.db_label}"
        + (" + Redis cache" if args.redis_url else ", database cache"),
        f"granian: {args.workers} workers x {args.blocking_threads} threads; wrk: "
        f"{args.threads} threads, {args.connections} connections, {args.duration} s per "
        f"request after {args.warmup} s of warm-up; {who}.",
        f"{os.cpu_count()} CPUs; load average before {loads[0]}, after {loads[1]}.",
        "",
        "| request | req/s | p50 ms | p99 ms | non-2xx | socket errors | x bare | x floor "
        "| server CPU | CPU ms/req | CPU x bare | CPU x floor | wrk CPU | target (issue 16) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | --- |",
    ]
    for m in results:
        r = m.wrk
        x_bare = r.requests_per_second / bare if bare else 0.0
        x_floor = r.requests_per_second / floor if floor else 0.0
        cpu = m.cpu_ms_per_request or float("inf")
        lines.append(
            f"| {m.label} | {r.requests_per_second:,.1f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
            f"{r.non_2xx} | {r.socket_errors} | {x_bare:.2f} | {x_floor:.2f} | "
            f"{m.server_cores:.2f} | {m.cpu_ms_per_request:.2f} | {bare_cpu / cpu:.2f} | "
            f"{floor_cpu / cpu:.2f} | {m.wrk_cores:.2f} | "
            f"{verdict(m, bare, floor, write_floor)} |"
        )
    verdicts = [
        verdict(m, bare, floor, write_floor)
        for m in results
        if m.endpoint.role not in ("bare", "write floor")
    ]
    met = sum(v == "met" or v.startswith("met ") for v in verdicts)
    lines += [
        "",
        f"Targets met: {met} of {len(verdicts)}.",
        f"x bare: throughput over the mean of the two bare hello runs ({bare:,.1f} req/s); "
        f"the signed-in floor ({floor:,.1f} req/s) must reach {FLOOR_TARGET}. x floor: "
        f"throughput over the floor's; each main read must reach {READ_TARGET}, each write "
        f'{WRITE_TARGET} with p99 at most {WRITE_P99_MS} ms and no "database is locked" in '
        "the server's log. The write floor (the signed-in floor plus one transaction "
        "inserting one row) has no target: it is the most any write can reach here, and each "
        "write's verdict says what share of it that write reached. A form post's redirect "
        "counts as its answer. CPU: cores busy on "
        "average while wrk ran (granian's processes; wrk itself), out of "
        f"{os.cpu_count()}. CPU ms/req: the server's CPU time per request, which other work "
        "on the machine disturbs least; CPU x bare and CPU x floor: the same ratios from it "
        "(bare or floor CPU per request over this one's), steadier than throughput on a busy "
        "machine.",
        "",
        "| granian worker | VmRSS MB | target |",
        "| --- | ---: | --- |",
    ]
    lines += [
        f"| pid {pid} | {mb:.1f} | {'ok' if mb <= TARGET_RSS_MB else 'OVER'} |"
        for pid, mb in rss.items()
    ]
    lines.append(f"\nRSS read from /proc/<pid>/status at the end; target {TARGET_RSS_MB} MB each.")
    lines.append(f"\n{jobs}")
    return "\n".join(lines) + "\n"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench-tools` (Debian's package wrk).")
    data_dir = Path(tempfile.mkdtemp(prefix="rt-load-"))
    db_label = "postgresql" if args.database_url else "sqlite"
    run = Run(args, db_label, server_environment(args, data_dir))
    os.environ.update(run.env)
    for key in {"DATABASE_URL", "REDIS_URL"} - run.env.keys():
        os.environ.pop(key, None)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    cookie = settings.SESSION_COOKIE_NAME

    out = args.out or ROOT / "artifacts" / "bench" / f"load-{db_label}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    try:
        print(f"Preparing the {db_label} database in this process ...", flush=True)
        prepare_database(run)
        connections.close_all()  # the server alone talks to the database from here on
        chosen = [
            e for e in ENDPOINTS
            if (args.only.lower() in e.label.lower() or e.role == "floor") and e.available()
        ]  # fmt: skip
        if any(e.role == "write" for e in chosen) and WRITE_FLOOR not in chosen:
            chosen.insert(min(chosen.index(e) for e in chosen if e.role == "write"), WRITE_FLOOR)
        port = args.port or free_port()
        results: list[Measured] = []
        before = load_average()
        with (
            job_consumer(run, out.with_suffix(".jobs.log")) as consumer,
            granian(run, port, out.with_suffix(".server.log")) as server,
        ):
            workers = worker_pids(server.pid)
            pids = [server.pid, *workers]
            jobs_before = cpu_seconds([consumer.pid]) if consumer else 0.0
            for endpoint in [HELLO, *chosen, HELLO_AGAIN]:
                print(f"  {endpoint.label} ...", end=" ", flush=True)
                logs = [out.with_suffix(".server.log"), out.with_suffix(".jobs.log")]
                measured = measure(run, pids, port, endpoint, data_dir, cookie, logs)
                print(f"{measured.wrk.requests_per_second:,.1f} req/s", flush=True)
                results.append(measured)
            rss = {pid: rss_mb(pid) for pid in workers}
            jobs = (
                f"Job consumer (run_huey, {args.job_workers} threads): "
                f"{cpu_seconds([consumer.pid]) - jobs_before:.1f} CPU s over the run, "
                f"VmRSS {rss_mb(consumer.pid):.1f} MB."
                if consumer
                else "Background jobs ran inside the requests (JOBS_IMMEDIATE)."
            )
        table = report(run, results, rss, started, (before, load_average()), jobs)
        print("\n" + table)
        out.write_text(table)
        print(f"Written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    finally:
        clean_up(run)
        connections.close_all()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
