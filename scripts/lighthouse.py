"""`make lighthouse`: Lighthouse 12 (mobile preset) on the landing page, Today, Log and Progress.

Starts the app itself as production would (DEBUG off, collectstatic, granian) on a throwaway
SQLite under a temporary folder, with the demo account's 60 days of history, signs it in,
runs npm's lighthouse@12.2.3 (installed in .node/, which git ignores) against Debian's
Chromium, and prints one row per page. Targets: accessibility and best practices 100,
performance 90 or more; exits 1 when a page misses one. Not part of `make test`.
Reads PORT (default 8022) and LIGHTHOUSE (the lighthouse binary).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GRANIAN = ROOT / ".venv" / "bin" / "granian"
LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / ".node/node_modules/.bin/lighthouse"))
CHROMIUM = "/usr/bin/chromium"
PAGES = [
    ("Landing", "/", False),
    ("Today", "/today/", True),
    ("Log", "/log/", True),
    ("Progress", "/progress/", True),
]
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100}


def _env(data: Path, port: int) -> dict[str, str]:
    return os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATA_DIR": str(data),
        "DATABASE_URL": "",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "JOBS_IMMEDIATE": "true",
        "PORT": str(port),
    }


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return done.stdout.decode()


def _session(env: dict[str, str]) -> str:
    """Seed the demo account and return a signed-in session cookie for it."""
    _manage(env, "seed_demo", "--seed", "7")
    code = (
        "from django.contrib.auth import get_user_model; from django.test import Client;"
        "c = Client(); c.force_login(get_user_model().objects.get(username='demo'));"
        "print(c.cookies['sessionid'].value)"
    )
    return _manage(env, "shell", "-c", code).strip().splitlines()[-1]


def _wait(port: int, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"The app did not start on port {port}.")


def _run(url: str, cookie: str | None, out: Path) -> dict[str, object]:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={cookie}"}))
    # Lighthouse sometimes loses the trace of a load (NO_NAVSTART) and asks to be run again.
    for attempt in range(1, 4):
        if subprocess.run(command, cwd=ROOT).returncode == 0:
            break
        print(f"Lighthouse failed on {url} (attempt {attempt} of 3).", file=sys.stderr)
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}.")
    return json.loads(out.read_text())


def _misses(report: dict[str, object]) -> list[str]:
    """The audits that cost points, for the lines under the table."""
    audits: dict[str, dict[str, object]] = report["audits"]  # type: ignore[assignment]
    found = []
    for name in ("accessibility", "best-practices"):
        category: dict[str, object] = report["categories"][name]  # type: ignore[index]
        for ref in category["auditRefs"]:  # type: ignore[attr-defined]
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items", [])  # type: ignore[attr-defined]
                nodes = [i["node"].get("selector", "") for i in items if "node" in i][:3]
                found.append(f"{name}: {audit['id']} ({audit['title']}) at {', '.join(nodes)}")
    return found


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: `make lighthouse` installs it.")
    port = int(os.environ.get("PORT") or 8022)
    data = Path(tempfile.mkdtemp(prefix="rt-lighthouse-"))
    env = _env(data, port)
    server = None
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "loaddeck")
        _manage(env, "collectstatic", "--noinput")
        cookie = _session(env)
        server = subprocess.Popen(
            [
                *(str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
                *("--workers", "1", "--blocking-threads", "4", "rejection.wsgi:application"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(port)
        rows, notes, ok = [], [], True
        for name, path, signed_in in PAGES:
            report = _run(f"http://127.0.0.1:{port}{path}", cookie if signed_in else None,
                          data / f"{name}.json")  # fmt: skip
            final = report["finalDisplayedUrl"]  # type: ignore[index]
            if not str(final).endswith(path):
                raise SystemExit(f"{name}: Lighthouse ended on {final}, not {path}.")
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}  # type: ignore[index]
            ok &= all(scores[c] >= TARGETS[c] for c in CATEGORIES)
            rows.append((name, path, scores))
            notes += [f"{name}: {line}" for line in _misses(report)]
        print()
        print(f"Lighthouse {report['lighthouseVersion']}, mobile preset, {CHROMIUM}")  # type: ignore[index]
        head = ("Page", "Path", "Performance", "Accessibility", "Best practices")
        print(f"{head[0]:<10} {head[1]:<11} {head[2]:>11} {head[3]:>13} {head[4]:>14}")
        for name, path, s in rows:
            print(f"{name:<10} {path:<11} {s['performance']:>11} {s['accessibility']:>13} "
                  f"{s['best-practices']:>14}")  # fmt: skip
        print(f"{'Target':<22} {'>= 90':>11} {'100':>13} {'100':>14}")
        for line in notes:
            print("  " + line)
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
