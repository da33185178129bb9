"""A real granian server on a fresh database, started and killed like production would be.

`serve("sqlite")` or `serve("postgresql")` migrates a new database (a temp DATA_DIR, or a
scratch PostgreSQL database dropped afterwards), loads the deck, creates one user with a
token via `manage.py shell` (on SQLite, later servers start from a copy of the first one),
and starts granian in its own process group so a test can `kill()` it with SIGKILL (workers
included) and `start()` it again on the same database.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.processes import BIN, PG_ADMIN_URL, REPO, free_port, manage

MAKE_USER = (
    "from rejection.accounts.contracts import SignUp\n"
    "from rejection.accounts.services import create_token, create_user\n"
    "user = create_user(SignUp(username='durable', password='a-long-test-password-1234',\n"
    "    age_confirmed=True))\n"
    "print('TOKEN=' + create_token(user)[1])"
)


@dataclass
class Server:
    """One database and the granian serving it; `base` changes at each start."""

    env: dict[str, str]
    log_path: Path
    token: str = ""
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    starts: int = field(default=0)

    def manage(self, *args: str) -> str:
        return manage(self.env, *args, timeout=120)

    def start(self, *, same_port: bool = False) -> None:
        """Start granian; on a new free port unless same_port (a browser's origin must stay)."""
        if not (same_port and self.port):
            self.port = free_port()
        self.starts += 1
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                str(BIN / "granian"),
                *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port)),
                *("--workers", "2", "--blocking-threads", "4"),
                "rejection.wsgi:application",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log()
            try:
                status, _, _ = self.request("GET", "/api/v1/me")
            except OSError:
                time.sleep(0.1)
                continue
            if status == 200:
                return
            time.sleep(0.1)
        raise AssertionError("granian did not answer within 30 s:\n" + self.log())

    def kill(self) -> None:
        """SIGKILL the whole process group: no graceful shutdown, no flush, no goodbye."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, dict[str, str], Any]:
        """One request on a new connection; OSError (refused, reset...) when there is no answer."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            sent = {"Authorization": f"Bearer {self.token}", **(headers or {})}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                sent["Content-Type"] = "application/json"
            conn.request(method, path, body=data, headers=sent)
            response = conn.getresponse()
            raw = response.read()
            payload = json.loads(raw) if raw else None
            return response.status, {k.lower(): v for k, v in response.getheaders()}, payload
        except http.client.HTTPException as error:  # e.g. RemoteDisconnected mid-response
            raise ConnectionError(str(error)) from error
        finally:
            conn.close()

    def all_attempts(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        path = "/api/v1/attempts?limit=100"
        while True:
            status, _, page = self.request("GET", path)
            assert status == 200, page
            items.extend(page["items"])
            if not page["next_cursor"]:
                return items
            path = f"/api/v1/attempts?limit=100&cursor={page['next_cursor']}"


def _postgres_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "")
    admin = base if base.startswith("postgres") else PG_ADMIN_URL
    return urlunsplit(urlsplit(admin)._replace(path="/" + name))


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_postgres_url("postgres"), autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


@dataclass
class _Seeded:
    """A migrated and seeded SQLite DATA_DIR, copied for each server after the first: the
    three management commands that make one cost about 11 s."""

    folder: Path
    token: str = ""


@pytest.fixture(scope="session")
def _seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> _Seeded:
    return _Seeded(tmp_path_factory.mktemp("seeded") / "data")


@pytest.fixture
def serve(tmp_path: Path, _seeded_sqlite: _Seeded) -> Iterator[Callable[..., Server]]:
    """Return a function making a migrated, seeded, running server on a fresh database;
    `static=True` serves collected static files with hashed names, as production does."""
    made: list[Server] = []
    scratch: list[str] = []
    seeded = _seeded_sqlite

    def make(backend: str, *, static: bool = False) -> Server:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        env.update(
            DJANGO_SETTINGS_MODULE="rejection.settings",
            DEBUG="false",
            SECRET_KEY="durability-test-secret-" + "k" * 60,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            STATIC_MANIFEST="false",
            LOG_LEVEL="WARNING",
            DATA_DIR=str(tmp_path / f"data-{len(made)}"),
            PYTHONUNBUFFERED="1",
        )
        if backend == "postgresql":
            name = f"rt_crash_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            try:
                _pg_admin(f'CREATE DATABASE "{name}"')
            except Exception as error:  # any failure to reach it means skip
                pytest.skip(f"PostgreSQL is not reachable for a scratch database: {error}")
            scratch.append(name)
            env["DATABASE_URL"] = _postgres_url(name)
        server = Server(env=env, log_path=tmp_path / f"granian-{len(made)}.log")
        made.append(server)
        if backend == "sqlite" and seeded.token:
            shutil.copytree(seeded.folder, env["DATA_DIR"])
            server.token = seeded.token
        else:
            server.manage("migrate", "--noinput")
            server.manage("loaddeck")
            out = server.manage("shell", "-c", MAKE_USER)
            server.token = next(line[6:] for line in out.splitlines() if line.startswith("TOKEN="))
            if backend == "sqlite":  # every command has ended, so the files are whole
                shutil.copytree(env["DATA_DIR"], seeded.folder)
                seeded.token = server.token
        if static:  # whitenoise reads the files at start, hashed names as the manifest says
            server.env["STATIC_MANIFEST"] = "true"
            server.manage("collectstatic", "--noinput")
        server.start()
        return server

    yield make
    for server in made:
        server.stop()
    for name in scratch:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
