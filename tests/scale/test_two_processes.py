"""Two app processes, one PostgreSQL, one Redis, one job consumer: nothing lives in a process.

Starts two real granian servers (A and B) on a fresh PostgreSQL database and a Redis
database of their own, plus `manage.py run_huey` with two workers, and checks that what
one process writes the other reads: a session, a token, a rate limit's count, and the
coach's background job, which must teach once even when it is delivered three times.
Skipped, saying why, only when PostgreSQL or Redis cannot be reached.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
import redis

from tests.processes import BIN, PG_ADMIN_URL, REPO, free_port, manage

# A Redis database of this test's own, flushed before and after, so nobody else's keys
# (a dev server's cache, another test) are read or wiped.
REDIS_URL = "redis://127.0.0.1:6379/13"
API_RATE = 10  # requests a minute per token, across every process
PASSWORD = "a long shared passphrase"
WAIT = 60.0  # seconds a process or a job may take before the test gives up
pytestmark = pytest.mark.own_server("postgresql")


def postgres_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "")
    admin = base if base.startswith("postgres") else PG_ADMIN_URL
    return urlunsplit(urlsplit(admin)._replace(path="/" + name))


def sql(url: str, query: str, *params: Any) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        cursor = conn.execute(query, params)  # type: ignore[arg-type]
        return cursor.fetchall() if cursor.description else []


@dataclass
class Cluster:
    env: dict[str, str]
    logs: Path
    database_url: str
    ports: dict[str, int] = field(default_factory=dict)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def manage(self, *args: str) -> str:
        return manage(self.env, *args, timeout=300)

    def spawn(self, name: str, *command: str) -> None:
        with (self.logs / f"{name}.log").open("ab") as log:
            self.procs.append(
                subprocess.Popen(
                    command,
                    cwd=REPO,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own group, so teardown stops its workers too
                )
            )

    def serve(self, name: str) -> None:
        port = self.ports[name] = free_port()
        self.spawn(
            name,
            str(BIN / "granian"),
            *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
            *("--workers", "1", "--blocking-threads", "2"),
            "rejection.wsgi:application",
        )
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert all(proc.poll() is None for proc in self.procs), self.log(name)
            try:
                if self.api(name, "GET", "/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{name} did not answer:\n{self.log(name)}")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def api(
        self, name: str, method: str, path: str, body: Any = None, token: str = ""
    ) -> tuple[int, dict[str, str], Any]:
        conn = http.client.HTTPConnection("127.0.0.1", self.ports[name], timeout=WAIT)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        is_json = response.getheader("Content-Type", "").startswith("application/json")
        payload = json.loads(raw) if raw and is_json else raw
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload

    def sign_up(self, name: str, username: str) -> str:
        body = {
            "username": username,
            "password": PASSWORD,
            "timezone": "Europe/Paris",
            "age_confirmed": True,
        }
        status, _, payload = self.api(name, "POST", "/api/v1/auth/signup", body)
        assert status == 201, payload
        return str(payload["token"])


def reachable_or_skip() -> Any:
    import psycopg

    try:
        psycopg.connect(postgres_url("postgres"), connect_timeout=3).close()
    except Exception as error:
        pytest.skip(f"PostgreSQL is not reachable at {postgres_url('postgres')}: {error}")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except Exception as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    return client


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    redis_client = reachable_or_skip()
    redis_client.flushdb()
    name = f"rt_twoproc_{uuid.uuid4().hex[:10]}"
    sql(postgres_url("postgres"), f'CREATE DATABASE "{name}"')
    tmp = tmp_path_factory.mktemp("two-processes")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "JOBS_IMMEDIATE", "API_THROTTLE_RATES"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="rejection.settings",
        DEBUG="false",
        SECRET_KEY="two-processes-test-secret-" + "s" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        STATIC_MANIFEST="false",
        DATA_DIR=str(tmp / "data"),
        DATABASE_URL=postgres_url(name),
        REDIS_URL=REDIS_URL,
        JOBS_IMMEDIATE="false",  # the real queue: web processes only enqueue
        API_THROTTLE_RATES=f"api={API_RATE}/m",
        PYTHONUNBUFFERED="1",
    )
    cluster = Cluster(env=env, logs=tmp, database_url=postgres_url(name))
    try:
        cluster.manage("migrate", "--noinput")
        cluster.manage("loaddeck")
        cluster.spawn("consumer", str(BIN / "python"), "manage.py", "run_huey", "--workers", "2")
        cluster.serve("A")
        cluster.serve("B")
        yield cluster
    finally:
        cluster.stop()
        sql(postgres_url("postgres"), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        redis_client.flushdb()


def test_a_session_made_on_one_process_works_on_the_other(cluster: Cluster) -> None:
    token = cluster.sign_up("A", "sessions")
    named = cluster.api("A", "PATCH", "/api/v1/me", {"display_name": "Sam Sessions"}, token)
    assert named[0] == 200, named
    browser = build_opener(HTTPCookieProcessor(CookieJar()))  # cookies ignore ports
    form = browser.open(cluster.url("A", "/accounts/login/")).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert csrf, form
    fields = {"csrfmiddlewaretoken": csrf[1], "login": "sessions", "password": PASSWORD}
    signed_in = browser.open(cluster.url("A", "/accounts/login/"), urlencode(fields).encode())
    assert "/accounts/login/" not in signed_in.geturl()

    page = browser.open(cluster.url("B", "/settings/"))

    assert page.status == 200 and page.geturl().endswith("/settings/")
    assert 'value="Sam Sessions"' in page.read().decode()  # B knows who this is
    keys = redis.Redis.from_url(REDIS_URL).keys("*sessions.cached_db*")
    assert keys, "the session is cached in Redis as well as stored in the database"


def test_a_token_from_one_process_works_on_the_other(cluster: Cluster) -> None:
    token = cluster.sign_up("A", "tokens")
    status, _, me = cluster.api("B", "GET", "/api/v1/me", token=token)
    assert status == 200 and me["username"] == "tokens"


def test_the_rate_limit_is_counted_across_both_processes(cluster: Cluster) -> None:
    token = cluster.sign_up("B", "limits")
    statuses = [
        cluster.api("AB"[n % 2], "GET", "/api/v1/me", token=token)[0] for n in range(API_RATE)
    ]
    assert statuses == [200] * API_RATE  # each process alone has seen only half the limit

    over_a, headers, body = cluster.api("A", "GET", "/api/v1/me", token=token)
    over_b = cluster.api("B", "GET", "/api/v1/me", token=token)[0]

    assert (over_a, over_b) == (429, 429)
    assert body["error"]["code"] == "rate_limited" and int(headers["retry-after"]) >= 1


def executed_jobs(cluster: Cluster) -> int:
    """Count the learning jobs the consumer has finished, by job id, from its log."""
    finished = re.findall(
        r"learn_from_attempt: ([0-9a-f-]{36}) .*executed in", cluster.log("consumer")
    )
    return len(set(finished))


def test_the_coach_job_runs_off_the_request_and_teaches_once(cluster: Cluster) -> None:
    token = cluster.sign_up("A", "learner")
    status, _, deck = cluster.api("A", "GET", "/api/v1/challenges?limit=1", token=token)
    assert status == 200, deck
    card = deck["items"][0]["id"]
    body = {"challenge_id": card, "ask": "Asked for a table by the window", "outcome": "rejected"}
    status, _, attempt = cluster.api(
        "A", "POST", "/api/v1/attempts", {**body, "anxiety_before": 8}, token=token
    )
    assert status == 201, attempt
    # The same job delivered twice more, for the consumer's two workers to race over.
    job = "from rejection.coach.tasks import learn_from_attempt as job; job({0}); job({0})"
    cluster.manage("shell", "-c", job.format(attempt["id"]))

    deadline = time.monotonic() + WAIT
    while executed_jobs(cluster) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert executed_jobs(cluster) >= 3, cluster.log("consumer")

    db = cluster.database_url
    learned = sql(
        db, "SELECT count(*) FROM coach_learnedattempt WHERE attempt_id = %s", attempt["id"]
    )
    rating = sql(db, "SELECT count FROM coach_challengerating WHERE challenge_id = %s", card)
    felt = sql(
        db,
        "SELECT s.last_felt FROM coach_coachstate s JOIN auth_user u ON u.id = s.user_id"
        " WHERE u.username = 'learner'",
    )
    assert learned == [(1,)]
    assert rating == [(1,)], "three deliveries, one learning"
    assert len(felt) == 1 and list(felt[0][0].values()) == [8]
    assert "Traceback" not in cluster.log("consumer")
