#!/usr/bin/env bash
# `make serve-scale`: the scale configuration on this machine, from a fresh clone.
# PostgreSQL and Redis (started here if they are local and not running), migrations, the
# deck and the static files, then the job consumer and WORKERS granian workers, DEBUG off.
# See docs/scaling.md, "The scale configuration".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/rejection_scale}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEBUG=false
export DATA_DIR="${DATA_DIR:-$PWD/data}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on this machine. Behind a proxy that ends TLS, set these back to true.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SECURE_COOKIES="${SECURE_COOKIES:-false}"

# A real secret, made once and kept in DATA_DIR, unless one is given.
if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  export SECRET_KEY_FILE="$DATA_DIR/secret_key"
  if [ ! -s "$SECRET_KEY_FILE" ]; then
    mkdir -p "$DATA_DIR"
    (umask 077 && "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(64))" >"$SECRET_KEY_FILE")
    echo "  Made a secret key in $SECRET_KEY_FILE (keep it: sessions and reset links depend on it)."
  fi
fi

# Which host and port each service is on, to start the local ones that are not running.
read -r PG_HOST PG_PORT DB_NAME REDIS_HOST REDIS_PORT < <("$BIN/python" - <<'PY'
import os
from urllib.parse import urlsplit
db, redis = urlsplit(os.environ["DATABASE_URL"]), urlsplit(os.environ["REDIS_URL"])
print(db.hostname or "127.0.0.1", db.port or 5432, db.path.lstrip("/"),
      redis.hostname or "127.0.0.1", redis.port or 6379)
PY
)
local_host() { [ "$1" = 127.0.0.1 ] || [ "$1" = localhost ]; }

if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
  local_host "$PG_HOST" || { echo "PostgreSQL at $PG_HOST:$PG_PORT is not answering." >&2; exit 1; }
  echo "  Starting PostgreSQL..."
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
fi
if ! redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  local_host "$REDIS_HOST" || { echo "Redis at $REDIS_HOST:$REDIS_PORT is not answering." >&2; exit 1; }
  echo "  Starting Redis..."
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir /tmp
  for _ in $(seq 1 30); do redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 1; done
fi

# The database itself, made on first run (the URL's user must be allowed to create one).
"$BIN/python" - <<'PY'
import os
from urllib.parse import urlsplit, urlunsplit
import psycopg
url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"  Created the database {name}.")
PY

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py loaddeck
"$BIN/python" manage.py collectstatic --noinput --verbosity 0

export WORKERS="${WORKERS:-4}" JOB_WORKERS="${JOB_WORKERS:-2}"
echo ""
echo "  Rejection Therapy (scale configuration) on http://${HOST:-127.0.0.1}:${PORT:-8000}/"
echo "  PostgreSQL $PG_HOST:$PG_PORT/$DB_NAME, Redis $REDIS_HOST:$REDIS_PORT,"
echo "  $WORKERS granian workers and a job consumer with $JOB_WORKERS workers. Stop with Ctrl+C."
echo ""
exec bash scripts/serve.sh
