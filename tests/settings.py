"""Settings for the test suite: the real settings with a throwaway secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("STATIC_MANIFEST", "false")
# The test client and the live server speak plain HTTP; production redirects to HTTPS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Background jobs run inline, inside the request's transaction, so a test sees their effect
# (tests/rules/test_coach.py switches the queue on to test the real path).
os.environ.setdefault("JOBS_IMMEDIATE", "true")
# A fixed web-push key for the tests only (reminders); production makes its own.
os.environ.setdefault("VAPID_PRIVATE_KEY", "5cHOQ_0u55hsc-BAjOvIKswk03GxM_JmE4bNhlgZLJM")

from rejection.settings import *  # noqa: F403

# The API's per-token limit adds what each process counted to the shared counter on every
# request here (production: once a second), so a request's query count never depends on
# how long the one before it took. tests/test_signed_in_floor.py tests the production value.
API_THROTTLE_SYNC_SECONDS = 0

# pytest-django knows SQLite by Django's ENGINE name only: for ours (a subclass) it would name
# each xdist worker's test database after the file's path. Keep it in memory, as for Django's.
if DATABASES["default"]["ENGINE"] == "rejection.core.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
