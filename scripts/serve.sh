#!/usr/bin/env bash
# Serve the app: granian, and beside it the huey consumer that runs the background jobs.
# Ctrl+C (or TERM) stops both, and if either one dies the other is stopped too.
# Used by `make run` and `make serve-scale`; reads HOST, PORT, WORKERS and JOB_WORKERS.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
pids=()

stop() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null || true
  wait || true
}
trap stop INT TERM EXIT

# With JOBS_IMMEDIATE on, jobs run inside the requests and there is nothing to consume.
case "${JOBS_IMMEDIATE:-false}" in
  1 | [Tt]rue | [Yy]es | [Oo]n) ;;
  *)
    "$BIN/python" manage.py run_huey --workers "${JOB_WORKERS:-2}" &
    pids+=($!)
    ;;
esac

"$BIN/granian" --interface wsgi --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" \
  --workers "${WORKERS:-1}" --blocking-threads 4 --backpressure 16 rejection.wsgi:application &
pids+=($!)

wait -n
