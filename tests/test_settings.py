"""Settings are strict: production refuses a default secret, booleans mean yes or no."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from rejection.core.env import env_bool, env_int, env_list, env_str


def boot(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the real settings in a fresh interpreter with only the given variables."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    clean.update(env)
    code = "import rejection.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True)


def test_production_refuses_a_missing_or_short_secret() -> None:
    assert "SECRET_KEY must be set" in boot(DEBUG="false").stderr
    assert "SECRET_KEY must be set" in boot(DEBUG="false", SECRET_KEY="short").stderr
    ok = boot(DEBUG="false", SECRET_KEY="k" * 60)
    assert ok.returncode == 0, ok.stderr
    assert "False rejection.core.backends.sqlite3" in ok.stdout


def test_development_runs_with_no_configuration() -> None:
    result = boot(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_database_url_switches_to_postgresql() -> None:
    result = boot(DEBUG="true", DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test")
    # Django's backend with the health check that skips a connection just used.
    assert "rejection.core.backends.postgresql" in result.stdout


def test_secret_can_come_from_a_file(tmp_path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s" * 64 + "\n")
    assert boot(DEBUG="false", SECRET_KEY_FILE=str(secret)).returncode == 0


def test_booleans_are_parsed_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG")
    monkeypatch.setenv("NUMBER", "12x")
    with pytest.raises(ImproperlyConfigured):
        env_int("NUMBER", 1)
    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.delenv("NOTHING", raising=False)
    assert env_str("NOTHING", "fallback") == "fallback"


def test_passwords_are_hashed_with_argon2() -> None:
    from rejection import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sqlite_uses_wal_and_immediate_transactions() -> None:
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5
